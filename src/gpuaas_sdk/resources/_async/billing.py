"""`client.billing`: the balance, usage records (charges), payment sessions and refunds."""

from __future__ import annotations

from collections.abc import Collection
from enum import Enum
from typing import TYPE_CHECKING, Unpack

from gpuaas_api.models import (
    Balance,
    PaymentSession,
    Refund,
    UsageRecord,
)

from ..._core._async.pager import AsyncPager
from ..._core.call import WaitOptions
from ..._waiters._async.driver import wait_until
from ..._waiters.specs import PAYMENT_SESSION
from ..._waiters.waiter import WaitProgressCallback
from .._lazy import RawResponses
from ._base import AsyncAPIResource

if TYPE_CHECKING:
    from gpuaas_api.client import Client as GeneratedClient

    from .._raw import (
        AsyncBillingResourceWithRawResponse,
        AsyncPaymentSessionsResourceWithRawResponse,
        AsyncRefundsResourceWithRawResponse,
    )
from ..._core.call import RequestOptions
from ..billing import (
    Instant,
    _balance,
    _create_refund,
    _create_session,
    _get_session,
    _list_refunds,
    _usage,
    _window,
)


class AsyncPaymentSessionsResource(AsyncAPIResource):
    with_raw_response: RawResponses[AsyncPaymentSessionsResourceWithRawResponse] = RawResponses()
    """Each method, returning its HTTP answer beside its result (`RawResponse`)."""

    async def create(
        self,
        *,
        amount_minor: int,
        currency: str,
        return_url: str | None = None,
        idempotency_key: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> PaymentSession:
        """Start a top-up; the payer completes it at `checkout_url`. Retried safely."""
        return await self._run(
            _create_session(amount_minor, currency, return_url, idempotency_key), options
        )

    async def get(self, session_id: str, **options: Unpack[RequestOptions]) -> PaymentSession:
        """The session as it is now (`open`, `completed`, `expired` or `failed`)."""
        return await self._run(_get_session(session_id), options)

    async def wait_for(
        self,
        session_id: str,
        *,
        states: Collection[str | Enum] = ("completed",),
        timeout: float | None = 600.0,
        progress: WaitProgressCallback | None = None,
        **options: Unpack[WaitOptions],
    ) -> PaymentSession:
        """Poll until the session reaches one of `states` (raises if it expires or fails first).

        `timeout=None` waits without a deadline; past one, `WaitTimeoutError` (a `TimeoutError`).

        `progress`: called with a `WaitProgress` after every look.
        """
        return await wait_until(
            self._raw,
            PAYMENT_SESSION,
            session_id,
            states=states,
            timeout=timeout,
            use_events=False,
            progress=progress,
            options=options,
        )


class AsyncRefundsResource(AsyncAPIResource):
    with_raw_response: RawResponses[AsyncRefundsResourceWithRawResponse] = RawResponses()
    """Each method, returning its HTTP answer beside its result (`RawResponse`)."""

    async def create(
        self,
        *,
        usage_record_id: str,
        amount_minor: int,
        reason: str,
        idempotency_key: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> Refund:
        """Refund part of a charge (a usage record's id); it starts `pending`. Retried safely."""
        return await self._run(
            _create_refund(usage_record_id, amount_minor, reason, idempotency_key), options
        )

    def list(
        self,
        *,
        usage_record_id: str | None = None,
        page_size: int | None = None,
        **options: Unpack[RequestOptions],
    ) -> AsyncPager[Refund]:
        """Every refund (of one charge, or all), newest first, fetched lazily."""
        return AsyncPager(
            lambda c: self._run(_list_refunds(c, page_size, usage_record_id), options)
        )


class AsyncBillingResource(AsyncAPIResource):
    with_raw_response: RawResponses[AsyncBillingResourceWithRawResponse] = RawResponses()
    """Each method, returning its HTTP answer beside its result (`RawResponse`)."""

    def __init__(self, raw: GeneratedClient) -> None:
        super().__init__(raw)
        self.payment_sessions = AsyncPaymentSessionsResource(raw)
        self.refunds = AsyncRefundsResource(raw)

    async def balance(self, **options: Unpack[RequestOptions]) -> Balance:
        """The tenant's prepaid balance now, after the usage accrued so far."""
        return await self._run(_balance(), options)

    def usage(
        self,
        *,
        since: Instant | None = None,
        until: Instant | None = None,
        allocation_id: str | None = None,
        sku: str | None = None,
        page_size: int | None = None,
        **options: Unpack[RequestOptions],
    ) -> AsyncPager[UsageRecord]:
        """Usage records (charges) starting in `[since, until)`, oldest first, fetched lazily."""
        window = _window(since, until)
        return AsyncPager(
            lambda c: self._run(_usage(c, page_size, window, allocation_id, sku), options)
        )
