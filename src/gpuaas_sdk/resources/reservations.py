"""`client.reservations`: GPUs promised for a time window, and the windows that can be reserved."""

from __future__ import annotations

from datetime import datetime

from gpuaas_api.api.reservations import (
    cancel_reservation,
    create_reservation,
    get_reservation,
    get_reservation_availability,
    list_reservations,
)
from gpuaas_api.models import (
    Reservation,
    ReservationAvailability,
    ReservationCreate,
    ReservationPage,
)

from .._core.call import Call, unset_if_none
from ..errors import ArgumentError
from .billing import Instant, _instant


def _availability(
    sku: str,
    gpus_total: int,
    duration_hours: int,
    region_code: str | None,
    earliest_start: Instant | None,
    latest_end: Instant | None,
) -> Call[ReservationAvailability]:
    return Call(
        get_reservation_availability,
        {
            "sku": sku,
            "gpus_total": gpus_total,
            "duration_hours": duration_hours,
            "region_code": unset_if_none(region_code),
            "earliest_start": unset_if_none(_instant("earliest_start", earliest_start)),
            "latest_end": unset_if_none(_instant("latest_end", latest_end)),
        },
        ReservationAvailability,
    )


def _create(
    sku: str,
    gpus_total: int,
    region_code: str,
    start: Instant,
    duration_hours: int,
    auto_renew: bool,
    project_id: str | None,
    idempotency_key: str | None,
) -> Call[Reservation]:
    if isinstance(duration_hours, bool) or not isinstance(duration_hours, int):
        raise ArgumentError(
            f"duration_hours must be a whole number of hours (got {duration_hours!r})"
        )
    begins = _instant("start", start)
    assert isinstance(begins, datetime)
    body = ReservationCreate(
        sku=sku,
        gpus_total=gpus_total,
        region_code=region_code,
        start=begins,
        duration_hours=duration_hours,
        auto_renew=auto_renew,
        project_id=unset_if_none(project_id),
    )
    return Call(
        create_reservation,
        {"body": body, "idempotency_key": unset_if_none(idempotency_key)},
        Reservation,
    )


def _list(cursor: str | None, limit: int | None) -> Call[ReservationPage]:
    return Call(
        list_reservations,
        {"cursor": unset_if_none(cursor), "limit": unset_if_none(limit)},
        ReservationPage,
    )


def _get(reservation_id: str) -> Call[Reservation]:
    return Call(get_reservation, {"reservation_id": reservation_id}, Reservation)


def _cancel(reservation_id: str, idempotency_key: str | None) -> Call[Reservation]:
    return Call(
        cancel_reservation,
        {"reservation_id": reservation_id, "idempotency_key": unset_if_none(idempotency_key)},
        Reservation,
    )
