"""Capacity holds: GPUs kept aside for a few minutes, so a create inside the hold finds them.

A hold takes GPUs out of what on-demand placements see (it registers itself in the
allocation book's `set_aside`). A create naming it draws from what it keeps: the
allocation then holds those GPUs itself, so nothing is counted twice. Expiry is read
off the clock: past `expires_at` the GPUs it still kept go back by themselves.
"""

from __future__ import annotations

import random
import threading
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from ..runtime.clock import SimClock, format_time
from ..runtime.state_codec import PersistedFields
from .allocations import AllocationBook
from .catalog import Sku
from .errors import ApiError
from .identity import Principal
from .ids import fresh_id

__all__ = ["Hold", "HoldBook"]


@dataclass
class Hold:
    id: str
    seq: int
    tenant_id: str
    project_id: str
    created_by: str
    sku: str
    region_code: str
    gpus_total: int
    gpus_remaining: int
    price_per_gpu_hour_minor: int
    """The price in force when it was made: what its commitment is counted at."""
    created_at: datetime
    expires_at: datetime
    on_behalf_of: str | None = None
    released_at: datetime | None = None
    allocation_ids: list[str] = field(default_factory=list)

    def status_at(self, now: datetime) -> str:
        if self.released_at is not None and self.released_at <= now:
            return "released"
        if self.gpus_remaining == 0:
            return "used"
        return "expired" if now >= self.expires_at else "held"

    def kept_at(self, now: datetime) -> int:
        """GPUs it keeps aside at `now`."""
        return self.gpus_remaining if self.status_at(now) == "held" else 0

    def commitment_minor(self, now: datetime) -> int:
        """What spend limits count for it: one hour of the GPUs it still keeps."""
        return self.kept_at(now) * self.price_per_gpu_hour_minor

    def to_json(self, now: datetime) -> dict[str, Any]:
        return {
            "id": self.id,
            "status": self.status_at(now),
            "sku": self.sku,
            "gpus_total": self.gpus_total,
            "gpus_remaining": self.kept_at(now),
            "region_code": self.region_code,
            "project_id": self.project_id,
            "allocation_ids": list(self.allocation_ids),
            "created_at": format_time(self.created_at),
            "expires_at": format_time(self.expires_at),
        }


class HoldBook(PersistedFields):
    """Every capacity hold, and the GPUs they keep aside."""

    def __init__(self, book: AllocationBook, clock: SimClock, seed: int) -> None:
        self.book = book
        self.clock = clock
        self.holds: dict[str, Hold] = {}
        self._rng = random.Random(f"holds-{seed}")
        self._seq = 0
        self._lock = threading.RLock()
        book.set_aside.append(self.kept)

    def kept(self, sku_id: str, region_code: str, now: datetime) -> int:
        """GPUs of a SKU in a region that open holds keep aside at `now`."""
        return sum(
            h.kept_at(now)
            for h in list(self.holds.values())
            if h.sku == sku_id and h.region_code == region_code
        )

    def visible_to(self, principal: Principal) -> list[Hold]:
        mine = [h for h in self.holds.values() if h.tenant_id == principal.tenant_id]
        return sorted(mine, key=lambda h: h.seq, reverse=True)

    def get(self, principal: Principal, hold_id: str) -> Hold:
        hold = self.holds.get(hold_id)
        if hold is None or hold.tenant_id != principal.tenant_id:
            raise ApiError(
                "hold_not_found",
                f"No capacity hold {hold_id!r} is visible to the caller.",
                details={"hold_id": hold_id},
            )
        return hold

    def add(
        self,
        principal: Principal,
        *,
        sku: Sku,
        gpus_total: int,
        region_code: str,
        project_id: str,
        seconds: int,
        price_per_gpu_hour_minor: int,
        on_behalf_of: str | None,
        now: datetime,
    ) -> Hold:
        """Record a hold whose capacity and spend the caller (`launch.Launcher`) checked."""
        with self._lock:
            self._seq += 1
            hold_id = fresh_id(self._rng, "hold", self.holds)
            hold = Hold(
                id=hold_id,
                seq=self._seq,
                tenant_id=principal.tenant_id,
                project_id=project_id,
                created_by=principal.principal_id,
                sku=sku.id,
                region_code=region_code,
                gpus_total=gpus_total,
                gpus_remaining=gpus_total,
                price_per_gpu_hour_minor=price_per_gpu_hour_minor,
                created_at=now,
                expires_at=now + timedelta(seconds=seconds),
                on_behalf_of=on_behalf_of,
            )
            self.holds[hold.id] = hold
            return hold

    def drawable(
        self,
        principal: Principal,
        hold_id: str,
        *,
        sku: Sku,
        gpus: int,
        region_code: str | None,
        project_id: str,
        now: datetime,
    ) -> Hold:
        """The hold a create draws `gpus` from, if it can (else 404/409 saying why)."""
        hold = self.get(principal, hold_id)
        status = hold.status_at(now)
        if status != "held":
            raise ApiError(
                "hold_expired",
                f"Capacity hold {hold.id} is {status}; it keeps no GPUs any more.",
                details={
                    "hold_id": hold.id,
                    "status": status,
                    "expires_at": format_time(hold.expires_at),
                },
            )
        problems = []
        if sku.id != hold.sku:
            problems.append(f"it holds {hold.sku}, not {sku.id}")
        if region_code is not None and region_code != hold.region_code:
            problems.append(f"it is in {hold.region_code}, not {region_code}")
        if project_id != hold.project_id:
            problems.append(f"it is for project {hold.project_id}, not {project_id}")
        if gpus > hold.gpus_remaining:
            problems.append(f"it keeps {hold.gpus_remaining} GPUs, not {gpus}")
        if problems:
            raise ApiError(
                "hold_mismatch",
                f"The request does not fit capacity hold {hold.id}: {'; '.join(problems)}.",
                details={
                    "hold_id": hold.id,
                    "sku": hold.sku,
                    "region_code": hold.region_code,
                    "project_id": hold.project_id,
                    "gpus_remaining": hold.gpus_remaining,
                },
            )
        return hold

    @staticmethod
    def draw(hold: Hold, gpus: int, allocation_id: str) -> None:
        hold.gpus_remaining -= gpus
        hold.allocation_ids.append(allocation_id)

    def release(self, principal: Principal, hold_id: str) -> Hold:
        with self._lock:
            hold = self.get(principal, hold_id)
            now = self.clock.now()
            if hold.status_at(now) == "held":
                hold.released_at = now
            return hold

    def change_times(self, since: datetime, until: datetime) -> list[datetime]:
        """When holds let GPUs go in `(since, until]` (capacity watches look then)."""
        times = []
        for hold in list(self.holds.values()):
            for at in (hold.expires_at, hold.released_at):
                if at is not None and since < at <= until:
                    times.append(at)
        return times

    @staticmethod
    def _state_spec() -> dict[str, Any]:
        return {"holds": dict[str, Hold], "_seq": int, "_rng": random.Random}
