"""Fleets: allocations launched together, all or nothing.

Every member is placed when the fleet is created; a placement can fail (its node never
comes up: the `placement_drop` fault). The fleet is decided at the moment its members
would become active (`decided_at`): with at least `min_count` members up it is `active`;
otherwise every member is released at that moment, before any became active, so nothing
is billed. All of it is written into the members' timelines at creation, so the fleet's
state, like an allocation's, is read off the clock.
"""

from __future__ import annotations

import random
import threading
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ..runtime.clock import SimClock, format_time
from ..runtime.state_codec import PersistedFields
from .allocations import HOLDING_STATES, Allocation, AllocationBook
from .errors import ApiError
from .identity import Principal
from .ids import fresh_id

__all__ = ["Fleet", "FleetBook", "FleetStatusSource"]


@dataclass
class Fleet:
    id: str
    seq: int
    tenant_id: str
    project_id: str
    created_by: str
    sku: str
    gpus_total: int
    count: int
    min_count: int
    region_code: str
    price_per_gpu_hour_minor: int
    currency: str
    created_at: datetime
    decided_at: datetime
    came_up: bool
    quote_id: str | None = None
    hold_id: str | None = None
    failure_reason: str | None = None
    released_at: datetime | None = None
    allocation_ids: list[str] = field(default_factory=list)


class FleetBook(PersistedFields):
    """Every fleet; their state is read off their members."""

    def __init__(self, book: AllocationBook, clock: SimClock, seed: int) -> None:
        self.book = book
        self.clock = clock
        self.fleets: dict[str, Fleet] = {}
        self._rng = random.Random(f"fleets-{seed}")
        self._seq = 0
        self._lock = threading.RLock()

    # -- state -----------------------------------------------------------------

    def members(self, fleet: Fleet) -> list[Allocation]:
        allocations = self.book.allocations
        return [allocations[a] for a in fleet.allocation_ids if a in allocations]

    def timeline(self, fleet: Fleet) -> list[tuple[datetime, str]]:
        """The fleet's transitions, oldest first: what its status and events are read from."""
        steps = [(fleet.created_at, "provisioning")]
        ends = [self._end_of(m) for m in self.members(fleet)]
        known = [e for e in ends if e is not None]
        released = fleet.released_at
        if released is not None and released < fleet.decided_at:  # let go before it came up
            return [*steps, (released, "releasing"), (max([released, *known]), "released")]
        steps.append((fleet.decided_at, "active" if fleet.came_up else "failed"))
        if fleet.came_up:
            if released is not None:
                steps.append((released, "releasing"))
                steps.append((max([released, *known]), "released"))
            elif ends and len(known) == len(ends):
                steps.append((max(known), "released"))
        return steps

    def _end_of(self, member: Allocation) -> datetime | None:
        """When the member stopped holding GPUs for good (None: it still may)."""
        last = member.timeline[-1]
        return last.at if last.status not in HOLDING_STATES else None

    def status_at(self, fleet: Fleet, now: datetime) -> tuple[str, datetime]:
        current = (fleet.created_at, "provisioning")
        for at, status in self.timeline(fleet):
            if at > now:
                break
            current = (at, status)
        return current[1], current[0]

    def render(self, fleet: Fleet, now: datetime) -> dict[str, Any]:
        status, updated_at = self.status_at(fleet, now)
        members = self.members(fleet)
        return {
            "id": fleet.id,
            "status": status,
            "sku": fleet.sku,
            "gpus_total": fleet.gpus_total,
            "count": fleet.count,
            "min_count": fleet.min_count,
            "region_code": fleet.region_code,
            "project_id": fleet.project_id,
            "allocation_ids": list(fleet.allocation_ids),
            "active_count": sum(1 for m in members if m.status_at(now) == "active"),
            "failed_count": sum(
                1 for m in members if m.timeline[-1].status == "failed" and m.timeline[-1].at <= now
            ),
            "price_per_gpu_hour_minor": fleet.price_per_gpu_hour_minor,
            "currency": fleet.currency,
            "quote_id": fleet.quote_id,
            "hold_id": fleet.hold_id,
            "created_at": format_time(fleet.created_at),
            "updated_at": format_time(updated_at),
            "failure_reason": fleet.failure_reason if status == "failed" else None,
        }

    def upcoming(self, fleet: Fleet) -> list[datetime]:
        """Times of its transitions (poll hints)."""
        return [at for at, _ in self.timeline(fleet)]

    # -- reads and writes ------------------------------------------------------

    def visible_to(self, principal: Principal) -> list[Fleet]:
        mine = [f for f in self.fleets.values() if f.tenant_id == principal.tenant_id]
        return sorted(mine, key=lambda f: f.seq, reverse=True)

    def get(self, principal: Principal, fleet_id: str) -> Fleet:
        fleet = self.fleets.get(fleet_id)
        if fleet is None or fleet.tenant_id != principal.tenant_id:
            raise ApiError(
                "fleet_not_found",
                f"No fleet {fleet_id!r} is visible to the caller.",
                details={"fleet_id": fleet_id},
            )
        return fleet

    def new_id(self) -> tuple[str, int]:
        with self._lock:
            self._seq += 1
            fleet_id = fresh_id(self._rng, "flt", self.fleets)
            return fleet_id, self._seq

    def add(self, fleet: Fleet) -> None:
        with self._lock:
            self.fleets[fleet.id] = fleet

    def release(self, principal: Principal, fleet_id: str) -> Fleet:
        """Release every member still holding GPUs (a failed or released fleet: unchanged)."""
        with self._lock:
            fleet = self.get(principal, fleet_id)
            now = self.clock.now()
            status, _ = self.status_at(fleet, now)
            if status in ("failed", "releasing", "released"):
                return fleet
            fleet.released_at = now
            for member in self.members(fleet):
                member.release(now, self.book.config.release_delay)
            return fleet

    @staticmethod
    def _state_spec() -> dict[str, Any]:
        return {"fleets": dict[str, Fleet], "_seq": int, "_rng": random.Random}


class FleetStatusSource:
    """`fleet.status_changed` for every transition of every fleet, once each (an event source)."""

    def __init__(self, fleets: FleetBook) -> None:
        self._fleets = fleets
        self._published: dict[str, int] = {}
        self._lock = threading.Lock()

    def __call__(self, now: datetime) -> list[dict[str, Any]]:
        events: list[dict[str, Any]] = []
        with self._lock:
            for fleet in list(self._fleets.fleets.values()):
                steps = self._fleets.timeline(fleet)
                done = self._published.get(fleet.id, 0)
                due = done
                while due < len(steps) and steps[due][0] <= now:
                    at, status = steps[due]
                    members = self._fleets.members(fleet)
                    events.append(
                        {
                            "type": "fleet.status_changed",
                            "occurred_at": format_time(at),
                            "tenant_id": fleet.tenant_id,
                            "fleet_id": fleet.id,
                            "status": status,
                            "previous_status": steps[due - 1][1] if due else None,
                            "active_count": sum(1 for m in members if m.status_at(at) == "active"),
                            "failure_reason": fleet.failure_reason if status == "failed" else None,
                        }
                    )
                    due += 1
                self._published[fleet.id] = due
        return events

    def snapshot(self) -> dict[str, Any]:
        with self._lock:
            return {"published": dict(self._published)}

    def restore(self, data: dict[str, Any]) -> None:
        with self._lock:
            self._published = {str(k): int(v) for k, v in data.get("published", {}).items()}
