"""`client.allocations`: the calls its classes make (`_async/allocations.py`, `_sync/`),
and the rules they share: label selectors, the states a listing takes, what counts as
an orphan.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum
from typing import Literal

from gpuaas_api.api.allocations import (
    create_allocation,
    get_allocation,
    get_allocation_connection,
    list_allocation_logs,
    list_allocations,
    mint_terminal_token,
    release_allocation,
    renew_allocation_lease,
)
from gpuaas_api.api.fleets import create_fleet
from gpuaas_api.models import (
    Allocation,
    AllocationCreate,
    AllocationLogPage,
    AllocationPage,
    AllocationStatus,
    Connection,
    Fleet,
    FleetCreate,
    Labels,
    TerminalToken,
    VolumeMount,
)

from .._core.call import Call, WaitOptions, unset_if_none
from ..errors import ArgumentError
from ._selection import Placement

LIVE_STATES = ("pending", "provisioning", "active")
"""States of an allocation that holds (or will hold) GPUs and can still be released."""
ENDED_STATES = frozenset({"released", "failed"})
SESSION_LEASE_SECONDS = 300
"""The lease a `session()` holds unless told otherwise: a killed process leaks 5 minutes."""


def _states(status: str | Enum | Collection[str | Enum] | None) -> list[AllocationStatus] | None:
    """One state or several, as the listing's `status` parameter takes them."""
    if status is None:
        return None
    wanted = [status] if isinstance(status, str | Enum) else list(status)
    if not wanted:
        raise ArgumentError("status= needs at least one state (or None for every state)")
    known = {s.value for s in AllocationStatus}
    names = [s.value if isinstance(s, Enum) else str(s) for s in wanted]
    unknown = sorted(set(names) - known)
    if unknown:
        raise ArgumentError(
            f"status= takes allocation states: {', '.join(sorted(known))} (got {unknown})"
        )
    return [AllocationStatus(name) for name in dict.fromkeys(names)]


def _label_selectors(labels: Mapping[str, str] | None) -> list[str] | None:
    """`{"run": "nightly-42"}` as the listing's `label` parameter: `["run=nightly-42"]`."""
    if labels is None:
        return None
    if not labels:
        raise ArgumentError("labels= needs at least one key (or None for no label filter)")
    return [f"{key}={value}" for key, value in labels.items()]


def _list(
    cursor: str | None,
    status: str | Enum | Collection[str | Enum] | None,
    labels: Mapping[str, str] | None,
    limit: int | None,
    created_by: str | None = None,
) -> Call[AllocationPage]:
    return Call(
        list_allocations,
        {
            "cursor": unset_if_none(cursor),
            "status": unset_if_none(_states(status)),
            "label": unset_if_none(_label_selectors(labels)),
            "created_by": unset_if_none(created_by),
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
    labels: Mapping[str, str] | None = None

    def labels_model(self) -> Labels | None:
        return Labels.from_dict(dict(self.labels)) if self.labels is not None else None

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
        labels=unset_if_none(terms.labels_model()),
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


def _renew(allocation_id: str) -> Call[Allocation]:
    return Call(renew_allocation_lease, {"allocation_id": allocation_id}, Allocation)


def _logs(
    allocation_id: str,
    cursor: str | None,
    since: datetime | None,
    tail: int | None,
    limit: int | None,
) -> Call[AllocationLogPage]:
    if tail is not None and (isinstance(tail, bool) or tail < 1):
        raise ArgumentError(f"tail must be a positive number of lines (got {tail!r})")
    return Call(
        list_allocation_logs,
        {
            "allocation_id": allocation_id,
            "cursor": unset_if_none(cursor),
            "since": unset_if_none(since),
            "tail": unset_if_none(tail),
            "limit": unset_if_none(limit),
        },
        AllocationLogPage,
    )


def _connection(allocation_id: str) -> Call[Connection]:
    return Call(get_allocation_connection, {"allocation_id": allocation_id}, Connection)


def _terminal_token(allocation_id: str) -> Call[TerminalToken]:
    return Call(mint_terminal_token, {"allocation_id": allocation_id}, TerminalToken)


# -- sessions -------------------------------------------------------------------------


class SessionOptions(WaitOptions, total=False):
    """What `session()` passes on to `create()` (and its per-request options)."""

    region_code: str | None
    project_id: str | None
    ssh_key_ids: Collection[str] | None
    labels: Mapping[str, str] | None
    lease_seconds: int | None
    max_runtime_seconds: int | None
    gpu: str | None
    quote_id: str | None
    max_price_per_gpu_hour_minor: int | None
    hold_id: str | None
    reservation_id: str | None
    volumes: Mapping[str, str] | None


# -- orphans --------------------------------------------------------------------------

OrphanReason = Literal["lease_lapsed", "too_old"]


@dataclass(frozen=True)
class Orphan:
    """A live allocation nobody seems to look after, what it costs, and why it is listed.

    `reason`: `"lease_lapsed"` (its lease ran out without a renewal: its holder is
    gone, and the platform releases it once the grace period ends) or `"too_old"` (it
    has existed longer than `older_than`). `age` is by the platform's clock.
    """

    allocation: Allocation
    reason: OrphanReason
    age: timedelta

    @property
    def cost_per_hour_minor(self) -> int:
        return self.allocation.price_per_hour_minor

    @property
    def currency(self) -> str:
        return self.allocation.currency


def _older_than(value: float | timedelta | None) -> timedelta | None:
    if value is None:
        return None
    age = value if isinstance(value, timedelta) else timedelta(seconds=value)
    if isinstance(value, bool) or age <= timedelta(0):
        raise ArgumentError(f"older_than must be a positive age, in seconds (got {value!r})")
    return age


def orphan_of(allocation: Allocation, now: datetime, older_than: timedelta | None) -> Orphan | None:
    """The allocation as an orphan at the platform's `now`, or None when someone holds it."""
    age = now - allocation.created_at
    expires = allocation.lease_expires_at
    if expires is not None and expires <= now:
        return Orphan(allocation, "lease_lapsed", age)
    if older_than is not None and age >= older_than:
        return Orphan(allocation, "too_old", age)
    return None
