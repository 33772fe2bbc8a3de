"""catalog"""

from __future__ import annotations

from typing import TYPE_CHECKING, Unpack

from gpuaas_api.models import PriceQuote, Region, Sku

from ..._core._async.pager import AsyncPager
from ..._core.call import RequestOptions
from .._lazy import RawResponses
from .._selection import Placement, cheapest
from ..catalog import _get_sku, _list_regions, _list_skus, _narrowing, _quote, _requirements
from ._base import AsyncAPIResource

if TYPE_CHECKING:
    from .._raw import AsyncCatalogResourceWithRawResponse


class AsyncCatalogResource(AsyncAPIResource):
    with_raw_response: RawResponses[AsyncCatalogResourceWithRawResponse] = RawResponses()
    """Each method, returning its HTTP answer beside its result (`RawResponse`)."""

    def list_skus(
        self,
        *,
        region_code: str | None = None,
        gpu_model: str | None = None,
        min_gpu_memory_gb: int | None = None,
        max_price_per_gpu_hour_minor: int | None = None,
        available_only: bool | None = None,
        page_size: int | None = None,
        **options: Unpack[RequestOptions],
    ) -> AsyncPager[Sku]:
        """Every SKU meeting the filters, fetched lazily."""
        filters = {k: v for k, v in locals().items() if k not in ("self", "page_size", "options")}
        return AsyncPager(lambda c: self._run(_list_skus(c, page_size, filters), options))

    async def find(
        self,
        gpu: str | None = None,
        *,
        gpus: int | None = None,
        min_gpu_memory_gb: int | None = None,
        region_code: str | None = None,
        max_price_per_gpu_hour_minor: int | None = None,
        **options: Unpack[RequestOptions],
    ) -> Placement | None:
        """The cheapest SKU and region with free GPUs for the request, or None.

        `gpu` takes shorthand: `"h200:8"`, `"a100"`, `"gpu:40gb:4"`.
        """
        wanted = _requirements(
            gpu, gpus, min_gpu_memory_gb, region_code, max_price_per_gpu_hour_minor
        )
        return cheapest(
            [sku async for sku in self.list_skus(**_narrowing(wanted), **options)], wanted
        )

    async def get_sku(self, sku_id: str, **options: Unpack[RequestOptions]) -> Sku:
        """One SKU by id (`h200-sxm-slice`): its GPUs, price and availability per region."""
        return await self._run(_get_sku(sku_id), options)

    async def quote(
        self,
        *,
        sku: str,
        gpus_total: int,
        hours: float,
        region_code: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> PriceQuote:
        """What `gpus_total` GPUs of `sku` cost for `hours`, honoured until `valid_until`."""
        return await self._run(_quote(sku, gpus_total, hours, region_code), options)

    def list_regions(
        self, *, page_size: int | None = None, **options: Unpack[RequestOptions]
    ) -> AsyncPager[Region]:
        """Every region SKUs can be placed in (`us-buffalo-1`), fetched lazily."""
        return AsyncPager(lambda c: self._run(_list_regions(c, page_size), options))
