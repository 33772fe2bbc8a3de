"""`client.billing`: the balance, usage records (charges), payment sessions and refunds."""

from __future__ import annotations

from datetime import UTC, datetime
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
    Refund,
    RefundCreate,
    RefundPage,
    UsageRecordPage,
)

from .._core.call import Call, unset_if_none
from ..errors import ArgumentError

if TYPE_CHECKING:
    pass

Instant = datetime | str
"""A point in time: a timezone-aware datetime or an RFC 3339 string."""


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


# -- async ------------------------------------------------------------------------
