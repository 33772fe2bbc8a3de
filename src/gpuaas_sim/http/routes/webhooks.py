"""`/v1/webhooks*`: register, list, get, delete, test-deliver, and delivery history."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ...platform.admin import record_audit
from ...platform.errors import ApiError, JSONResponse
from ...platform.identity import Principal
from ..pagination import paginate
from ..web import authenticate, bool_param, endpoint, idempotent, json_body, page_params

if TYPE_CHECKING:
    from ...simulator import Simulator

#: Roles that may manage their tenant's webhooks.
WEBHOOK_ROLES = frozenset({"tenant_admin", "tenant_member", "platform_admin"})

EventType = Literal[
    "*",
    "allocation.status_changed",
    "app_instance.status_changed",
    "app.event",
    "app.log",
    "usage.recorded",
    "budget.threshold_reached",
    "budget.exceeded",
]


class WebhookCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    url: Annotated[str, Field(min_length=1, max_length=2048)]
    event_types: Annotated[list[EventType], Field(min_length=1, max_length=32)]
    description: Annotated[str, Field(max_length=500)] | None = None

    @field_validator("event_types")
    @classmethod
    def _unique(cls, value: list[str]) -> list[str]:
        if len(set(value)) != len(value):
            raise ValueError("event types must not repeat")
        return value

    @field_validator("description", mode="before")
    @classmethod
    def _not_null(cls, value: Any) -> Any:
        if value is None:
            raise ValueError("must not be null")
        return value


def _authorize(principal: Principal) -> None:
    if not WEBHOOK_ROLES.intersection(principal.roles):
        raise ApiError(
            "insufficient_permissions",
            "Managing webhooks needs a tenant role (tenant_admin or tenant_member).",
            details={"required_roles": sorted(WEBHOOK_ROLES)},
        )


def routes(sim: Simulator) -> list[Route]:
    def caller(request: Request) -> Principal:
        principal = authenticate(request, sim)
        _authorize(principal)
        return principal

    async def list_webhooks(request: Request) -> Response:
        principal = caller(request)
        limit, cursor = page_params(request)
        page = paginate(
            sim.webhooks.visible_to(principal),
            kind="webhooks",
            position=lambda w: w.seq,
            render=lambda w: w.to_json(),
            limit=limit,
            cursor=cursor,
            descending=True,
        )
        return JSONResponse(page.to_json())

    async def create_webhook(request: Request) -> Response:
        principal = authenticate(request, sim)
        try:
            _authorize(principal)
        except ApiError:
            record_audit(
                request, sim, principal, "webhook.create", resource_type="webhook",
                resource_id=None, tenant_id=principal.tenant_id, outcome="denied",
            )  # fmt: skip
            raise
        body, raw = await json_body(request, WebhookCreate)

        def run() -> tuple[int, Any]:
            webhook, secret = sim.webhooks.create(
                principal, body.url, tuple(body.event_types), body.description
            )
            record_audit(
                request, sim, principal, "webhook.create", resource_type="webhook",
                resource_id=webhook.id, tenant_id=webhook.tenant_id,
            )  # fmt: skip
            return 201, {"webhook": webhook.to_json(), "secret": secret}

        return idempotent(request, sim, principal, raw, run)

    async def get_webhook(request: Request) -> Response:
        principal = caller(request)
        return JSONResponse(
            sim.webhooks.get(principal, request.path_params["webhook_id"]).to_json()
        )

    async def delete_webhook(request: Request) -> Response:
        principal = caller(request)
        webhook = sim.webhooks.delete(principal, request.path_params["webhook_id"])
        record_audit(
            request, sim, principal, "webhook.delete", resource_type="webhook",
            resource_id=webhook.id, tenant_id=webhook.tenant_id,
        )  # fmt: skip
        return Response(status_code=204)

    async def send_test_delivery(request: Request) -> Response:
        principal = caller(request)
        webhook_id = request.path_params["webhook_id"]

        def run() -> tuple[int, Any]:
            return 202, sim.webhooks.send_test(principal, webhook_id).to_json()

        return idempotent(request, sim, principal, None, run)

    async def list_deliveries(request: Request) -> Response:
        principal = caller(request)
        limit, cursor = page_params(request)
        success = bool_param(request, "success")
        webhook = sim.webhooks.get(principal, request.path_params["webhook_id"])
        chosen = [d for d in sim.webhooks.deliveries_of(webhook) if success in (None, d.success)]
        page = paginate(
            chosen,
            kind="webhook-deliveries",
            position=lambda d: d.seq,
            render=lambda d: d.to_json(),
            limit=limit,
            cursor=cursor,
            descending=True,
        )
        return JSONResponse(page.to_json())

    return [
        endpoint("/v1/webhooks", GET=list_webhooks, POST=create_webhook),
        endpoint("/v1/webhooks/{webhook_id}", GET=get_webhook, DELETE=delete_webhook),
        endpoint("/v1/webhooks/{webhook_id}/test", POST=send_test_delivery),
        endpoint("/v1/webhooks/{webhook_id}/deliveries", GET=list_deliveries),
    ]
