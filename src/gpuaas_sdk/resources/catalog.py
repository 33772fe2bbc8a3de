from __future__ import annotations

from collections.abc import Mapping
from typing import TypedDict

from gpuaas_api.api.catalog import (
    cancel_capacity_watch,
    create_capacity_hold,
    create_capacity_watch,
    create_price_quote,
    get_capacity_hold,
    get_capacity_watch,
    get_price_quote,
    get_sku,
    list_capacity_holds,
    list_capacity_watches,
    list_regions,
    list_skus,
    release_capacity_hold,
)
from gpuaas_api.models import (
    CapacityHold,
    CapacityHoldCreate,
    CapacityHoldPage,
    CapacityWatch,
    CapacityWatchCreate,
    CapacityWatchPage,
    PriceQuote,
    PriceQuoteRequest,
    RegionPage,
    Sku,
    SkuPage,
)

from .._core.call import Call, unset_if_none
from ..errors import ArgumentError
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


def _get_quote(quote_id: str) -> Call[PriceQuote]:
    return Call(get_price_quote, {"quote_id": quote_id}, PriceQuote)


def _hold(
    sku: str,
    gpus_total: int,
    region_code: str,
    seconds: int,
    project_id: str | None,
    idempotency_key: str | None,
) -> Call[CapacityHold]:
    if seconds < 1 or seconds > 900:
        raise ArgumentError(f"a hold lasts 1 to 900 seconds (got {seconds})")
    body = CapacityHoldCreate(
        sku=sku,
        gpus_total=gpus_total,
        region_code=region_code,
        seconds=seconds,
        project_id=unset_if_none(project_id),
    )
    return Call(
        create_capacity_hold,
        {"body": body, "idempotency_key": unset_if_none(idempotency_key)},
        CapacityHold,
    )


def _get_hold(hold_id: str) -> Call[CapacityHold]:
    return Call(get_capacity_hold, {"hold_id": hold_id}, CapacityHold)


def _list_holds(cursor: str | None, limit: int | None) -> Call[CapacityHoldPage]:
    return Call(
        list_capacity_holds,
        {"cursor": unset_if_none(cursor), "limit": unset_if_none(limit)},
        CapacityHoldPage,
    )


def _release_hold(hold_id: str) -> Call[CapacityHold]:
    return Call(release_capacity_hold, {"hold_id": hold_id}, CapacityHold)


def _watch(
    sku: str, gpus_total: int, region_code: str | None, timeout_seconds: int | None
) -> Call[CapacityWatch]:
    body = CapacityWatchCreate(
        sku=sku,
        gpus_total=gpus_total,
        region_code=unset_if_none(region_code),
        timeout_seconds=unset_if_none(timeout_seconds),
    )
    return Call(create_capacity_watch, {"body": body}, CapacityWatch)


def _get_watch(watch_id: str) -> Call[CapacityWatch]:
    return Call(get_capacity_watch, {"watch_id": watch_id}, CapacityWatch)


def _list_watches(cursor: str | None, limit: int | None) -> Call[CapacityWatchPage]:
    return Call(
        list_capacity_watches,
        {"cursor": unset_if_none(cursor), "limit": unset_if_none(limit)},
        CapacityWatchPage,
    )


def _cancel_watch(watch_id: str) -> Call[CapacityWatch]:
    return Call(cancel_capacity_watch, {"watch_id": watch_id}, CapacityWatch)


def _watch_window(timeout: float) -> int:
    """A watch lasting a little longer than the wait (the platform's limit is a week)."""
    if timeout <= 0:
        raise ArgumentError(f"timeout must be positive seconds (got {timeout})")
    return min(604_800, int(timeout) + 60)


def _region(region: str | None, region_code: str | None) -> str | None:
    if region is not None and region_code is not None and region != region_code:
        raise ArgumentError(f"region={region!r} and region_code={region_code!r} disagree")
    return region_code if region_code is not None else region


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
