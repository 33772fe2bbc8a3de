"""Capacity watches: "tell me when N GPUs of this SKU are free", answered by an event.

Free capacity changes when an allocation moves (its timeline), a hold lets go, or a
reservation starts or ends; all of these are times on the simulated clock. `settle`
looks at every such moment since a watch was last checked (and at now), in order, and
fires the watch at the first one where enough GPUs are free: so the event carries the
moment the capacity appeared, whoever looks and whenever. Each watch fires once, with
one `capacity.available` event (an event-log source).
"""

from __future__ import annotations

import random
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from ..runtime.clock import SimClock, format_time
from ..runtime.state_codec import PersistedFields
from .allocations import AllocationBook
from .catalog import Sku
from .errors import ApiError
from .identity import Principal
from .ids import fresh_id

__all__ = ["CapacityWatch", "WatchBook"]

DEFAULT_TIMEOUT_SECONDS = 3600

ChangeTimes = Callable[[datetime, datetime], Iterable[datetime]]


@dataclass
class CapacityWatch:
    id: str
    seq: int
    tenant_id: str
    created_by: str
    sku: str
    gpus_total: int
    region_code: str | None
    created_at: datetime
    expires_at: datetime
    checked_at: datetime
    fired_at: datetime | None = None
    fired_region: str | None = None
    fired_gpus: int | None = None
    cancelled_at: datetime | None = None

    def status_at(self, now: datetime) -> str:
        if self.fired_at is not None and self.fired_at <= now:
            return "available"
        if self.cancelled_at is not None:
            return "cancelled"
        return "expired" if now >= self.expires_at else "watching"

    def to_json(self, now: datetime) -> dict[str, Any]:
        fired = self.status_at(now) == "available"
        return {
            "id": self.id,
            "status": self.status_at(now),
            "sku": self.sku,
            "gpus_total": self.gpus_total,
            "region_code": self.region_code,
            "available_region_code": self.fired_region if fired else None,
            "available_gpus": self.fired_gpus if fired else None,
            "created_at": format_time(self.created_at),
            "expires_at": format_time(self.expires_at),
            "fired_at": format_time(self.fired_at) if fired and self.fired_at else None,
        }

    def event(self) -> dict[str, Any]:
        assert self.fired_at is not None, "only a fired watch has an event"
        return {
            "type": "capacity.available",
            "occurred_at": format_time(self.fired_at),
            "tenant_id": self.tenant_id,
            "watch_id": self.id,
            "sku": self.sku,
            "gpus_total": self.gpus_total,
            "region_code": self.fired_region,
            "available_gpus": self.fired_gpus,
        }


class WatchBook(PersistedFields):
    """Every capacity watch; fires them on the simulated clock."""

    def __init__(self, book: AllocationBook, clock: SimClock, seed: int) -> None:
        self.book = book
        self.clock = clock
        self.watches: dict[str, CapacityWatch] = {}
        self.change_sources: list[ChangeTimes] = [self._allocation_changes]
        """When free capacity may have changed; holds and reservations add theirs."""
        self._published: set[str] = set()
        self._rng = random.Random(f"capacity-watches-{seed}")
        self._seq = 0
        self._lock = threading.RLock()

    # -- reads -----------------------------------------------------------------

    def visible_to(self, principal: Principal) -> list[CapacityWatch]:
        self.settle(self.clock.now())
        mine = [w for w in self.watches.values() if w.tenant_id == principal.tenant_id]
        return sorted(mine, key=lambda w: w.seq, reverse=True)

    def get(self, principal: Principal, watch_id: str) -> CapacityWatch:
        self.settle(self.clock.now())
        watch = self.watches.get(watch_id)
        if watch is None or watch.tenant_id != principal.tenant_id:
            raise ApiError(
                "capacity_watch_not_found",
                f"No capacity watch {watch_id!r} is visible to the caller.",
                details={"watch_id": watch_id},
            )
        return watch

    # -- writes ----------------------------------------------------------------

    def create(
        self,
        principal: Principal,
        *,
        sku: Sku,
        gpus_total: int,
        region_code: str | None,
        timeout_seconds: int | None,
    ) -> CapacityWatch:
        problems = []
        if gpus_total > sku.gpus_per_node:
            problems.append(
                ("gpus_total", f"{sku.id} allocations hold at most {sku.gpus_per_node}")
            )
        if region_code is not None and region_code not in sku.capacity:
            problems.append(("region_code", f"{sku.id} is not offered in {region_code}"))
        if problems:
            raise ApiError(
                "validation_error",
                "The capacity watch is not valid: " + "; ".join(r for _, r in problems) + ".",
                details={"errors": [{"field": f, "reason": r} for f, r in problems]},
            )
        with self._lock:
            now = self.clock.now()
            self._seq += 1
            watch_id = fresh_id(self._rng, "cw", self.watches)
            seconds = DEFAULT_TIMEOUT_SECONDS if timeout_seconds is None else timeout_seconds
            watch = CapacityWatch(
                id=watch_id,
                seq=self._seq,
                tenant_id=principal.tenant_id,
                created_by=principal.principal_id,
                sku=sku.id,
                gpus_total=gpus_total,
                region_code=region_code,
                created_at=now,
                expires_at=now + timedelta(seconds=seconds),
                checked_at=now,
            )
            self.watches[watch.id] = watch
            self._look(watch, sku, [now])
            return watch

    def cancel(self, principal: Principal, watch_id: str) -> CapacityWatch:
        with self._lock:
            watch = self.get(principal, watch_id)
            now = self.clock.now()
            if watch.status_at(now) == "watching":
                watch.cancelled_at = now
            return watch

    # -- firing ----------------------------------------------------------------

    def settle(self, now: datetime) -> None:
        """Fire every watching watch whose capacity appeared since it was last checked."""
        with self._lock:
            waiting = [w for w in self.watches.values() if w.status_at(now) == "watching"]
            for watch in waiting:
                sku = self.book.catalog.sku(watch.sku)
                until = min(now, watch.expires_at)
                if sku is None or until <= watch.checked_at:
                    continue
                moments = {until}
                for source in self.change_sources:
                    moments.update(t for t in source(watch.checked_at, until))
                self._look(watch, sku, sorted(moments))
                watch.checked_at = until

    def due_events(self, now: datetime) -> list[dict[str, Any]]:
        """An event-log source: one `capacity.available` per watch that fired."""
        with self._lock:
            self.settle(now)
            fired = [
                w
                for w in self.watches.values()
                if w.fired_at is not None and w.fired_at <= now and w.id not in self._published
            ]
            self._published.update(w.id for w in fired)
        return [w.event() for w in sorted(fired, key=lambda w: w.seq)]

    def _look(self, watch: CapacityWatch, sku: Sku, moments: list[datetime]) -> None:
        regions = [watch.region_code] if watch.region_code else list(sku.capacity)
        for at in moments:
            for region in regions:
                free = self.book.available_gpus(sku, region, at)
                if free >= watch.gpus_total:
                    watch.fired_at, watch.fired_region, watch.fired_gpus = at, region, free
                    return

    def _allocation_changes(self, since: datetime, until: datetime) -> list[datetime]:
        return [
            t.at
            for a in list(self.book.allocations.values())
            for t in list(a.timeline)
            if since < t.at <= until
        ]

    @staticmethod
    def _state_spec() -> dict[str, Any]:
        return {
            "watches": dict[str, CapacityWatch],
            "_published": set[str],
            "_seq": int,
            "_rng": random.Random,
        }
