"""Billing: usage records (charges) read off the allocations, payment sessions and refunds.

Like the allocations, nothing runs in the background. Charges are derived from each
allocation's timeline at the current simulated time, payment sessions and refunds
record when they settle, and the balance is the allocation book's accrued balance
plus the credits that have settled by now.
"""

from __future__ import annotations

import hashlib
import random
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from ..runtime.clock import SimClock, format_time
from ..runtime.config import SimConfig
from ..runtime.state_codec import PersistedFields
from .allocations import Allocation, AllocationBook
from .catalog import Catalog, Sku
from .errors import ApiError
from .identity import Principal
from .ids import fresh_id

__all__ = ["BillingBook", "PaymentSession", "Refund", "UsageRecord"]

CURRENCY = "USD"
"""The balance's currency: every seed SKU is priced in it."""

CREDIT_LIMIT_MINOR = 0
"""The simulator grants no credit: the allocation book refuses work the balance cannot cover."""

_HOUR = timedelta(hours=1)
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _micros(moment: datetime) -> int:
    return (moment - _EPOCH) // timedelta(microseconds=1)


@dataclass(frozen=True)
class UsageRecord:
    """One charge: an allocation's active time within one clock hour (or up to now), a
    reservation's hour begun, or a volume's GB-hours within one clock hour."""

    id: str
    tenant_id: str
    allocation_id: str | None
    sku: str | None
    region_code: str
    gpus: int | None
    interval_start: datetime
    interval_end: datetime
    cost_minor: int
    closed: bool
    """True once the interval can no longer grow (its hour ended, or the allocation stopped)."""
    kind: str = "allocation"
    quote_id: str | None = None
    reservation_id: str | None = None
    volume_id: str | None = None
    gb_hours: float | None = None

    @property
    def position(self) -> int:
        """Orders records by `interval_start`, then `id` (fixed-width hex), as one integer."""
        return _micros(self.interval_start) * 16**12 + int(self.id.removeprefix("use-"), 16)

    @property
    def gpu_hours(self) -> float:
        gpus = self.gpus or 0
        return round(gpus * (self.interval_end - self.interval_start) / _HOUR, 6)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "interval_start": format_time(self.interval_start),
            "interval_end": format_time(self.interval_end),
            "allocation_id": self.allocation_id,
            "sku": self.sku,
            "region_code": self.region_code,
            "gpus": self.gpus,
            "gpu_hours": self.gpu_hours,
            "cost_minor": self.cost_minor,
            "currency": CURRENCY,
            "quote_id": self.quote_id,
            "reservation_id": self.reservation_id,
            "volume_id": self.volume_id,
            "gb_hours": self.gb_hours,
        }

    def event(self) -> dict[str, Any]:
        """The `usage.recorded` event of this (closed) record."""
        return {
            "type": "usage.recorded",
            "occurred_at": format_time(self.interval_end),
            "tenant_id": self.tenant_id,
            "usage_record_id": self.id,
            "allocation_id": self.allocation_id,
            "sku": self.sku,
            "gpu_hours": self.gpu_hours,
            "cost_minor": self.cost_minor,
            "currency": CURRENCY,
        }


def _record_id(allocation_id: str, interval_start: datetime) -> str:
    digest = hashlib.sha256(f"{allocation_id}|{interval_start.isoformat()}".encode()).hexdigest()
    return f"use-{digest[:12]}"


def _active_spans(
    allocation: Allocation, now: datetime
) -> Iterator[tuple[datetime, datetime, bool]]:
    """The periods the allocation was `active`, cut at `now`; True for those that ended."""
    steps = [t for t in allocation.timeline if t.at <= now]
    for step, following in zip(steps, [*steps[1:], None], strict=True):
        if step.status == "active":
            yield step.at, following.at if following else now, following is not None


def _hour_floor(moment: datetime) -> datetime:
    return moment.replace(minute=0, second=0, microsecond=0)


