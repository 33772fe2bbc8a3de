"""Webhooks: register, list, get, delete, test-deliver, delivery history and redelivery."""

from __future__ import annotations

from typing import Any

from ...platform.webhooks import require_webhook_role
from ..pagination import page_of
from ..registry import Call, operation


@operation("listWebhooks", allow=require_webhook_role)
def list_webhooks(call: Call) -> dict[str, Any]:
    return page_of(
        call.query,
        call.sim.webhooks.visible_to(call.caller),
        kind="webhooks",
        position=lambda w: w.seq,
        render=lambda w: w.to_json(),
        descending=True,
    )


@operation("createWebhook", allow=require_webhook_role)
def create_webhook(call: Call) -> dict[str, Any]:
    body = call.body
    webhook, secret = call.sim.webhooks.create(
        call.caller, body["url"], tuple(body["event_types"]), body.get("description")
    )
    return {"webhook": webhook.to_json(), "secret": secret}


@operation("getWebhook", allow=require_webhook_role)
def get_webhook(call: Call) -> dict[str, Any]:
    return call.sim.webhooks.get(call.caller, call.path["webhook_id"]).to_json()


@operation("deleteWebhook", allow=require_webhook_role)
def delete_webhook(call: Call) -> None:
    call.sim.webhooks.delete(call.caller, call.path["webhook_id"])


@operation("sendWebhookTestDelivery", allow=require_webhook_role)
def send_webhook_test_delivery(call: Call) -> dict[str, Any]:
    return call.sim.webhooks.send_test(call.caller, call.path["webhook_id"]).to_json()


@operation("redeliverWebhookDelivery", allow=require_webhook_role)
def redeliver_webhook_delivery(call: Call) -> dict[str, Any]:
    webhooks, path = call.sim.webhooks, call.path
    return webhooks.redeliver(call.caller, path["webhook_id"], path["delivery_id"]).to_json()


@operation("listWebhookDeliveries", allow=require_webhook_role)
def list_webhook_deliveries(call: Call) -> dict[str, Any]:
    webhooks, success = call.sim.webhooks, call.query.get("success")
    webhook = webhooks.get(call.caller, call.path["webhook_id"])
    return page_of(
        call.query,
        [d for d in webhooks.deliveries_of(webhook) if success in (None, d.success)],
        kind="webhook-deliveries",
        position=lambda d: d.seq,
        render=lambda d: d.to_json(),
        descending=True,
    )
