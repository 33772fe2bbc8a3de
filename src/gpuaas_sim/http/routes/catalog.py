"""SKUs with live availability and prices, regions, quotes, capacity holds and watches."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ...platform.catalog import Sku
from ...platform.errors import ApiError
from ..pagination import page_of
from ..registry import Call, operation


def _sku_json(call: Call, sku: Sku, now: datetime) -> dict[str, Any]:
    book = call.sim.allocation_book
    return {
        "id": sku.id,
        "gpu_model": sku.gpu_model,
        "gpu_memory_gb": sku.gpu_memory_gb,
        "gpus_per_node": sku.gpus_per_node,
        "price_per_gpu_hour_minor": call.sim.pricing.price_of(sku, now),
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
        and (max_price is None or call.sim.pricing.price_of(sku, now) <= max_price)
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
    quote = call.sim.quotes.create(
        call.caller,
        sku_id=body["sku"],
        gpus_total=body["gpus_total"],
        hours=body["hours"],
        region_code=body.get("region_code"),
    )
    return quote.to_json()


@operation("getPriceQuote")
def get_price_quote(call: Call) -> dict[str, Any]:
    return call.sim.quotes.get(call.caller, call.path["quote_id"]).to_json()


# -- capacity holds ---------------------------------------------------------------


@operation("createCapacityHold")
def create_capacity_hold(call: Call) -> dict[str, Any]:
    body, sim = call.body, call.sim
    hold = sim.launcher.create_hold(
        call.caller,
        sku_id=body["sku"],
        gpus_total=body["gpus_total"],
        region_code=body["region_code"],
        seconds=body["seconds"],
        project_id=body.get("project_id"),
    )
    return hold.to_json(sim.clock.now())


@operation("listCapacityHolds")
def list_capacity_holds(call: Call) -> dict[str, Any]:
    now = call.sim.clock.now()
    return page_of(
        call.query,
        call.sim.holds.visible_to(call.caller),
        kind="holds",
        position=lambda h: h.seq,
        render=lambda h: h.to_json(now),
        descending=True,
    )


@operation("getCapacityHold")
def get_capacity_hold(call: Call) -> dict[str, Any]:
    return call.sim.holds.get(call.caller, call.path["hold_id"]).to_json(call.sim.clock.now())


@operation("releaseCapacityHold")
def release_capacity_hold(call: Call) -> dict[str, Any]:
    hold = call.sim.holds.release(call.caller, call.path["hold_id"])
    return hold.to_json(call.sim.clock.now())


# -- capacity watches -------------------------------------------------------------


@operation("createCapacityWatch")
def create_capacity_watch(call: Call) -> dict[str, Any]:
    body, sim = call.body, call.sim
    sku = sim.catalog.sku(body["sku"])
    if sku is None:
        raise ApiError("sku_not_found", f"No SKU {body['sku']!r}.", details={"sku": body["sku"]})
    watch = sim.capacity_watches.create(
        call.caller,
        sku=sku,
        gpus_total=body["gpus_total"],
        region_code=body.get("region_code"),
        timeout_seconds=body.get("timeout_seconds"),
    )
    return watch.to_json(sim.clock.now())


@operation("listCapacityWatches")
def list_capacity_watches(call: Call) -> dict[str, Any]:
    now = call.sim.clock.now()
    return page_of(
        call.query,
        call.sim.capacity_watches.visible_to(call.caller),
        kind="capacity-watches",
        position=lambda w: w.seq,
        render=lambda w: w.to_json(now),
        descending=True,
    )


@operation("getCapacityWatch")
def get_capacity_watch(call: Call) -> dict[str, Any]:
    watch = call.sim.capacity_watches.get(call.caller, call.path["watch_id"])
    return watch.to_json(call.sim.clock.now())


@operation("cancelCapacityWatch")
def cancel_capacity_watch(call: Call) -> dict[str, Any]:
    watch = call.sim.capacity_watches.cancel(call.caller, call.path["watch_id"])
    return watch.to_json(call.sim.clock.now())
