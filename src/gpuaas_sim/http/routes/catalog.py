"""SKUs with live availability, regions and price quotes."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ...platform.catalog import Sku
from ...platform.errors import ApiError
from ...platform.quotes import price_quote
from ..pagination import page_of
from ..registry import Call, operation


def _sku_json(call: Call, sku: Sku, now: datetime) -> dict[str, Any]:
    book = call.sim.allocation_book
    return {
        "id": sku.id,
        "gpu_model": sku.gpu_model,
        "gpu_memory_gb": sku.gpu_memory_gb,
        "gpus_per_node": sku.gpus_per_node,
        "price_per_gpu_hour_minor": sku.price_per_gpu_hour_minor,
        "currency": sku.currency,
        "availability": [
            {"region_code": region, "available_gpus": book.available_gpus(sku, region, now)}
            for region in sku.capacity
        ],
    }


@operation("listSkus")
def list_skus(call: Call) -> dict[str, Any]:
    query, book = call.query, call.sim.allocation_book
    region = query.get("region_code")
    gpu_model = query.get("gpu_model")
    min_memory = query.get("min_gpu_memory_gb")
    max_price = query.get("max_price_per_gpu_hour_minor")
    skus = call.sim.catalog.skus
    order = {sku.id: index for index, sku in enumerate(skus)}
    now = call.sim.clock.now()

    def free(sku: Sku) -> int:
        regions = [region] if region is not None else list(sku.capacity)
        return sum(book.available_gpus(sku, r, now) for r in regions)

    offered = [
        sku
        for sku in skus
        if (region is None or region in sku.capacity)
        and (gpu_model is None or sku.gpu_model.lower() == gpu_model.lower())
        and (min_memory is None or sku.gpu_memory_gb >= min_memory)
        and (max_price is None or sku.price_per_gpu_hour_minor <= max_price)
        and (not query.get("available_only") or free(sku) > 0)
    ]
    return page_of(
        query,
        offered,
        kind="skus",
        position=lambda sku: order[sku.id],
        render=lambda sku: _sku_json(call, sku, now),
    )


@operation("getSku")
def get_sku(call: Call) -> dict[str, Any]:
    sku_id = call.path["sku_id"]
    sku = call.sim.catalog.sku(sku_id)
    if sku is None:
        raise ApiError("sku_not_found", f"No SKU {sku_id!r}.", details={"sku": sku_id})
    return _sku_json(call, sku, call.sim.clock.now())


@operation("listRegions")
def list_regions(call: Call) -> dict[str, Any]:
    regions = call.sim.catalog.regions
    order = {region.code: index for index, region in enumerate(regions)}
    return page_of(
        call.query,
        regions,
        kind="regions",
        position=lambda region: order[region.code],
        render=lambda region: region.to_json(),
    )


@operation("createPriceQuote")
def create_price_quote(call: Call) -> dict[str, Any]:
    body = call.body
    return price_quote(
        call.sim.catalog,
        call.sim.allocation_book,
        call.sim.clock.now(),
        sku_id=body["sku"],
        gpus_total=body["gpus_total"],
        hours=body["hours"],
        region_code=body.get("region_code"),
    )
