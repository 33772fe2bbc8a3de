from __future__ import annotations

from collections.abc import Mapping
from typing import TypedDict

from gpuaas_api.api.catalog import create_price_quote, get_sku, list_regions, list_skus
from gpuaas_api.models import PriceQuote, PriceQuoteRequest, Region, RegionPage, Sku, SkuPage

from .._core.call import Call, unset_if_none
from .._core.pagination import AsyncPager, SyncPager
from ._base import AsyncResource, SyncResource
from ._selection import Placement, Requirements, cheapest


def _list_skus(
    cursor: str | None, limit: int | None, filters: Mapping[str, object]
) -> Call[SkuPage]:
    return Call(
        list_skus,
        {
            "cursor": unset_if_none(cursor),
            "limit": unset_if_none(limit),
            **{name: unset_if_none(value) for name, value in filters.items()},
        },
        SkuPage,
    )


def _quote(sku: str, gpus_total: int, hours: float, region_code: str | None) -> Call[PriceQuote]:
    body = PriceQuoteRequest(
        sku=sku, gpus_total=gpus_total, hours=hours, region_code=unset_if_none(region_code)
    )
    return Call(create_price_quote, {"body": body}, PriceQuote)


def _requirements(
    gpu: str | None,
    gpus: int | None,
    min_gpu_memory_gb: int | None,
    region_code: str | None,
    max_price_per_gpu_hour_minor: int | None,
) -> Requirements:
    return Requirements.of(
        gpu,
        gpus=gpus,
        min_gpu_memory_gb=min_gpu_memory_gb,
        region_code=region_code,
        max_price_per_gpu_hour_minor=max_price_per_gpu_hour_minor,
    )


def _get_sku(sku_id: str) -> Call[Sku]:
    return Call(get_sku, {"sku_id": sku_id}, Sku)


def _list_regions(cursor: str | None, limit: int | None) -> Call[RegionPage]:
    return Call(
        list_regions, {"cursor": unset_if_none(cursor), "limit": unset_if_none(limit)}, RegionPage
    )


class _SkuFilters(TypedDict):
    region_code: str | None
    min_gpu_memory_gb: int | None
    max_price_per_gpu_hour_minor: int | None
    available_only: bool


def _narrowing(wanted: Requirements) -> _SkuFilters:
    """The server-side filters that narrow a search before the local choice."""
    return {
        "region_code": wanted.region_code,
        "min_gpu_memory_gb": wanted.min_gpu_memory_gb,
        "max_price_per_gpu_hour_minor": wanted.max_price_per_gpu_hour_minor,
        "available_only": True,
    }


class CatalogResource(SyncResource):
    def list_skus(
        self,
        *,
        region_code: str | None = None,
        gpu_model: str | None = None,
        min_gpu_memory_gb: int | None = None,
        max_price_per_gpu_hour_minor: int | None = None,
        available_only: bool | None = None,
        page_size: int | None = None,
    ) -> SyncPager[Sku]:
        """Every SKU meeting the filters, fetched lazily."""
        filters = {k: v for k, v in locals().items() if k not in ("self", "page_size")}
        return SyncPager(lambda c: self._run(_list_skus(c, page_size, filters)))

    def find(
        self,
        gpu: str | None = None,
        *,
        gpus: int | None = None,
        min_gpu_memory_gb: int | None = None,
        region_code: str | None = None,
        max_price_per_gpu_hour_minor: int | None = None,
    ) -> Placement | None:
        """The cheapest SKU and region with free GPUs for the request, or None.

        `gpu` takes shorthand: `"h200:8"`, `"a100"`, `"gpu:40gb:4"`.
        """
        wanted = _requirements(
            gpu, gpus, min_gpu_memory_gb, region_code, max_price_per_gpu_hour_minor
        )
        return cheapest(self.list_skus(**_narrowing(wanted)), wanted)

    def get_sku(self, sku_id: str) -> Sku:
        return self._run(_get_sku(sku_id))

    def quote(
        self, *, sku: str, gpus_total: int, hours: float, region_code: str | None = None
    ) -> PriceQuote:
        """What `gpus_total` GPUs of `sku` cost for `hours`, honoured until `valid_until`."""
        return self._run(_quote(sku, gpus_total, hours, region_code))

    def list_regions(self, *, page_size: int | None = None) -> SyncPager[Region]:
        return SyncPager(lambda c: self._run(_list_regions(c, page_size)))


class AsyncCatalogResource(AsyncResource):
    def list_skus(
        self,
        *,
        region_code: str | None = None,
        gpu_model: str | None = None,
        min_gpu_memory_gb: int | None = None,
        max_price_per_gpu_hour_minor: int | None = None,
        available_only: bool | None = None,
        page_size: int | None = None,
    ) -> AsyncPager[Sku]:
        """Every SKU meeting the filters, fetched lazily."""
        filters = {k: v for k, v in locals().items() if k not in ("self", "page_size")}
        return AsyncPager(lambda c: self._run(_list_skus(c, page_size, filters)))

    async def find(
        self,
        gpu: str | None = None,
        *,
        gpus: int | None = None,
        min_gpu_memory_gb: int | None = None,
        region_code: str | None = None,
        max_price_per_gpu_hour_minor: int | None = None,
    ) -> Placement | None:
        """The cheapest SKU and region with free GPUs for the request, or None.

        `gpu` takes shorthand: `"h200:8"`, `"a100"`, `"gpu:40gb:4"`.
        """
        wanted = _requirements(
            gpu, gpus, min_gpu_memory_gb, region_code, max_price_per_gpu_hour_minor
        )
        return cheapest([sku async for sku in self.list_skus(**_narrowing(wanted))], wanted)

    async def get_sku(self, sku_id: str) -> Sku:
        return await self._run(_get_sku(sku_id))

    async def quote(
        self, *, sku: str, gpus_total: int, hours: float, region_code: str | None = None
    ) -> PriceQuote:
        """What `gpus_total` GPUs of `sku` cost for `hours`, honoured until `valid_until`."""
        return await self._run(_quote(sku, gpus_total, hours, region_code))

    def list_regions(self, *, page_size: int | None = None) -> AsyncPager[Region]:
        return AsyncPager(lambda c: self._run(_list_regions(c, page_size)))
