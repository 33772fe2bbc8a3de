"""`client.billing`: the balance, usage records (charges), payment sessions and refunds."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Collection
from datetime import UTC, datetime
from enum import Enum
from typing import TYPE_CHECKING

from gpuaas_api.api.billing import (
    create_payment_session,
    create_refund,
    get_balance,
    get_payment_session,
    list_refunds,
    list_usage_records,
)
from gpuaas_api.models import (
    Balance,
    PaymentSession,
    PaymentSessionCreate,
    PaymentSessionStatus,
    Refund,
    RefundCreate,
    RefundPage,
    UsageRecord,
    UsageRecordPage,
)

from .._core.call import Call, unset_if_none
from .._core.pagination import AsyncPager, SyncPager
from .._waiters.waiter import TRANSIENT_POLL_ERRORS, Waiter, WaitProgressCallback, state_names
from ..errors import ArgumentError
from ._base import AsyncResource, SyncResource

if TYPE_CHECKING:
    from gpuaas_api.client import Client as GeneratedClient

Instant = datetime | str
"""A point in time: a timezone-aware datetime or an RFC 3339 string."""

_SESSION_FAILURES = frozenset({"expired", "failed"})


def _instant(name: str, value: Instant | None) -> datetime | None:
    """`value` as an aware UTC datetime; ArgumentError naming `name` when it is not one."""
    if value is None:
        return None
    if isinstance(value, str):
        text = value.strip()
        if text[-1:] in ("Z", "z"):
            text = text[:-1] + "+00:00"
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            raise ArgumentError(
                f"{name} must be an RFC 3339 date-time such as '2026-04-01T00:00:00Z'"
                f" (got {value!r})"
            ) from None
    elif isinstance(value, datetime):
        moment = value
    else:
        raise ArgumentError(f"{name} must be a datetime or an RFC 3339 string (got {value!r})")
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ArgumentError(f"{name} must carry a UTC offset, e.g. 'Z' (got {value!r})")
    return moment.astimezone(UTC)


def _window(
    since: Instant | None, until: Instant | None
) -> tuple[datetime | None, datetime | None]:
    start, end = _instant("since", since), _instant("until", until)
    if start is not None and end is not None and start > end:
        raise ArgumentError(f"since ({start.isoformat()}) is later than until ({end.isoformat()})")
    return start, end


def _balance() -> Call[Balance]:
    return Call(get_balance, {}, Balance)


def _usage(
    cursor: str | None,
    limit: int | None,
    window: tuple[datetime | None, datetime | None],
    allocation_id: str | None,
    sku: str | None,
) -> Call[UsageRecordPage]:
    return Call(
        list_usage_records,
        {
            "cursor": unset_if_none(cursor),
            "limit": unset_if_none(limit),
            "since": unset_if_none(window[0]),
            "until": unset_if_none(window[1]),
            "allocation_id": unset_if_none(allocation_id),
            "sku": unset_if_none(sku),
        },
        UsageRecordPage,
    )


def _create_session(
    amount_minor: int, currency: str, return_url: str | None, idempotency_key: str | None
) -> Call[PaymentSession]:
    body = PaymentSessionCreate(
        amount_minor=amount_minor, currency=currency, return_url=unset_if_none(return_url)
    )
    return Call(
        create_payment_session,
        {"body": body, "idempotency_key": unset_if_none(idempotency_key)},
        PaymentSession,
    )


def _get_session(session_id: str) -> Call[PaymentSession]:
    return Call(get_payment_session, {"session_id": session_id}, PaymentSession)


def _session_waiter(
    session_id: str,
    states: Collection[str | Enum],
    timeout: float,
    progress: WaitProgressCallback | None,
) -> Waiter:
    return Waiter(
        kind="payment session",
        resource_id=session_id,
        states=state_names(states, PaymentSessionStatus),
        failure_states=_SESSION_FAILURES,
        timeout=timeout,
        state_of=lambda s: str(s.status),
        reason_of=lambda s: None,
        progress=progress,
    )


def _create_refund(
    usage_record_id: str, amount_minor: int, reason: str, idempotency_key: str | None
) -> Call[Refund]:
    body = RefundCreate(usage_record_id=usage_record_id, amount_minor=amount_minor, reason=reason)
    return Call(
        create_refund, {"body": body, "idempotency_key": unset_if_none(idempotency_key)}, Refund
    )


def _list_refunds(
    cursor: str | None, limit: int | None, usage_record_id: str | None
) -> Call[RefundPage]:
    return Call(
        list_refunds,
        {
            "cursor": unset_if_none(cursor),
            "limit": unset_if_none(limit),
            "usage_record_id": unset_if_none(usage_record_id),
        },
        RefundPage,
    )


# -- sync -------------------------------------------------------------------------


class PaymentSessionsResource(SyncResource):
    def create(
        self,
        *,
        amount_minor: int,
        currency: str,
        return_url: str | None = None,
        idempotency_key: str | None = None,
    ) -> PaymentSession:
        """Start a top-up; the payer completes it at `checkout_url`. Retried safely."""
        return self._run(_create_session(amount_minor, currency, return_url, idempotency_key))

    def get(self, session_id: str) -> PaymentSession:
        return self._run(_get_session(session_id))

    def wait_for(
        self,
        session_id: str,
        *,
        states: Collection[str | Enum] = ("completed",),
        timeout: float = 600.0,
        progress: WaitProgressCallback | None = None,
    ) -> PaymentSession:
        """Poll until the session reaches one of `states` (raises if it expires or fails first).

        `progress`: called with a `WaitProgress` after every look.
        """
        waiter = _session_waiter(session_id, states, timeout, progress)
        while True:
            try:
                session = self.get(session_id)
            except TRANSIENT_POLL_ERRORS as exc:
                waiter.missed(exc)
            else:
                if waiter.reached(session):
                    return session
            time.sleep(waiter.next_delay())


class RefundsResource(SyncResource):
    def create(
        self,
        *,
        usage_record_id: str,
        amount_minor: int,
        reason: str,
        idempotency_key: str | None = None,
    ) -> Refund:
        """Refund part of a charge (a usage record's id); it starts `pending`. Retried safely."""
        return self._run(_create_refund(usage_record_id, amount_minor, reason, idempotency_key))

    def list(
        self, *, usage_record_id: str | None = None, page_size: int | None = None
    ) -> SyncPager[Refund]:
        """Every refund (of one charge, or all), newest first, fetched lazily."""
        return SyncPager(lambda c: self._run(_list_refunds(c, page_size, usage_record_id)))


class BillingResource(SyncResource):
    def __init__(self, raw: GeneratedClient) -> None:
        super().__init__(raw)
        self.payment_sessions = PaymentSessionsResource(raw)
        self.refunds = RefundsResource(raw)

    def balance(self) -> Balance:
        """The tenant's prepaid balance now, after the usage accrued so far."""
        return self._run(_balance())

    def usage(
        self,
        *,
        since: Instant | None = None,
        until: Instant | None = None,
        allocation_id: str | None = None,
        sku: str | None = None,
        page_size: int | None = None,
    ) -> SyncPager[UsageRecord]:
        """Usage records (charges) starting in `[since, until)`, oldest first, fetched lazily."""
        window = _window(since, until)
        return SyncPager(lambda c: self._run(_usage(c, page_size, window, allocation_id, sku)))


# -- async ------------------------------------------------------------------------


class AsyncPaymentSessionsResource(AsyncResource):
    async def create(
        self,
        *,
        amount_minor: int,
        currency: str,
        return_url: str | None = None,
        idempotency_key: str | None = None,
    ) -> PaymentSession:
        """Start a top-up; the payer completes it at `checkout_url`. Retried safely."""
        return await self._run(_create_session(amount_minor, currency, return_url, idempotency_key))

    async def get(self, session_id: str) -> PaymentSession:
        return await self._run(_get_session(session_id))

    async def wait_for(
        self,
        session_id: str,
        *,
        states: Collection[str | Enum] = ("completed",),
        timeout: float = 600.0,
        progress: WaitProgressCallback | None = None,
    ) -> PaymentSession:
        """Poll until the session reaches one of `states` (raises if it expires or fails first).

        `progress`: called with a `WaitProgress` after every look.
        """
        waiter = _session_waiter(session_id, states, timeout, progress)
        while True:
            try:
                session = await self.get(session_id)
            except TRANSIENT_POLL_ERRORS as exc:
                waiter.missed(exc)
            else:
                if waiter.reached(session):
                    return session
            await asyncio.sleep(waiter.next_delay())


class AsyncRefundsResource(AsyncResource):
    async def create(
        self,
        *,
        usage_record_id: str,
        amount_minor: int,
        reason: str,
        idempotency_key: str | None = None,
    ) -> Refund:
        """Refund part of a charge (a usage record's id); it starts `pending`. Retried safely."""
        return await self._run(
            _create_refund(usage_record_id, amount_minor, reason, idempotency_key)
        )

    def list(
        self, *, usage_record_id: str | None = None, page_size: int | None = None
    ) -> AsyncPager[Refund]:
        """Every refund (of one charge, or all), newest first, fetched lazily."""
        return AsyncPager(lambda c: self._run(_list_refunds(c, page_size, usage_record_id)))


class AsyncBillingResource(AsyncResource):
    def __init__(self, raw: GeneratedClient) -> None:
        super().__init__(raw)
        self.payment_sessions = AsyncPaymentSessionsResource(raw)
        self.refunds = AsyncRefundsResource(raw)

    async def balance(self) -> Balance:
        """The tenant's prepaid balance now, after the usage accrued so far."""
        return await self._run(_balance())

    def usage(
        self,
        *,
        since: Instant | None = None,
        until: Instant | None = None,
        allocation_id: str | None = None,
        sku: str | None = None,
        page_size: int | None = None,
    ) -> AsyncPager[UsageRecord]:
        """Usage records (charges) starting in `[since, until)`, oldest first, fetched lazily."""
        window = _window(since, until)
        return AsyncPager(lambda c: self._run(_usage(c, page_size, window, allocation_id, sku)))
