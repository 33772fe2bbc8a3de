"""Reservations: GPUs promised for a time window, and the windows that can still be promised.

Rules (docs/simulator-rules.md):

- GPUs promised to reservations, now or later, are never sold on demand: on-demand
  placements see the region's GPUs less what on-demand allocations hold, drained nodes
  withhold, holds keep, and the most that reservations promise at any moment from now on.
- A window can be reserved when, at every moment of it, the GPUs other reservations
  promise plus what on-demand allocations and holds use now leave enough.
- Allocations created into a reservation use its GPUs, are not billed on their own, and
  are released when it ends (an `auto_renew` reservation moves its window on instead,
  when the next window can be reserved; that is decided once the window ends, lazily,
  before anything reads the platform: `settle`).
- Billing: every hour of the window that has begun is billed in full, used or not. A
  cancelled reservation is billed the hours begun before the cancellation (nothing when
  cancelled before its start).
"""

from __future__ import annotations

import hashlib
import math
import random
import threading
from collections.abc import Callable, Iterable
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

__all__ = ["MAX_SLOTS", "Reservation", "ReservationBook"]

_HOUR = timedelta(hours=1)
MAX_SLOTS = 168
"""At most this many slots per region in an availability answer (a week of hourly starts)."""
START_GRACE = timedelta(minutes=5)
"""A start this far in the past means now (clocks differ)."""


@dataclass
class Reservation:
    id: str
    seq: int
    tenant_id: str
    project_id: str
    created_by: str
    sku: str
    region_code: str
    gpus_total: int
    start: datetime
    duration_hours: int
    auto_renew: bool
    price_per_gpu_hour_minor: int
    currency: str
    created_at: datetime
    on_behalf_of: str | None = None
    renewals: int = 0
    finished: bool = False
    """An `auto_renew` reservation whose last window ended without a renewal."""
    cancelled_at: datetime | None = None
    allocation_ids: list[str] = field(default_factory=list)

    @property
    def end(self) -> datetime:
        return self.start + self.duration_hours * (self.renewals + 1) * _HOUR

    @property
    def window_start(self) -> datetime:
        return self.end - self.duration_hours * _HOUR

    @property
    def hourly_minor(self) -> int:
        return self.price_per_gpu_hour_minor * self.gpus_total

    def status_at(self, now: datetime) -> str:
        if self.cancelled_at is not None:
            return "cancelled"
        if now < self.start:
            return "scheduled"
        return "active" if now < self.end else "ended"

    def covers(self, at: datetime) -> bool:
        """Whether its GPUs are promised at `at`."""
        stop = self.end if self.cancelled_at is None else min(self.end, self.cancelled_at)
        return self.start <= at < stop

    def stop(self) -> datetime:
        """Where billing stops: the end, or the end of the hour begun at a cancellation."""
        if self.cancelled_at is None:
            return self.end
        if self.cancelled_at <= self.start:
            return self.start
        begun = math.ceil((self.cancelled_at - self.start) / _HOUR)
        return min(self.end, self.start + begun * _HOUR)

    def hours_billed(self, at: datetime) -> int:
        """Hours begun by `at` (each billed in full)."""
        if at <= self.start:
            return 0
        return math.ceil((min(at, self.stop()) - self.start) / _HOUR)

    def charged_minor(self, at: datetime) -> int:
        return self.hours_billed(at) * self.hourly_minor

    def commitment_minor(self) -> int:
        """Its whole (current) window, or what a cancellation left of it."""
        return round((self.stop() - self.start) / _HOUR) * self.hourly_minor

    def to_json(self, now: datetime, gpus_in_use: int) -> dict[str, Any]:
        return {
            "id": self.id,
            "status": self.status_at(now),
            "sku": self.sku,
            "gpus_total": self.gpus_total,
            "region_code": self.region_code,
            "project_id": self.project_id,
            "start": format_time(self.start),
            "end": format_time(self.end),
            "duration_hours": self.duration_hours,
            "auto_renew": self.auto_renew,
            "renewals": self.renewals,
            "price_per_gpu_hour_minor": self.price_per_gpu_hour_minor,
            "currency": self.currency,
            "total_minor": self.hourly_minor * self.duration_hours,
            "allocation_ids": list(self.allocation_ids),
            "gpus_in_use": gpus_in_use,
            "created_at": format_time(self.created_at),
            "cancelled_at": format_time(self.cancelled_at) if self.cancelled_at else None,
        }


def hour_ceiling(moment: datetime) -> datetime:
    floor = moment.replace(minute=0, second=0, microsecond=0)
    return floor if floor == moment else floor + _HOUR


