"""`client.fleets`: allocations launched together (`allocations.create_fleet`), as a resource."""

from __future__ import annotations

from gpuaas_api.api.fleets import get_fleet, list_fleets, release_fleet
from gpuaas_api.models import Fleet, FleetPage

from .._core.call import Call, unset_if_none


def _get(fleet_id: str) -> Call[Fleet]:
    return Call(get_fleet, {"fleet_id": fleet_id}, Fleet)


def _list(cursor: str | None, limit: int | None) -> Call[FleetPage]:
    return Call(
        list_fleets, {"cursor": unset_if_none(cursor), "limit": unset_if_none(limit)}, FleetPage
    )


def _release(fleet_id: str, idempotency_key: str | None) -> Call[Fleet]:
    return Call(
        release_fleet,
        {"fleet_id": fleet_id, "idempotency_key": unset_if_none(idempotency_key)},
        Fleet,
    )
