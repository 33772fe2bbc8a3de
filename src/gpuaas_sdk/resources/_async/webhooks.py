"""`client.webhooks`: register endpoints for signed event deliveries and follow their outcome."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Unpack

from gpuaas_api.models import (
    Webhook,
    WebhookCreated,
    WebhookDelivery,
    WebhookEventType,
)

from ..._core._async.pager import AsyncPager
from ..._core.call import RequestOptions
from .._lazy import RawResponses
from ..webhooks import _create, _delete, _deliveries, _get, _list, _redeliver, _test
from ._base import AsyncAPIResource

if TYPE_CHECKING:
    from .._raw import AsyncWebhooksResourceWithRawResponse


class AsyncWebhooksResource(AsyncAPIResource):
    with_raw_response: RawResponses[AsyncWebhooksResourceWithRawResponse] = RawResponses()
    """Each method, returning its HTTP answer beside its result (`RawResponse`)."""

    async def create(
        self,
        *,
        url: str,
        event_types: Iterable[str | WebhookEventType],
        description: str | None = None,
        idempotency_key: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> WebhookCreated:
        """Register `url` for `event_types` (`["*"]` for all); keep the returned `secret`."""
        return await self._run(_create(url, event_types, description, idempotency_key), options)

    def list(
        self, *, page_size: int | None = None, **options: Unpack[RequestOptions]
    ) -> AsyncPager[Webhook]:
        """The tenant's webhooks, newest first, fetched lazily."""
        return AsyncPager(lambda c: self._run(_list(c, page_size), options))

    async def get(self, webhook_id: str, **options: Unpack[RequestOptions]) -> Webhook:
        """One webhook by id (its secret is not returned again)."""
        return await self._run(_get(webhook_id), options)

    async def delete(self, webhook_id: str, **options: Unpack[RequestOptions]) -> None:
        """Delete the webhook; pending retries are dropped with its delivery history."""
        await self._run(_delete(webhook_id), options)

    async def test(
        self,
        webhook_id: str,
        *,
        idempotency_key: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> WebhookDelivery:
        """Queue one sample delivery (attempted once); follow it with `deliveries`."""
        return await self._run(_test(webhook_id, idempotency_key), options)

    def deliveries(
        self,
        webhook_id: str,
        *,
        success: bool | None = None,
        page_size: int | None = None,
        **options: Unpack[RequestOptions],
    ) -> AsyncPager[WebhookDelivery]:
        """The webhook's deliveries, newest first; `success` keeps only those that did (not)."""
        return AsyncPager(
            lambda c: self._run(_deliveries(webhook_id, c, success, page_size), options)
        )

    async def redeliver(
        self,
        webhook_id: str,
        delivery_id: str,
        *,
        idempotency_key: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> WebhookDelivery:
        """Send a failed delivery's event again; the answer is the new, queued delivery.

        The same event (same `event.id`, so a receiver that deduplicates sees it once)
        is signed afresh and attempted once, without retries, also to a `disabled`
        webhook; its `redelivery_of` names `delivery_id`. Follow it with `deliveries`
        (each record has `latency_ms`, how long its latest attempt took).

        Raises:
            WebhookNotFound: No such webhook in the caller's tenant.
            DeliveryNotFound: The webhook has no delivery `delivery_id`.
            InvalidState: The delivery succeeded, or is queued or retrying
                (`details["state"]`); only a failed one can be redelivered.
        """
        return await self._run(_redeliver(webhook_id, delivery_id, idempotency_key), options)