def usage_of(allocation: Allocation, sku: Sku, now: datetime) -> list[UsageRecord]:
    """The allocation's charges up to `now`: one per clock hour of active time.

    A record's cost is the growth of the accrued cost (as the allocation book
    computes it for the balance) across the interval, so the records of an
    allocation always add up to exactly what the balance was charged.
    """
    if allocation.reservation_id is not None:
        return []  # its reservation is billed instead
    price = allocation.hourly_minor(sku)

    def accrued(at: datetime) -> int:
        return allocation.accrued_minor(price, at)

    records = []
    for span_start, span_end, ended in _active_spans(allocation, now):
        start = span_start
        while start < span_end:
            hour_end = _hour_floor(start) + _HOUR
            end = min(hour_end, span_end)
            records.append(
                UsageRecord(
                    id=_record_id(allocation.id, start),
                    tenant_id=allocation.tenant_id,
                    allocation_id=allocation.id,
                    sku=allocation.sku,
                    region_code=allocation.region_code,
                    gpus=allocation.gpus_total,
                    interval_start=start,
                    interval_end=end,
                    cost_minor=accrued(end) - accrued(start),
                    closed=end == hour_end or ended,
                    quote_id=allocation.quote_id,
                )
            )
            start = end
    return records


@dataclass
class PaymentSession:
    """A top-up; it completes at `completes_at` (None: the payer never pays) unless it expires."""

    id: str
    seq: int
    tenant_id: str
    amount_minor: int
    checkout_url: str
    return_url: str | None
    created_at: datetime
    expires_at: datetime
    completes_at: datetime | None

    def completed_at(self, now: datetime) -> datetime | None:
        done = self.completes_at
        if done is not None and done <= now and done < self.expires_at:
            return done
        return None

    def status_at(self, now: datetime) -> str:
        if self.completed_at(now) is not None:
            return "completed"
        return "expired" if now >= self.expires_at else "open"

    def to_json(self, now: datetime) -> dict[str, Any]:
        completed = self.completed_at(now)
        return {
            "id": self.id,
            "status": self.status_at(now),
            "amount_minor": self.amount_minor,
            "currency": CURRENCY,
            "checkout_url": self.checkout_url,
            "created_at": format_time(self.created_at),
            "expires_at": format_time(self.expires_at),
            "completed_at": format_time(completed) if completed else None,
        }


@dataclass
class Refund:
    """A refund of part of a charge; `pending` until `succeeds_at`, then credited."""

    id: str
    seq: int
    tenant_id: str
    usage_record_id: str
    amount_minor: int
    reason: str
    created_at: datetime
    succeeds_at: datetime

    def status_at(self, now: datetime) -> str:
        return "succeeded" if now >= self.succeeds_at else "pending"

    def to_json(self, now: datetime) -> dict[str, Any]:
        return {
            "id": self.id,
            "usage_record_id": self.usage_record_id,
            "amount_minor": self.amount_minor,
            "currency": CURRENCY,
            "reason": self.reason,
            "status": self.status_at(now),
            "created_at": format_time(self.created_at),
        }


def _check(config: SimConfig) -> None:
    """Refuse billing settings that would make sessions or refunds meaningless."""
    delay = config.payment_completion_delay
    if delay is not None and delay < 0:
        raise ValueError("payment_completion_delay must not be negative")
    if config.payment_session_ttl <= 0:
        raise ValueError("payment_session_ttl must be positive")
    if config.refund_window_days < 0 or config.refund_processing_delay < 0:
        raise ValueError("refund_window_days and refund_processing_delay must not be negative")


