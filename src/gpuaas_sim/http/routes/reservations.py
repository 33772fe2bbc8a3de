"""Reservations: GPUs promised for a time window, and the windows that can be reserved."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from ...platform.errors import ApiError
from ..pagination import page_of
from ..registry import Call, operation

DEFAULT_LOOKAHEAD = timedelta(days=7)


@operation("getReservationAvailability")
def get_reservation_availability(call: Call) -> dict[str, Any]:
    sim, query = call.sim, call.query
    now = sim.clock.now()
    sku = sim.catalog.sku(query["sku"])
    if sku is None:
        raise ApiError("sku_not_found", f"No SKU {query['sku']!r}.", details={"sku": query["sku"]})
    region = query.get("region_code")
    if region is not None and region not in sku.capacity:
        raise ApiError(
            "validation_error",
            f"{sku.id} is not offered in {region}.",
            details={"errors": [{"field": "region_code", "reason": "SKU not offered there"}]},
        )
    earliest = max(query.get("earliest_start") or now, now)
    latest = query.get("latest_end") or earliest + DEFAULT_LOOKAHEAD
    if latest <= earliest:
        raise ApiError(
            "invalid_request",
            "`latest_end` must be after `earliest_start` (and after now).",
            details={"parameter": "latest_end", "reason": "not after earliest_start"},
        )
    duration = query["duration_hours"]
    slots = sim.reservations.slots(
        sku,
        query["gpus_total"],
        duration,
        [region] if region else list(sku.capacity),
        earliest,
        latest,
        now,
    )
    return {
        "sku": sku.id,
        "gpus_total": query["gpus_total"],
        "duration_hours": duration,
        "price_per_gpu_hour_minor": sim.pricing.price_of(sku, now),
        "currency": sku.currency,
        "slots": slots,
    }


@operation("createReservation")
def create_reservation(call: Call) -> dict[str, Any]:
    sim, body = call.sim, call.body
    reservation = sim.launcher.create_reservation(
        call.caller,
        sku_id=body["sku"],
        gpus_total=body["gpus_total"],
        region_code=body["region_code"],
        start=body["start"],
        duration_hours=body["duration_hours"],
        auto_renew=bool(body.get("auto_renew", False)),
        project_id=body.get("project_id"),
    )
    return sim.reservations.render(reservation, sim.clock.now())


@operation("listReservations")
def list_reservations(call: Call) -> dict[str, Any]:
    book, now = call.sim.reservations, call.sim.clock.now()
    return page_of(
        call.query,
        book.visible_to(call.caller),
        kind="reservations",
        position=lambda r: r.seq,
        render=lambda r: book.render(r, now),
        descending=True,
    )


@operation("getReservation")
def get_reservation(call: Call) -> dict[str, Any]:
    book = call.sim.reservations
    reservation = book.get(call.caller, call.path["reservation_id"])
    return book.render(reservation, call.sim.clock.now())


@operation("cancelReservation")
def cancel_reservation(call: Call) -> dict[str, Any]:
    book = call.sim.reservations
    reservation = book.cancel(call.caller, call.path["reservation_id"])
    return book.render(reservation, call.sim.clock.now())
