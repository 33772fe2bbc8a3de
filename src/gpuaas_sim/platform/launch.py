"""The create paths that cost money: allocations, fleets, holds and reservations.

Each one, under the admission lock: reads the price it will charge (a binding quote, or
the price in force) and refuses a price above the caller's cap; finds the GPUs (a hold, a
reservation, or free capacity); asks `Admission` whether the spend limits allow what it
commits; checks the balance; then stores its records. Nothing is stored before every
check passed, and nothing else is admitted in between.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

from ..runtime.clock import SimClock
from ..runtime.faults import FaultInjector
from .admission import Admission, Ask, commitment_minor, horizon_seconds
from .allocations import Allocation, AllocationBook
from .catalog import Catalog, Sku
from .errors import ApiError
from .fleets import Fleet, FleetBook
from .grants import SpendGrantBook, grant_deadline
from .holds import Hold, HoldBook
from .identity import Principal
from .pricing import Pricing
from .quotes import QuoteBook
from .reservations import START_GRACE, Reservation, ReservationBook
from .volumes import VolumeBook

__all__ = ["Launcher", "Terms"]

HOLD_COMMITMENT_SECONDS = 3600.0
"""A hold commits one hour of the GPUs it keeps."""


@dataclass(frozen=True)
class Terms:
    """The capacity-and-money options of a create (all optional)."""

    quote_id: str | None = None
    max_price_per_gpu_hour_minor: int | None = None
    hold_id: str | None = None
    reservation_id: str | None = None
    lease_seconds: int | None = None
    max_runtime_seconds: int | None = None
    volumes: tuple[tuple[str, str], ...] = field(default_factory=tuple)
    """(volume id, mount point) pairs."""
    labels: tuple[tuple[str, str], ...] = field(default_factory=tuple)

    @classmethod
    def of(cls, body: dict[str, Any]) -> Terms:
        """The terms of a create's JSON body."""
        return cls(
            quote_id=body.get("quote_id"),
            max_price_per_gpu_hour_minor=body.get("max_price_per_gpu_hour_minor"),
            hold_id=body.get("hold_id"),
            reservation_id=body.get("reservation_id"),
            lease_seconds=body.get("lease_seconds"),
            max_runtime_seconds=body.get("max_runtime_seconds"),
            volumes=tuple((m["volume_id"], m["mount_point"]) for m in body.get("volumes", ())),
            labels=tuple((body.get("labels") or {}).items()),
        )


@dataclass
class _Plan:
    """What a create resolved before it is admitted."""

    sku: Sku
    project: str
    price: int
    quote_id: str | None = None
    hold: Hold | None = None
    reservation: Reservation | None = None
    region: str | None = None
    terms: Terms = field(default_factory=Terms)


