"""`client.allocations`: the calls its classes make (`_async/allocations.py`, `_sync/`)."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

from gpuaas_api.api.allocations import (
    create_allocation,
    get_allocation,
    get_allocation_connection,
    list_allocations,
    mint_terminal_token,
    release_allocation,
)
from gpuaas_api.api.fleets import create_fleet
from gpuaas_api.models import (
    Allocation,
    AllocationCreate,
    AllocationPage,
    AllocationStatus,
    Connection,
    Fleet,
    FleetCreate,
    TerminalToken,
    VolumeMount,
)

from .._core.call import Call, unset_if_none
from ..errors import ArgumentError
from ._selection import Placement


def _list(cursor: str | None, status: str | None, limit: int | None) -> Call[AllocationPage]:
    return Call(
        list_allocations,
        {
            "cursor": unset_if_none(cursor),
            "status": unset_if_none(AllocationStatus(status) if status else None),
            "limit": unset_if_none(limit),
        },
        AllocationPage,
    )


def _get(allocation_id: str) -> Call[Allocation]:
    return Call(get_allocation, {"allocation_id": allocation_id}, Allocation)


@dataclass(frozen=True)
class Terms:
    """The capacity-and-money options of a create, all optional (see `create`)."""

    quote_id: str | None = None
    max_price_per_gpu_hour_minor: int | None = None
    hold_id: str | None = None
    reservation_id: str | None = None
    lease_seconds: int | None = None
    max_runtime_seconds: int | None = None
    volumes: Mapping[str, str] | None = None
    """Mount point -> volume id (`{"/data": "vol-..."}`)."""

    def mounts(self) -> list[VolumeMount] | None:
        if self.volumes is None:
            return None
        for point in self.volumes:
            if not isinstance(point, str) or not point.startswith("/") or point == "/":
                raise ArgumentError(
                    f"volumes maps mount points to volume ids, e.g. {{'/data': 'vol-1'}};"
                    f" {point!r} is not an absolute path below /"
                )
        return [VolumeMount(volume_id=v, mount_point=p) for p, v in self.volumes.items()]


def _placed(
    sku: str | None, gpus_total: int | None, placement: Placement | None
) -> tuple[str, int, str | None]:
    """(sku, gpus_total, region chosen) from explicit arguments or a shorthand's placement."""
    if placement is not None:
        return placement.sku.id, placement.gpus_total, placement.region_code
    if sku is None or gpus_total is None:
        raise ArgumentError("say what to allocate: sku= and gpus_total=, or gpu='h200:8'")
    return sku, gpus_total, None


def _create(
    sku: str,
    gpus_total: int,
    region_code: str | None,
    project_id: str | None,
    ssh_key_ids: Collection[str] | None,
    idempotency_key: str | None,
    terms: Terms = Terms(),
) -> Call[Allocation]:
    body = AllocationCreate(
        sku=sku,
        gpus_total=gpus_total,
        region_code=unset_if_none(region_code),
        project_id=unset_if_none(project_id),
        ssh_key_ids=unset_if_none(list(ssh_key_ids) if ssh_key_ids is not None else None),
        quote_id=unset_if_none(terms.quote_id),
        max_price_per_gpu_hour_minor=unset_if_none(terms.max_price_per_gpu_hour_minor),
        hold_id=unset_if_none(terms.hold_id),
        reservation_id=unset_if_none(terms.reservation_id),
        lease_seconds=unset_if_none(terms.lease_seconds),
        max_runtime_seconds=unset_if_none(terms.max_runtime_seconds),
        volumes=unset_if_none(terms.mounts()),
    )
    return Call(
        create_allocation,
        {"body": body, "idempotency_key": unset_if_none(idempotency_key)},
        Allocation,
    )


def _create_fleet(
    sku: str,
    gpus_total: int,
    count: int,
    min_count: int | None,
    region_code: str | None,
    project_id: str | None,
    ssh_key_ids: Collection[str] | None,
    idempotency_key: str,
    terms: Terms,
) -> Call[Fleet]:
    if count < 1 or (min_count is not None and not 1 <= min_count <= count):
        raise ArgumentError(
            f"a fleet needs count >= 1 and 1 <= min_count <= count"
            f" (got count={count}, min_count={min_count})"
        )
    if terms.reservation_id is not None or terms.volumes:
        raise ArgumentError("a fleet's members take neither a reservation nor volumes")
    body = FleetCreate(
        sku=sku,
        gpus_total=gpus_total,
        count=count,
        min_count=unset_if_none(min_count),
        region_code=unset_if_none(region_code),
        project_id=unset_if_none(project_id),
        ssh_key_ids=unset_if_none(list(ssh_key_ids) if ssh_key_ids is not None else None),
        quote_id=unset_if_none(terms.quote_id),
        max_price_per_gpu_hour_minor=unset_if_none(terms.max_price_per_gpu_hour_minor),
        hold_id=unset_if_none(terms.hold_id),
        lease_seconds=unset_if_none(terms.lease_seconds),
        max_runtime_seconds=unset_if_none(terms.max_runtime_seconds),
    )
    return Call(create_fleet, {"body": body, "idempotency_key": idempotency_key}, Fleet)


def _release(allocation_id: str, idempotency_key: str | None) -> Call[Allocation]:
    return Call(
        release_allocation,
        {"allocation_id": allocation_id, "idempotency_key": unset_if_none(idempotency_key)},
        Allocation,
    )


def _connection(allocation_id: str) -> Call[Connection]:
    return Call(get_allocation_connection, {"allocation_id": allocation_id}, Connection)


def _terminal_token(allocation_id: str) -> Call[TerminalToken]:
    return Call(mint_terminal_token, {"allocation_id": allocation_id}, TerminalToken)
