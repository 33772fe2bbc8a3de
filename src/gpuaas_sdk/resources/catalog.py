from __future__ import annotations

from gpuaas_api.api.catalog import get_sku, list_regions, list_skus
from gpuaas_api.models import Region, RegionPage, Sku, SkuPage

from .._pagination import AsyncPager, SyncPager
from .._resource import Call, unset_if_none
from ._base import AsyncResource, SyncResource


def _list_skus(cursor: str | None, region_code: str | None, limit: int | None) -> Call[SkuPage]:
    return Call(
        list_skus,
        {
            "cursor": unset_if_none(cursor),
            "region_code": unset_if_none(region_code),
            "limit": unset_if_none(limit),
        },
        SkuPage,
    )


def _get_sku(sku_id: str) -> Call[Sku]:
    return Call(get_sku, {"sku_id": sku_id}, Sku)


def _list_regions(cursor: str | None, limit: int | None) -> Call[RegionPage]:
    return Call(
        list_regions, {"cursor": unset_if_none(cursor), "limit": unset_if_none(limit)}, RegionPage
    )


class CatalogResource(SyncResource):
    def list_skus(
        self, *, region_code: str | None = None, page_size: int | None = None
    ) -> SyncPager[Sku]:
        """Every SKU (optionally only those offered in a region), fetched lazily."""
        return SyncPager(lambda c: self._run(_list_skus(c, region_code, page_size)))

    def get_sku(self, sku_id: str) -> Sku:
        return self._run(_get_sku(sku_id))

    def list_regions(self, *, page_size: int | None = None) -> SyncPager[Region]:
        return SyncPager(lambda c: self._run(_list_regions(c, page_size)))


class AsyncCatalogResource(AsyncResource):
    def list_skus(
        self, *, region_code: str | None = None, page_size: int | None = None
    ) -> AsyncPager[Sku]:
        """Every SKU (optionally only those offered in a region), fetched lazily."""
        return AsyncPager(lambda c: self._run(_list_skus(c, region_code, page_size)))

    async def get_sku(self, sku_id: str) -> Sku:
        return await self._run(_get_sku(sku_id))

    def list_regions(self, *, page_size: int | None = None) -> AsyncPager[Region]:
        return AsyncPager(lambda c: self._run(_list_regions(c, page_size)))
