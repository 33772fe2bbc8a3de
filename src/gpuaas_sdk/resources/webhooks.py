"""`client.webhooks`: register endpoints for signed event deliveries and follow their outcome.

Check deliveries on the receiving end with `gpuaas_sdk.verify_webhook`, using the
`secret` that `create` returns (the only time the platform shows it).
"""

from __future__ import annotations

from collections.abc import Iterable

from gpuaas_api.api.webhooks import (
    create_webhook,
    delete_webhook,
    get_webhook,
    list_webhook_deliveries,
    list_webhooks,
    redeliver_webhook_delivery,
    send_webhook_test_delivery,
)
from gpuaas_api.models import (
    Webhook,
    WebhookCreate,
    WebhookCreated,
    WebhookDelivery,
    WebhookDeliveryPage,
    WebhookEventType,
    WebhookPage,
)

from .._core.call import Call, unset_if_none
from ..errors import ArgumentError


def _event_types(event_types: Iterable[str | WebhookEventType]) -> list[WebhookEventType]:
    if isinstance(event_types, str):
        event_types = [event_types]  # one type given bare, e.g. "*"
    chosen = [WebhookEventType(t) for t in event_types]
    if not chosen:
        raise ArgumentError("event_types must name at least one event type, or '*' for all")
    return chosen


def _create(
    url: str,
    event_types: Iterable[str | WebhookEventType],
    description: str | None,
    idempotency_key: str | None,
) -> Call[WebhookCreated]:
    body = WebhookCreate(
        url=url, event_types=_event_types(event_types), description=unset_if_none(description)
    )
    return Call(
        create_webhook,
        {"body": body, "idempotency_key": unset_if_none(idempotency_key)},
        WebhookCreated,
    )


def _list(cursor: str | None, limit: int | None) -> Call[WebhookPage]:
    return Call(
        list_webhooks, {"cursor": unset_if_none(cursor), "limit": unset_if_none(limit)}, WebhookPage
    )


def _get(webhook_id: str) -> Call[Webhook]:
    return Call(get_webhook, {"webhook_id": webhook_id}, Webhook)


def _delete(webhook_id: str) -> Call[None]:
    return Call(delete_webhook, {"webhook_id": webhook_id}, type(None))


def _test(webhook_id: str, idempotency_key: str | None) -> Call[WebhookDelivery]:
    return Call(
        send_webhook_test_delivery,
        {"webhook_id": webhook_id, "idempotency_key": unset_if_none(idempotency_key)},
        WebhookDelivery,
    )


def _deliveries(
    webhook_id: str, cursor: str | None, success: bool | None, limit: int | None
) -> Call[WebhookDeliveryPage]:
    return Call(
        list_webhook_deliveries,
        {
            "webhook_id": webhook_id,
            "cursor": unset_if_none(cursor),
            "success": unset_if_none(success),
            "limit": unset_if_none(limit),
        },
        WebhookDeliveryPage,
    )


def _redeliver(
    webhook_id: str, delivery_id: str, idempotency_key: str | None
) -> Call[WebhookDelivery]:
    return Call(
        redeliver_webhook_delivery,
        {
            "webhook_id": webhook_id,
            "delivery_id": delivery_id,
            "idempotency_key": unset_if_none(idempotency_key),
        },
        WebhookDelivery,
    )
