from typing import Any
from urllib.parse import quote

from ... import errors
from ...client import AuthenticatedClient, Client
from ...http_stack import httpx
from ...json_body import loads
from ...models.error_envelope import ErrorEnvelope
from ...models.webhook_delivery import WebhookDelivery
from ...types import UNSET, Response, Unset, status_of


def _get_kwargs(
    webhook_id: str,
    delivery_id: str,
    *,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/webhooks/{webhook_id}/deliveries/{delivery_id}/redeliver".format(
            webhook_id=quote(str(webhook_id), safe=""),
            delivery_id=quote(str(delivery_id), safe=""),
        ),
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | WebhookDelivery | None:
    if response.status_code == 202:
        response_202 = WebhookDelivery.from_dict(loads(response.content))

        return response_202

    if response.status_code == 400:
        response_400 = ErrorEnvelope.from_dict(loads(response.content))

        return response_400

    if response.status_code == 401:
        response_401 = ErrorEnvelope.from_dict(loads(response.content))

        return response_401

    if response.status_code == 403:
        response_403 = ErrorEnvelope.from_dict(loads(response.content))

        return response_403

    if response.status_code == 404:
        response_404 = ErrorEnvelope.from_dict(loads(response.content))

        return response_404

    if response.status_code == 409:
        response_409 = ErrorEnvelope.from_dict(loads(response.content))

        return response_409

    if response.status_code == 429:
        response_429 = ErrorEnvelope.from_dict(loads(response.content))

        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorEnvelope | WebhookDelivery]:
    return Response(
        status_code=status_of(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    webhook_id: str,
    delivery_id: str,
    *,
    client: AuthenticatedClient | Client,
    idempotency_key: str | Unset = UNSET,
) -> Response[ErrorEnvelope | WebhookDelivery]:
    """Send a failed delivery again

     Queues a new delivery of the same event (same `event`, including its `id`, so
    a receiver that deduplicates by event id sees it once) to the webhook's URL,
    signed afresh. It is attempted once, without retries, also when the webhook is
    `disabled` (which it does not change); redeliver again if it fails. The answer
    is the new delivery, whose `redelivery_of` names the one given; follow its
    outcome with `listWebhookDeliveries`.

    Only a delivery that failed can be redelivered: its latest attempt failed and
    no retry is pending (the platform gave up, or it was a test delivery or a
    redelivery that failed). Errors: `webhook_not_found` or `delivery_not_found`
    (404); `invalid_state` (409) when the delivery succeeded or is still queued or
    retrying (`details.state`: `succeeded`, `queued` or `retrying`), and
    `idempotency_conflict` (409); `insufficient_permissions` (403).

    Args:
        webhook_id (str):
        delivery_id (str):
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | WebhookDelivery]
    """

    kwargs = _get_kwargs(
        webhook_id=webhook_id,
        delivery_id=delivery_id,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    webhook_id: str,
    delivery_id: str,
    *,
    client: AuthenticatedClient | Client,
    idempotency_key: str | Unset = UNSET,
) -> ErrorEnvelope | WebhookDelivery | None:
    """Send a failed delivery again

     Queues a new delivery of the same event (same `event`, including its `id`, so
    a receiver that deduplicates by event id sees it once) to the webhook's URL,
    signed afresh. It is attempted once, without retries, also when the webhook is
    `disabled` (which it does not change); redeliver again if it fails. The answer
    is the new delivery, whose `redelivery_of` names the one given; follow its
    outcome with `listWebhookDeliveries`.

    Only a delivery that failed can be redelivered: its latest attempt failed and
    no retry is pending (the platform gave up, or it was a test delivery or a
    redelivery that failed). Errors: `webhook_not_found` or `delivery_not_found`
    (404); `invalid_state` (409) when the delivery succeeded or is still queued or
    retrying (`details.state`: `succeeded`, `queued` or `retrying`), and
    `idempotency_conflict` (409); `insufficient_permissions` (403).

    Args:
        webhook_id (str):
        delivery_id (str):
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | WebhookDelivery
    """

    return sync_detailed(
        webhook_id=webhook_id,
        delivery_id=delivery_id,
        client=client,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    webhook_id: str,
    delivery_id: str,
    *,
    client: AuthenticatedClient | Client,
    idempotency_key: str | Unset = UNSET,
) -> Response[ErrorEnvelope | WebhookDelivery]:
    """Send a failed delivery again

     Queues a new delivery of the same event (same `event`, including its `id`, so
    a receiver that deduplicates by event id sees it once) to the webhook's URL,
    signed afresh. It is attempted once, without retries, also when the webhook is
    `disabled` (which it does not change); redeliver again if it fails. The answer
    is the new delivery, whose `redelivery_of` names the one given; follow its
    outcome with `listWebhookDeliveries`.

    Only a delivery that failed can be redelivered: its latest attempt failed and
    no retry is pending (the platform gave up, or it was a test delivery or a
    redelivery that failed). Errors: `webhook_not_found` or `delivery_not_found`
    (404); `invalid_state` (409) when the delivery succeeded or is still queued or
    retrying (`details.state`: `succeeded`, `queued` or `retrying`), and
    `idempotency_conflict` (409); `insufficient_permissions` (403).

    Args:
        webhook_id (str):
        delivery_id (str):
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | WebhookDelivery]
    """

    kwargs = _get_kwargs(
        webhook_id=webhook_id,
        delivery_id=delivery_id,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    webhook_id: str,
    delivery_id: str,
    *,
    client: AuthenticatedClient | Client,
    idempotency_key: str | Unset = UNSET,
) -> ErrorEnvelope | WebhookDelivery | None:
    """Send a failed delivery again

     Queues a new delivery of the same event (same `event`, including its `id`, so
    a receiver that deduplicates by event id sees it once) to the webhook's URL,
    signed afresh. It is attempted once, without retries, also when the webhook is
    `disabled` (which it does not change); redeliver again if it fails. The answer
    is the new delivery, whose `redelivery_of` names the one given; follow its
    outcome with `listWebhookDeliveries`.

    Only a delivery that failed can be redelivered: its latest attempt failed and
    no retry is pending (the platform gave up, or it was a test delivery or a
    redelivery that failed). Errors: `webhook_not_found` or `delivery_not_found`
    (404); `invalid_state` (409) when the delivery succeeded or is still queued or
    retrying (`details.state`: `succeeded`, `queued` or `retrying`), and
    `idempotency_conflict` (409); `insufficient_permissions` (403).

    Args:
        webhook_id (str):
        delivery_id (str):
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | WebhookDelivery
    """

    return (
        await asyncio_detailed(
            webhook_id=webhook_id,
            delivery_id=delivery_id,
            client=client,
            idempotency_key=idempotency_key,
        )
    ).parsed


# Public names for code that sends the request itself (the SDK's facade runs every call
# through its own runner, with per-call options): the keyword arguments of
# `httpx.Client.build_request` for this operation, the typed answer of a response, and
# its parsed value alone (from the status and the body: the headers are not read).
request_kwargs = _get_kwargs
parse_response = _build_response
parse = _parse_response