class Launcher:
    def __init__(
        self,
        *,
        catalog: Catalog,
        clock: SimClock,
        book: AllocationBook,
        pricing: Pricing,
        quotes: QuoteBook,
        holds: HoldBook,
        reservations: ReservationBook,
        fleets: FleetBook,
        grants: SpendGrantBook,
        volumes: VolumeBook,
        admission: Admission,
        faults: FaultInjector,
    ) -> None:
        self.catalog = catalog
        self.clock = clock
        self.book = book
        self.pricing = pricing
        self.quotes = quotes
        self.holds = holds
        self.reservations = reservations
        self.fleets = fleets
        self.grants = grants
        self.volumes = volumes
        self.admission = admission
        self.faults = faults

    # -- allocations -------------------------------------------------------------

    def create_allocation(
        self,
        principal: Principal,
        *,
        sku_id: str,
        gpus_total: int,
        region_code: str | None = None,
        project_id: str | None = None,
        ssh_key_ids: tuple[str, ...] = (),
        terms: Terms = Terms(),
    ) -> Allocation:
        """The platform's create: priced, placed, admitted against the limits, then stored."""
        with self.admission.lock, self.book._lock:
            now = self.clock.now()
            plan = self._plan(principal, sku_id, gpus_total, region_code, project_id, terms, now)
            sku, gpus = plan.sku, gpus_total
            if plan.reservation is not None:
                region = plan.reservation.region_code
            elif plan.hold is not None:
                region = plan.hold.region_code
            else:
                region = self.book.place(sku, gpus, plan.region, now)
            mounts = self.volumes.check_mounts(principal, list(terms.volumes), region, plan.project)
            seconds, deadline = self._horizon(principal, terms, now)
            ask = Ask(
                principal,
                plan.project,
                sku,
                gpus,
                plan.price,
                seconds,
                credit_minor=self._hold_credit(plan.hold, gpus),
            )
            self.admission.check(ask, now)
            if plan.hold is None and plan.reservation is None:
                self.book.check_balance(principal.tenant_id, plan.price * gpus, now)
            allocation = self._allocation(principal, plan, gpus, region, ssh_key_ids, ask, now)
            self._finish(allocation, deadline)
            for volume, (_, point) in zip(mounts, terms.volumes, strict=True):
                self.volumes.mount(volume, allocation.id, point)
            return allocation

    def renew_lease(self, principal: Principal, allocation_id: str) -> Allocation:
        """Renew an allocation's lease; the next lease period is admitted like a create."""
        with self.admission.lock:
            return self.book.renew_lease(principal, allocation_id)

    def renewal(self, allocation: Allocation, now: datetime) -> int:
        """The commitment of a renewed lease (`AllocationBook.renewal_check`); a spend
        grant's allocation may then run to the end of the new period (or of the grant)."""
        seconds = float(allocation.lease_seconds or 0)
        commitment = self.admission.renewal(allocation, seconds, now)
        if allocation.ends_reason == "spend_grant_ended":
            grant = self.grants.grants.get(allocation.created_by or "")
            allocation.ends_at = grant_deadline(grant, now, seconds)
        return commitment

    # -- fleets ------------------------------------------------------------------

    def create_fleet(
        self,
        principal: Principal,
        *,
        sku_id: str,
        gpus_total: int,
        count: int,
        min_count: int | None,
        region_code: str | None,
        project_id: str | None,
        ssh_key_ids: tuple[str, ...],
        terms: Terms,
    ) -> Fleet:
        least = count if min_count is None else min_count
        if least > count:
            raise ApiError(
                "validation_error",
                f"min_count ({least}) cannot be above count ({count}).",
                details={"errors": [{"field": "min_count", "reason": "must be at most count"}]},
            )
        with self.admission.lock, self.book._lock:
            now = self.clock.now()
            fleet_terms = replace(terms, reservation_id=None, volumes=())
            plan = self._plan(
                principal, sku_id, gpus_total, region_code, project_id, fleet_terms, now
            )
            sku = plan.sku
            if plan.hold is not None:
                if plan.hold.gpus_remaining < count * gpus_total:
                    raise ApiError(
                        "hold_mismatch",
                        f"Capacity hold {plan.hold.id} keeps {plan.hold.gpus_remaining} GPUs;"
                        f" {count} members of {gpus_total} need {count * gpus_total}.",
                        details={
                            "hold_id": plan.hold.id,
                            "gpus_remaining": plan.hold.gpus_remaining,
                        },
                    )
                region, placed = plan.hold.region_code, count
            else:
                region, placed = self._fleet_region(sku, gpus_total, count, least, plan.region, now)
            seconds, deadline = self._horizon(principal, terms, now)
            ask = Ask(
                principal,
                plan.project,
                sku,
                gpus_total,
                plan.price,
                seconds,
                count=placed,
                credit_minor=self._hold_credit(plan.hold, gpus_total * placed),
            )
            self.admission.check(ask, now)
            if plan.hold is None:
                self.book.check_balance(principal.tenant_id, plan.price * gpus_total * placed, now)
            fleet_id, seq = self.fleets.new_id()
            dropped = [self.faults.placement_dropped() for _ in range(placed)]
            up = placed - sum(dropped)
            came_up = up >= least
            members = []
            for lost in dropped:
                outcome = "dropped" if lost else ("active" if came_up else "abandoned")
                member = self._allocation(
                    principal, plan, gpus_total, region, ssh_key_ids, ask, now, outcome, fleet_id
                )
                self._finish(member, deadline)
                members.append(member)
            fleet = Fleet(
                id=fleet_id,
                seq=seq,
                tenant_id=principal.tenant_id,
                project_id=plan.project,
                created_by=principal.principal_id,
                sku=sku.id,
                gpus_total=gpus_total,
                count=count,
                min_count=least,
                region_code=region,
                price_per_gpu_hour_minor=plan.price,
                currency=sku.currency,
                created_at=now,
                decided_at=self.book.ready_at(now),
                came_up=came_up,
                quote_id=plan.quote_id,
                hold_id=plan.hold.id if plan.hold else None,
                failure_reason=None
                if came_up
                else f"Only {up} of {placed} node placements came up; the fleet needs"
                f" {least}. Every member was released before any became active: nothing"
                " was billed.",
                allocation_ids=[m.id for m in members],
            )
            self.fleets.add(fleet)
            return fleet

    def _fleet_region(
        self,
        sku: Sku,
        gpus: int,
        count: int,
        least: int,
        region_code: str | None,
        now: datetime,
    ) -> tuple[str, int]:
        """The region for a fleet and how many members it places there (as many as fit)."""
        candidates = [region_code] if region_code is not None else list(sku.capacity)
        fits = {r: self.book.available_gpus(sku, r, now) // gpus for r in candidates}
        for region in candidates:
            if fits[region] >= count:
                return region, count
        for region in candidates:
            if fits[region] >= least:
                return region, fits[region]
        where = f"region {region_code}" if region_code else "any region"
        raise ApiError(
            "sku_unavailable",
            f"{sku.id} has room for fewer than {least} members of {gpus} GPUs in {where}.",
            details={
                "sku": sku.id,
                "region_code": region_code,
                "requested_gpus": gpus * least,
                "members_that_fit": fits,
                "available_gpus": {r: self.book.available_gpus(sku, r, now) for r in sku.capacity},
            },
        )

    # -- holds and reservations ------------------------------------------------------

    def create_hold(
        self,
        principal: Principal,
        *,
        sku_id: str,
        gpus_total: int,
        region_code: str,
        seconds: int,
        project_id: str | None,
    ) -> Hold:
        with self.admission.lock, self.book._lock:
            now = self.clock.now()
            sku = self._sku(sku_id)
            self._offered(sku, region_code)
            project = self.book.project_of(principal, project_id)
            free = self.book.available_gpus(sku, region_code, now)
            if free < gpus_total:
                raise ApiError(
                    "sku_unavailable",
                    f"{sku.id} has {free} free GPUs in {region_code}, not {gpus_total}.",
                    details={
                        "sku": sku.id,
                        "region_code": region_code,
                        "requested_gpus": gpus_total,
                        "available_gpus": {region_code: free},
                    },
                )
            price = self.pricing.price_of(sku, now)
            ask = Ask(principal, project, sku, gpus_total, price, HOLD_COMMITMENT_SECONDS)
            self.admission.check(ask, now)
            self.book.check_balance(principal.tenant_id, price * gpus_total, now)
            return self.holds.add(
                principal,
                sku=sku,
                gpus_total=gpus_total,
                region_code=region_code,
                project_id=project,
                seconds=seconds,
                price_per_gpu_hour_minor=price,
                on_behalf_of=self.admission.on_behalf_of(principal),
                now=now,
            )

    def create_reservation(
        self,
        principal: Principal,
        *,
        sku_id: str,
        gpus_total: int,
        region_code: str,
        start: datetime,
        duration_hours: int,
        auto_renew: bool,
        project_id: str | None,
    ) -> Reservation:
        with self.admission.lock, self.book._lock:
            now = self.clock.now()
            sku = self._sku(sku_id)
            self._offered(sku, region_code)
            if start < now - START_GRACE:
                raise ApiError(
                    "validation_error",
                    "A reservation cannot start in the past.",
                    details={"errors": [{"field": "start", "reason": "must not be in the past"}]},
                )
            start = max(start, now)
            end = start + timedelta(hours=duration_hours)
            project = self.book.project_of(principal, project_id)
            free = self.reservations.reservable(sku, region_code, start, end, now)
            if free < gpus_total:
                raise ApiError(
                    "sku_unavailable",
                    f"Only {free} GPUs of {sku.id} in {region_code} can be reserved for that"
                    " window; see the reservation availability for windows that fit.",
                    details={
                        "sku": sku.id,
                        "region_code": region_code,
                        "requested_gpus": gpus_total,
                        "available_gpus": {region_code: free},
                    },
                )
            price = self.pricing.price_of(sku, now)
            ask = Ask(principal, project, sku, gpus_total, price, duration_hours * 3600.0)
            self.admission.check(ask, now)
            self.book.check_balance(principal.tenant_id, price * gpus_total, now)
            return self.reservations.add(
                principal,
                sku=sku,
                gpus_total=gpus_total,
                region_code=region_code,
                project_id=project,
                start=start,
                duration_hours=duration_hours,
                auto_renew=auto_renew,
                price_per_gpu_hour_minor=price,
                on_behalf_of=self.admission.on_behalf_of(principal),
                now=now,
            )

    # -- shared steps ----------------------------------------------------------------

    def _sku(self, sku_id: str) -> Sku:
        sku = self.catalog.sku(sku_id)
        if sku is None:
            raise ApiError("sku_not_found", f"No SKU {sku_id!r}.", details={"sku": sku_id})
        return sku

    @staticmethod
    def _offered(sku: Sku, region_code: str) -> None:
        if region_code not in sku.capacity:
            raise ApiError(
                "validation_error",
                f"{sku.id} is not offered in {region_code}.",
                details={"errors": [{"field": "region_code", "reason": "SKU not offered there"}]},
            )

    def _plan(
        self,
        principal: Principal,
        sku_id: str,
        gpus: int,
        region_code: str | None,
        project_id: str | None,
        terms: Terms,
        now: datetime,
    ) -> _Plan:
        """The SKU, project, price, and the quote, hold or reservation a create names."""
        sku = self._sku(sku_id)
        if gpus > sku.gpus_per_node:
            raise ApiError(
                "sku_unavailable",
                f"{sku.id} allocations hold at most {sku.gpus_per_node} GPUs.",
                details={"sku": sku.id, "gpus_per_node": sku.gpus_per_node},
            )
        project = self.book.project_of(principal, project_id)
        plan = _Plan(sku, project, self.pricing.price_of(sku, now), region=region_code, terms=terms)
        where = {"sku": sku, "region_code": region_code, "now": now}
        if terms.quote_id is not None:
            quote = self.quotes.binding(principal, terms.quote_id, gpus_total=gpus, **where)
            plan.price, plan.quote_id = quote.price_per_gpu_hour_minor, quote.id
            plan.region = where["region_code"] = quote.region_code
        if terms.reservation_id is not None:
            plan.reservation = self.reservations.usable(
                principal, terms.reservation_id, gpus=gpus, project_id=project, **where
            )
            plan.price = 0  # the reservation is billed, not what runs in it
        elif terms.hold_id is not None:
            plan.hold = self.holds.drawable(
                principal, terms.hold_id, gpus=gpus, project_id=project, **where
            )
        cap = terms.max_price_per_gpu_hour_minor
        if cap is not None and plan.reservation is None and plan.price > cap:
            raise ApiError(
                "price_cap_exceeded",
                f"{sku.id} would be charged {plan.price} {sku.currency} minor units per GPU-hour,"
                f" above the cap of {cap}; nothing was created.",
                details={
                    "price_per_gpu_hour_minor": plan.price,
                    "max_price_per_gpu_hour_minor": cap,
                    "currency": sku.currency,
                },
            )
        return plan

    def _horizon(
        self, principal: Principal, terms: Terms, now: datetime
    ) -> tuple[float, datetime | None]:
        """(seconds of cost committed, when it must stop): a grant's creates stop at the end
        of their commitment (or of the grant); others when their lease or maximum runtime
        releases them (`Allocation.release_deadline`), if ever."""
        seconds = horizon_seconds(terms.lease_seconds, terms.max_runtime_seconds)
        grant = self.grants.grant_of(principal)
        deadline = grant_deadline(grant, now, seconds)
        if deadline is not None:
            return max(0.0, (deadline - now).total_seconds()), deadline
        return seconds, None

    def _hold_credit(self, hold: Hold | None, gpus: int) -> int:
        if hold is None:
            return 0
        return commitment_minor(hold.price_per_gpu_hour_minor, gpus, HOLD_COMMITMENT_SECONDS)

    def _allocation(
        self,
        principal: Principal,
        plan: _Plan,
        gpus: int,
        region: str,
        ssh_key_ids: tuple[str, ...],
        ask: Ask,
        now: datetime,
        outcome: str = "active",
        fleet_id: str | None = None,
    ) -> Allocation:
        commitment = 0 if plan.reservation is not None else ask.each_minor
        allocation = self.book.new_allocation(
            principal,
            plan.sku,
            gpus,
            region,
            plan.project,
            ssh_key_ids,
            now,
            outcome=outcome,
            price_per_gpu_hour_minor=plan.price,
            currency=plan.sku.currency,
            quote_id=plan.quote_id,
            hold_id=plan.hold.id if plan.hold else None,
            reservation_id=plan.reservation.id if plan.reservation else None,
            fleet_id=fleet_id,
            on_behalf_of=self.admission.on_behalf_of(principal),
            commitment_minor=commitment,
            labels=dict(plan.terms.labels),
            lease_seconds=plan.terms.lease_seconds,
            max_runtime_seconds=plan.terms.max_runtime_seconds,
        )
        self.book.allocations[allocation.id] = allocation
        if plan.hold is not None:
            self.holds.draw(plan.hold, gpus, allocation.id)
        if plan.reservation is not None:
            plan.reservation.allocation_ids.append(allocation.id)
        return allocation

    def _finish(self, allocation: Allocation, deadline: datetime | None) -> None:
        """Fix the end a create set: its spend grant's deadline, or its reservation's end."""
        reservation = (
            self.reservations.reservations.get(allocation.reservation_id)
            if allocation.reservation_id
            else None
        )
        ends = [(deadline, "spend_grant_ended")] if deadline is not None else []
        if reservation is not None:
            ends.append((reservation.end, "reservation_ended"))
        if ends:
            allocation.ends_at, allocation.ends_reason = min(ends, key=lambda end: end[0])
            self.book.replan(allocation)
