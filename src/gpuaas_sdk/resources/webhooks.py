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
from .._core.pagination import AsyncPager, SyncPager
from ..errors import ArgumentError
from ._base import AsyncResource, SyncResource


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


class WebhooksResource(SyncResource):
    def create(
        self,
        *,
        url: str,
        event_types: Iterable[str | WebhookEventType],
        description: str | None = None,
        idempotency_key: str | None = None,
    ) -> WebhookCreated:
        """Register `url` for `event_types` (`["*"]` for all); keep the returned `secret`."""
        return self._run(_create(url, event_types, description, idempotency_key))

    def list(self, *, page_size: int | None = None) -> SyncPager[Webhook]:
        """The tenant's webhooks, newest first, fetched lazily."""
        return SyncPager(lambda c: self._run(_list(c, page_size)))

    def get(self, webhook_id: str) -> Webhook:
        return self._run(_get(webhook_id))

    def delete(self, webhook_id: str) -> None:
        """Delete the webhook; pending retries are dropped with its delivery history."""
        self._run(_delete(webhook_id))

    def test(self, webhook_id: str, *, idempotency_key: str | None = None) -> WebhookDelivery:
        """Queue one sample delivery (attempted once); follow it with `deliveries`."""
        return self._run(_test(webhook_id, idempotency_key))

    def deliveries(
        self, webhook_id: str, *, success: bool | None = None, page_size: int | None = None
    ) -> SyncPager[WebhookDelivery]:
        """The webhook's deliveries, newest first; `success` keeps only those that did (not)."""
        return SyncPager(lambda c: self._run(_deliveries(webhook_id, c, success, page_size)))


class AsyncWebhooksResource(AsyncResource):
    async def create(
        self,
        *,
        url: str,
        event_types: Iterable[str | WebhookEventType],
        description: str | None = None,
        idempotency_key: str | None = None,
    ) -> WebhookCreated:
        """Register `url` for `event_types` (`["*"]` for all); keep the returned `secret`."""
        return await self._run(_create(url, event_types, description, idempotency_key))

    def list(self, *, page_size: int | None = None) -> AsyncPager[Webhook]:
        """The tenant's webhooks, newest first, fetched lazily."""
        return AsyncPager(lambda c: self._run(_list(c, page_size)))

    async def get(self, webhook_id: str) -> Webhook:
        return await self._run(_get(webhook_id))

    async def delete(self, webhook_id: str) -> None:
        """Delete the webhook; pending retries are dropped with its delivery history."""
        await self._run(_delete(webhook_id))

    async def test(self, webhook_id: str, *, idempotency_key: str | None = None) -> WebhookDelivery:
        """Queue one sample delivery (attempted once); follow it with `deliveries`."""
        return await self._run(_test(webhook_id, idempotency_key))

    def deliveries(
        self, webhook_id: str, *, success: bool | None = None, page_size: int | None = None
    ) -> AsyncPager[WebhookDelivery]:
        """The webhook's deliveries, newest first; `success` keeps only those that did (not)."""
        return AsyncPager(lambda c: self._run(_deliveries(webhook_id, c, success, page_size)))