class ReservationBook(PersistedFields):
    """Every reservation; the GPUs they promise; lazy renewals."""

    def __init__(
        self,
        book: AllocationBook,
        clock: SimClock,
        seed: int,
        held_aside: Callable[[str, str, datetime], int],
    ) -> None:
        self.book = book
        self.clock = clock
        self.reservations: dict[str, Reservation] = {}
        self._held_aside = held_aside
        self._rng = random.Random(f"reservations-{seed}")
        self._seq = 0
        self._lock = threading.RLock()
        book.set_aside.append(self.promised_from)
        book.settlers.append(self.settle)

    # -- capacity --------------------------------------------------------------

    def promised_at(
        self, sku_id: str, region_code: str, at: datetime, exclude: str | None = None
    ) -> int:
        return sum(
            r.gpus_total
            for r in list(self.reservations.values())
            if r.sku == sku_id and r.region_code == region_code and r.id != exclude and r.covers(at)
        )

    def most_promised(
        self,
        sku_id: str,
        region_code: str,
        start: datetime,
        end: datetime | None,
        exclude: str | None = None,
    ) -> int:
        """The most GPUs reservations promise at any moment of `[start, end)` (end None: ever)."""
        moments = {start}
        for r in list(self.reservations.values()):
            later = start < r.start and (end is None or r.start < end)
            if r.sku == sku_id and r.region_code == region_code and later:
                moments.add(r.start)
        return max(self.promised_at(sku_id, region_code, at, exclude) for at in moments)

    def promised_from(self, sku_id: str, region_code: str, now: datetime) -> int:
        """What on-demand placements must leave alone: the most promised from `now` on."""
        return self.most_promised(sku_id, region_code, now, None)

    def reservable(
        self,
        sku: Sku,
        region_code: str,
        start: datetime,
        end: datetime,
        now: datetime,
        exclude: str | None = None,
    ) -> int:
        """GPUs that can still be promised for all of `[start, end)`."""
        using_now = self.book.unpromised_gpus(sku, region_code, now) - self._held_aside(
            sku.id, region_code, now
        )
        promised = self.most_promised(sku.id, region_code, start, end, exclude)
        return max(0, using_now - promised)

    def slots(
        self,
        sku: Sku,
        gpus_total: int,
        duration_hours: int,
        regions: Iterable[str],
        earliest: datetime,
        latest: datetime,
        now: datetime,
    ) -> list[dict[str, Any]]:
        """Windows starting on the hour in `[earliest, latest]` that fit `gpus_total` GPUs."""
        found = []
        length = duration_hours * _HOUR
        for region in regions:
            start, count = hour_ceiling(max(earliest, now)), 0
            while start + length <= latest and count < MAX_SLOTS:
                free = self.reservable(sku, region, start, start + length, now)
                if free >= gpus_total:
                    found.append(
                        {
                            "region_code": region,
                            "start": format_time(start),
                            "end": format_time(start + length),
                            "available_gpus": free,
                        }
                    )
                    count += 1
                start += _HOUR
        return found

    # -- reads -----------------------------------------------------------------

    def visible_to(self, principal: Principal) -> list[Reservation]:
        self.book.settle(self.clock.now())
        mine = [r for r in self.reservations.values() if r.tenant_id == principal.tenant_id]
        return sorted(mine, key=lambda r: r.seq, reverse=True)

    def get(self, principal: Principal, reservation_id: str) -> Reservation:
        self.book.settle(self.clock.now())
        reservation = self.reservations.get(reservation_id)
        if reservation is None or reservation.tenant_id != principal.tenant_id:
            raise ApiError(
                "reservation_not_found",
                f"No reservation {reservation_id!r} is visible to the caller.",
                details={"reservation_id": reservation_id},
            )
        return reservation

    def in_use(self, reservation: Reservation, now: datetime) -> int:
        """GPUs its live allocations use at `now`."""
        allocations = self.book.allocations
        return sum(
            allocations[a].gpus_total
            for a in reservation.allocation_ids
            if a in allocations and allocations[a].holds_gpus_at(now)
        )

    def render(self, reservation: Reservation, now: datetime) -> dict[str, Any]:
        return reservation.to_json(now, self.in_use(reservation, now))

    # -- writes ----------------------------------------------------------------

    def add(
        self,
        principal: Principal,
        *,
        sku: Sku,
        gpus_total: int,
        region_code: str,
        project_id: str,
        start: datetime,
        duration_hours: int,
        auto_renew: bool,
        price_per_gpu_hour_minor: int,
        on_behalf_of: str | None,
        now: datetime,
    ) -> Reservation:
        """Record a reservation whose window and spend the caller (`launch.Launcher`) checked."""
        with self._lock:
            self._seq += 1
            reservation_id = fresh_id(self._rng, "rsv", self.reservations)
            reservation = Reservation(
                id=reservation_id,
                seq=self._seq,
                tenant_id=principal.tenant_id,
                project_id=project_id,
                created_by=principal.principal_id,
                sku=sku.id,
                region_code=region_code,
                gpus_total=gpus_total,
                start=start,
                duration_hours=duration_hours,
                auto_renew=auto_renew,
                price_per_gpu_hour_minor=price_per_gpu_hour_minor,
                currency=sku.currency,
                created_at=now,
                on_behalf_of=on_behalf_of,
            )
            self.reservations[reservation.id] = reservation
            return reservation

    def usable(
        self,
        principal: Principal,
        reservation_id: str,
        *,
        sku: Sku,
        gpus: int,
        region_code: str | None,
        project_id: str,
        now: datetime,
    ) -> Reservation:
        """The reservation a create runs in, if it can (else 404/409 saying why)."""
        reservation = self.get(principal, reservation_id)
        status = reservation.status_at(now)
        if status != "active":
            raise ApiError(
                "reservation_not_active",
                f"Reservation {reservation.id} is {status}: allocations run in it only between"
                f" {format_time(reservation.start)} and {format_time(reservation.end)}.",
                details={
                    "reservation_id": reservation.id,
                    "status": status,
                    "start": format_time(reservation.start),
                    "end": format_time(reservation.end),
                },
            )
        free = reservation.gpus_total - self.in_use(reservation, now)
        problems = []
        if sku.id != reservation.sku:
            problems.append(f"it reserves {reservation.sku}, not {sku.id}")
        if region_code is not None and region_code != reservation.region_code:
            problems.append(f"it is in {reservation.region_code}, not {region_code}")
        if project_id != reservation.project_id:
            problems.append(f"it is for project {reservation.project_id}, not {project_id}")
        if gpus > free:
            problems.append(f"it has {free} GPUs free, not {gpus}")
        if problems:
            raise ApiError(
                "reservation_mismatch",
                f"The request does not fit reservation {reservation.id}: {'; '.join(problems)}.",
                details={
                    "reservation_id": reservation.id,
                    "sku": reservation.sku,
                    "region_code": reservation.region_code,
                    "project_id": reservation.project_id,
                    "gpus_free": free,
                },
            )
        return reservation

    def cancel(self, principal: Principal, reservation_id: str) -> Reservation:
        with self._lock:
            reservation = self.get(principal, reservation_id)
            now = self.clock.now()
            if reservation.status_at(now) in ("scheduled", "active"):
                reservation.cancelled_at = now
                for allocation_id in reservation.allocation_ids:
                    allocation = self.book.allocations.get(allocation_id)
                    if allocation is not None:
                        allocation.release(now, self.book.config.release_delay)
            return reservation

    def settle(self, now: datetime) -> None:
        """Renew the `auto_renew` reservations whose window ended by `now`, while they can."""
        with self._lock:
            due = [
                r
                for r in self.reservations.values()
                if r.auto_renew and r.cancelled_at is None and not r.finished and r.end <= now
            ]
            for reservation in sorted(due, key=lambda r: r.seq):
                while not reservation.finished and reservation.end <= now:
                    self._renew_or_finish(reservation, now)

    def _renew_or_finish(self, reservation: Reservation, now: datetime) -> None:
        sku = self.book.catalog.sku(reservation.sku)
        old_end = reservation.end
        new_end = old_end + reservation.duration_hours * _HOUR
        free = (
            0
            if sku is None
            else self.reservable(
                sku, reservation.region_code, old_end, new_end, now, reservation.id
            )
        )
        if free < reservation.gpus_total:
            reservation.finished = True
            return
        reservation.renewals += 1
        for allocation_id in reservation.allocation_ids:
            allocation = self.book.allocations.get(allocation_id)
            if allocation is None:
                continue
            if allocation.ends_reason == "reservation_ended" and allocation.ends_at == old_end:
                # Released with the window, not by its owner: it goes on to the new end.
                allocation.ends_at = new_end
                self.book.replan(allocation)

    # -- billing -----------------------------------------------------------------

    def charged(self, tenant_id: str, now: datetime) -> int:
        """What the tenant's reservations have been billed by `now` (the balance counts it)."""
        return sum(
            r.charged_minor(now)
            for r in list(self.reservations.values())
            if r.tenant_id == tenant_id
        )

    def usage_records(self, tenant_id: str | None, now: datetime) -> list[dict[str, Any]]:
        """One charge per hour begun, as `billing.UsageRecord` fields."""
        records = []
        for r in list(self.reservations.values()):
            if tenant_id not in (None, r.tenant_id):
                continue
            for hour in range(r.hours_billed(now)):
                start = r.start + hour * _HOUR
                digest = hashlib.sha256(f"{r.id}|{start.isoformat()}".encode()).hexdigest()
                records.append(
                    {
                        "id": f"use-{digest[:12]}",
                        "kind": "reservation",
                        "tenant_id": r.tenant_id,
                        "reservation_id": r.id,
                        "sku": r.sku,
                        "region_code": r.region_code,
                        "gpus": r.gpus_total,
                        "interval_start": start,
                        "interval_end": start + _HOUR,
                        "cost_minor": r.hourly_minor,
                        "closed": start + _HOUR <= now,
                    }
                )
        return records

    def change_times(self, since: datetime, until: datetime) -> list[datetime]:
        """When reservations started, ended or were cancelled in `(since, until]`."""
        times = []
        for r in list(self.reservations.values()):
            for at in (r.start, r.end, r.cancelled_at):
                if at is not None and since < at <= until:
                    times.append(at)
        return times

    @staticmethod
    def _state_spec() -> dict[str, Any]:
        return {"reservations": dict[str, Reservation], "_seq": int, "_rng": random.Random}
