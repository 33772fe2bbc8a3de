"""`/v1/billing/*`: balance, usage records, payment sessions and refunds."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import Field, field_validator
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ...platform.errors import ApiError, JSONResponse
from ..pagination import paginate
from ..schemas import Body, JsonInt
from ..web import (
    authenticate,
    datetime_param,
    endpoint,
    idempotent,
    json_body,
    page_params,
    query_param,
)

if TYPE_CHECKING:
    from ...simulator import Simulator


class PaymentSessionCreate(Body):
    amount_minor: Annotated[JsonInt, Field(ge=1, le=100_000_000)]
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")]
    return_url: Annotated[str, Field(min_length=1, max_length=2048)] | None = None

    @field_validator("return_url", mode="before")
    @classmethod
    def _absolute_uri(cls, value: Any) -> Any:
        # `format: uri` in the contract: a scheme is required; left out is fine, null is not.
        if value is None:
            raise ValueError("must not be null")
        if isinstance(value, str) and not re.match(r"[A-Za-z][A-Za-z0-9+.-]*:\S*$", value):
            raise ValueError("must be an absolute URI")
        return value


class RefundCreate(Body):
    usage_record_id: Annotated[str, Field(min_length=1, max_length=64)]
    amount_minor: Annotated[JsonInt, Field(ge=1)]
    reason: Annotated[str, Field(min_length=1, max_length=500)]


def routes(sim: Simulator) -> list[Route]:
    async def get_balance(request: Request) -> Response:
        principal = authenticate(request, sim)
        return JSONResponse(sim.billing.balance(principal, sim.clock.now()))

    async def list_usage(request: Request) -> Response:
        principal = authenticate(request, sim)
        limit, cursor = page_params(request)
        since, until = datetime_param(request, "since"), datetime_param(request, "until")
        allocation_id = query_param(request, "allocation_id")
        sku = query_param(request, "sku")
        if since is not None and until is not None and since > until:
            raise ApiError(
                "invalid_request",
                "`since` must not be later than `until`.",
                details={"parameter": "since", "reason": "later than until"},
            )
        records = [
            r
            for r in sim.billing.usage(principal.tenant_id, sim.clock.now())
            if (since is None or r.interval_start >= since)
            and (until is None or r.interval_start < until)
            and allocation_id in (None, r.allocation_id)
            and sku in (None, r.sku)
        ]
        page = paginate(
            records,
            kind="usage",
            position=lambda r: r.position,
            render=lambda r: r.to_json(),
            limit=limit,
            cursor=cursor,
        )
        return JSONResponse(page.to_json())

    async def create_payment_session(request: Request) -> Response:
        principal = authenticate(request, sim)
        body, raw = await json_body(request, PaymentSessionCreate)

        def run() -> tuple[int, Any]:
            session = sim.billing.create_payment_session(
                principal,
                amount_minor=body.amount_minor,
                currency=body.currency,
                return_url=body.return_url,
                checkout_base=str(request.base_url),
            )
            return 201, session.to_json(sim.clock.now())

        return idempotent(request, sim, principal, raw, run)

    async def get_payment_session(request: Request) -> Response:
        principal = authenticate(request, sim)
        session = sim.billing.payment_session(principal, request.path_params["session_id"])
        return JSONResponse(session.to_json(sim.clock.now()))

    async def list_refunds(request: Request) -> Response:
        principal = authenticate(request, sim)
        limit, cursor = page_params(request)
        usage_record_id = query_param(request, "usage_record_id")
        now = sim.clock.now()
        page = paginate(
            sim.billing.refunds_of(principal, usage_record_id),
            kind="refunds",
            position=lambda r: r.seq,
            render=lambda r: r.to_json(now),
            limit=limit,
            cursor=cursor,
            descending=True,
        )
        return JSONResponse(page.to_json())

    async def create_refund(request: Request) -> Response:
        principal = authenticate(request, sim)
        body, raw = await json_body(request, RefundCreate)

        def run() -> tuple[int, Any]:
            refund = sim.billing.create_refund(
                principal,
                usage_record_id=body.usage_record_id,
                amount_minor=body.amount_minor,
                reason=body.reason,
            )
            return 201, refund.to_json(sim.clock.now())

        return idempotent(request, sim, principal, raw, run)

    return [
        endpoint("/v1/billing/balance", GET=get_balance),
        endpoint("/v1/billing/usage", GET=list_usage),
        endpoint("/v1/billing/payment-sessions", POST=create_payment_session),
        endpoint("/v1/billing/payment-sessions/{session_id}", GET=get_payment_session),
        endpoint("/v1/billing/refunds", GET=list_refunds, POST=create_refund),
    ]
