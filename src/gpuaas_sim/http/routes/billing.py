"""Balance, usage records, payment sessions and refunds."""

from __future__ import annotations

from typing import Any

from ...platform.errors import ApiError
from ..pagination import page_of
from ..registry import Call, operation


@operation("getBalance")
def get_balance(call: Call) -> dict[str, Any]:
    return call.sim.billing.balance(call.caller, call.sim.clock.now())


@operation("listUsageRecords")
def list_usage_records(call: Call) -> dict[str, Any]:
    query = call.query
    since, until = query.get("since"), query.get("until")
    allocation_id, sku = query.get("allocation_id"), query.get("sku")
    if since is not None and until is not None and since > until:
        raise ApiError(
            "invalid_request",
            "`since` must not be later than `until`.",
            details={"parameter": "since", "reason": "later than until"},
        )
    records = [
        r
        for r in call.sim.billing.usage(call.caller.tenant_id, call.sim.clock.now())
        if (since is None or r.interval_start >= since)
        and (until is None or r.interval_start < until)
        and allocation_id in (None, r.allocation_id)
        and sku in (None, r.sku)
    ]
    return page_of(
        query, records, kind="usage", position=lambda r: r.position, render=lambda r: r.to_json()
    )


@operation("createPaymentSession")
def create_payment_session(call: Call) -> dict[str, Any]:
    body = call.body
    session = call.sim.billing.create_payment_session(
        call.caller,
        amount_minor=body["amount_minor"],
        currency=body["currency"],
        return_url=body.get("return_url"),
        checkout_base=str(call.request.base_url),
    )
    return session.to_json(call.sim.clock.now())


@operation("getPaymentSession")
def get_payment_session(call: Call) -> dict[str, Any]:
    session = call.sim.billing.payment_session(call.caller, call.path["session_id"])
    return session.to_json(call.sim.clock.now())


@operation("listRefunds")
def list_refunds(call: Call) -> dict[str, Any]:
    now = call.sim.clock.now()
    return page_of(
        call.query,
        call.sim.billing.refunds_of(call.caller, call.query.get("usage_record_id")),
        kind="refunds",
        position=lambda r: r.seq,
        render=lambda r: r.to_json(now),
        descending=True,
    )


@operation("createRefund")
def create_refund(call: Call) -> dict[str, Any]:
    body = call.body
    refund = call.sim.billing.create_refund(
        call.caller,
        usage_record_id=body["usage_record_id"],
        amount_minor=body["amount_minor"],
        reason=body["reason"],
    )
    return refund.to_json(call.sim.clock.now())
