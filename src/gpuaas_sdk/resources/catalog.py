from __future__ import annotations

from collections.abc import Mapping
from typing import TypedDict

from gpuaas_api.api.catalog import create_price_quote, get_sku, list_regions, list_skus
from gpuaas_api.models import PriceQuote, PriceQuoteRequest, RegionPage, Sku, SkuPage

from .._core.call import Call, unset_if_none
from ._selection import Requirements


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