class BillingBook(PersistedFields):
    """The tenant's balance, charges, payment sessions and refunds."""

    def __init__(
        self, config: SimConfig, clock: SimClock, catalog: Catalog, allocations: AllocationBook
    ) -> None:
        _check(config)
        self.config = config
        self.clock = clock
        self.catalog = catalog
        self.allocation_book = allocations
        self.opened_at = clock.now()
        self.payment_sessions: dict[str, PaymentSession] = {}
        self.refunds: dict[str, Refund] = {}
        self._recorded: set[str] = set()  # ids of records whose usage.recorded event is out
        self._rng = random.Random(config.seed + 1)
        self._seq = 0
        self._lock = threading.RLock()
        # The allocation book's balance (the one that refuses creates) counts our credits.
        allocations.credits_of = self.credits_minor
        self.other_usage: list[Callable[[str | None, datetime], list[dict[str, Any]]]] = []
        """Charges of other books (reservations, volumes), as `UsageRecord` fields."""

    # -- charges ---------------------------------------------------------------

    def usage(self, tenant_id: str | None, now: datetime) -> list[UsageRecord]:
        """Every charge up to `now` (of one tenant, or all), by `interval_start` then `id`."""
        records = []
        for allocation in list(self.allocation_book.allocations.values()):
            sku = self.catalog.sku(allocation.sku)
            if sku is not None and tenant_id in (None, allocation.tenant_id):
                records.extend(usage_of(allocation, sku, now))
        for source in self.other_usage:
            for fields in source(tenant_id, now):
                records.append(
                    UsageRecord(**{"allocation_id": None, "sku": None, "gpus": None, **fields})
                )
        return sorted(records, key=lambda r: r.position)

    def charge(self, principal: Principal, record_id: str, now: datetime) -> UsageRecord:
        for record in self.usage(principal.tenant_id, now):
            if record.id == record_id:
                return record
        raise ApiError(
            "charge_not_found",
            f"No charge (usage record) {record_id!r} is visible to the caller.",
            details={"usage_record_id": record_id},
        )

    def recorded_events(self, now: datetime) -> Iterable[dict[str, Any]]:
        """An event-log source: `usage.recorded` once for each charge that has closed."""
        with self._lock:
            due = [
                r
                for r in self.usage(None, now)
                if r.closed and r.kind == "allocation" and r.id not in self._recorded
            ]
            self._recorded.update(r.id for r in due)
        return [r.event() for r in due]

    # -- balance ---------------------------------------------------------------

    def balance_minor(self, tenant_id: str, now: datetime) -> int:
        """The allocation book's balance, which already counts settled top-ups and refunds."""
        return self.allocation_book.balance_minor(tenant_id, now)

    def credits_minor(self, tenant_id: str, now: datetime) -> int:
        """Top-ups completed and refunds succeeded by `now`."""
        return sum(amount for _, amount in self._credits(tenant_id, now))

    def balance(self, principal: Principal, now: datetime) -> dict[str, Any]:
        return {
            "amount_minor": self.balance_minor(principal.tenant_id, now),
            "currency": CURRENCY,
            "updated_at": format_time(self._balance_changed_at(principal.tenant_id, now)),
            "credit_limit_minor": CREDIT_LIMIT_MINOR,
        }

    def _credits(self, tenant_id: str, now: datetime) -> Iterator[tuple[datetime, int]]:
        for session in list(self.payment_sessions.values()):
            completed = session.completed_at(now)
            if session.tenant_id == tenant_id and completed is not None:
                yield completed, session.amount_minor
        for refund in list(self.refunds.values()):
            if refund.tenant_id == tenant_id and refund.status_at(now) == "succeeded":
                yield refund.succeeds_at, refund.amount_minor

    def _balance_changed_at(self, tenant_id: str, now: datetime) -> datetime:
        changes = [self.opened_at, *(at for at, _ in self._credits(tenant_id, now))]
        for allocation in list(self.allocation_book.allocations.values()):
            if allocation.tenant_id != tenant_id:
                continue
            for _, span_end, _ in _active_spans(allocation, now):
                changes.append(span_end)  # `now` while it is still accruing
        return max(changes)

    # -- payment sessions --------------------------------------------------------

    def create_payment_session(
        self,
        principal: Principal,
        *,
        amount_minor: int,
        currency: str,
        return_url: str | None,
        checkout_base: str,
    ) -> PaymentSession:
        if currency != CURRENCY:
            raise ApiError(
                "validation_error",
                f"The balance is kept in {CURRENCY}; a payment in {currency} cannot top it up.",
                details={"errors": [{"field": "currency", "reason": f"must be {CURRENCY}"}]},
            )
        with self._lock:
            now = self.clock.now()
            session_id = self._new_id("ps", self.payment_sessions)
            delay = self.config.payment_completion_delay
            session = PaymentSession(
                id=session_id,
                seq=self._seq,
                tenant_id=principal.tenant_id,
                amount_minor=amount_minor,
                checkout_url=f"{checkout_base.rstrip('/')}/checkout/{session_id}",
                return_url=return_url,
                created_at=now,
                expires_at=now + timedelta(seconds=self.config.payment_session_ttl),
                completes_at=None if delay is None else now + timedelta(seconds=delay),
            )
            self.payment_sessions[session_id] = session
            return session

    def payment_session(self, principal: Principal, session_id: str) -> PaymentSession:
        session = self.payment_sessions.get(session_id)
        if session is None or session.tenant_id != principal.tenant_id:
            raise ApiError(
                "payment_session_not_found",
                f"No payment session {session_id!r} is visible to the caller.",
                details={"session_id": session_id},
            )
        return session

    # -- refunds ---------------------------------------------------------------

    def refunds_of(self, principal: Principal, usage_record_id: str | None) -> list[Refund]:
        """The tenant's refunds (of one charge, or all), newest first."""
        mine = [
            r
            for r in self.refunds.values()
            if r.tenant_id == principal.tenant_id and usage_record_id in (None, r.usage_record_id)
        ]
        return sorted(mine, key=lambda r: r.seq, reverse=True)

    def create_refund(
        self, principal: Principal, *, usage_record_id: str, amount_minor: int, reason: str
    ) -> Refund:
        with self._lock:
            now = self.clock.now()
            record = self.charge(principal, usage_record_id, now)
            window = timedelta(days=self.config.refund_window_days)
            if now - record.interval_end > window:
                raise ApiError(
                    "refund_window_exceeded",
                    f"Charge {record.id} is older than the {self.config.refund_window_days}-day"
                    " refund window.",
                    details={
                        "window_days": self.config.refund_window_days,
                        "charged_at": format_time(record.interval_end),
                        "usage_record_id": record.id,
                    },
                )
            refunded = sum(r.amount_minor for r in self.refunds_of(principal, record.id))
            refundable = max(0, record.cost_minor - refunded)
            if amount_minor > refundable:
                raise ApiError(
                    "validation_error",
                    f"Only {refundable} of charge {record.id} is left to refund.",
                    details={
                        "refundable_minor": refundable,
                        "errors": [
                            {"field": "amount_minor", "reason": f"must be at most {refundable}"}
                        ],
                    },
                )
            refund = Refund(
                id=self._new_id("rf", self.refunds),
                seq=self._seq,
                tenant_id=principal.tenant_id,
                usage_record_id=record.id,
                amount_minor=amount_minor,
                reason=reason,
                created_at=now,
                succeeds_at=now + timedelta(seconds=self.config.refund_processing_delay),
            )
            self.refunds[refund.id] = refund
            return refund

    # -- helpers ---------------------------------------------------------------

    def _new_id(self, prefix: str, taken: dict[str, Any]) -> str:
        self._seq += 1
        return fresh_id(self._rng, prefix, taken)

    # -- persistence -------------------------------------------------------------

    @staticmethod
    def _state_spec() -> dict[str, Any]:
        return {
            "opened_at": datetime,
            "payment_sessions": dict[str, PaymentSession],
            "refunds": dict[str, Refund],
            "_recorded": set[str],
            "_seq": int,
            "_rng": random.Random,
        }
