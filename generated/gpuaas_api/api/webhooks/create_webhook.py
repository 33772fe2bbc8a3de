from typing import Any

from ... import errors
from ...client import AuthenticatedClient, Client
from ...http_stack import httpx
from ...json_body import loads
from ...models.error_envelope import ErrorEnvelope
from ...models.webhook_create import WebhookCreate
from ...models.webhook_created import WebhookCreated
from ...types import UNSET, Response, Unset, status_of


def _get_kwargs(
    *,
    body: WebhookCreate,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/webhooks",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | WebhookCreated | None:
    if response.status_code == 201:
        response_201 = WebhookCreated.from_dict(loads(response.content))

        return response_201

    if response.status_code == 400:
        response_400 = ErrorEnvelope.from_dict(loads(response.content))

        return response_400

    if response.status_code == 401:
        response_401 = ErrorEnvelope.from_dict(loads(response.content))

        return response_401

    if response.status_code == 403:
        response_403 = ErrorEnvelope.from_dict(loads(response.content))

        return response_403

    if response.status_code == 409:
        response_409 = ErrorEnvelope.from_dict(loads(response.content))

        return response_409

    if response.status_code == 422:
        response_422 = ErrorEnvelope.from_dict(loads(response.content))

        return response_422

    if response.status_code == 429:
        response_429 = ErrorEnvelope.from_dict(loads(response.content))

        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorEnvelope | WebhookCreated]:
    return Response(
        status_code=status_of(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: WebhookCreate,
    idempotency_key: str | Unset = UNSET,
) -> Response[ErrorEnvelope | WebhookCreated]:
    """Register an endpoint to receive signed deliveries of platform events

     From now on every event of the tenant whose type is in `event_types` (all of
    them, including types added later, for `['*']`) is POSTed to `url`. The answer
    carries the signing `secret`; it is shown only here, so store it now.

    **Deliveries.** Each delivery is an HTTPS `POST` of one event as JSON (the same
    payload as the event stream's `data`, see `Event`), with the headers
    `Content-Type: application/json`, `GPUaaS-Webhook-ID`, `GPUaaS-Delivery-ID`,
    `GPUaaS-Event-Type` and `GPUaaS-Signature`. An answer with a 2xx status within
    10 seconds counts as delivered; anything else (another status, a timeout, a
    refused connection) is retried with exponential backoff and jitter (about 1 m,
    5 m, 30 m, 2 h, 6 h and 12 h after the first attempt), under the same delivery id.
    Delivery is at least once and not ordered: deduplicate by the event's `id`.
    A webhook whose deliveries have all failed for 3 days is `disabled` and gets no
    more deliveries; register it again once the endpoint is fixed.

    **Signature.** `GPUaaS-Signature: v1=<hex>,ts=<unix>`, where `ts` is the time of
    the attempt in Unix seconds and `<hex>` is the lowercase hex HMAC-SHA256, keyed
    with the webhook secret (its UTF-8 bytes, prefix included), of
    `{ts}.POST.{path}.{sha256_hex(body)}`: `path` is the path of the webhook URL
    with its query string if it has one (as in the HTTP request line, e.g.
    `/hooks/gpuaas`), and `sha256_hex(body)` the lowercase hex SHA-256 of the raw
    body bytes. This is the same scheme as signed API requests. Receivers recompute
    it, compare in constant time, and reject a `ts` more than 5 minutes from their
    clock (the SDK's `verify_webhook` does all three).

    Errors: `validation_error` (422) for a URL that is not `https` (plain `http` is
    accepted only on a loopback host, `localhost`, `127.0.0.0/8` or `[::1]`, for
    development), an unknown event type, or `*` mixed with other types;
    `already_exists` (409) when the tenant already has a webhook for this URL;
    `idempotency_conflict` (409); `insufficient_permissions` (403).

    Args:
        idempotency_key (str | Unset):
        body (WebhookCreate):  Example: {'url': 'https://hooks.acme.example.com/gpuaas',
            'event_types': ['allocation.status_changed', 'budget.exceeded'], 'description': 'Ops
            alerts'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | WebhookCreated]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: WebhookCreate,
    idempotency_key: str | Unset = UNSET,
) -> ErrorEnvelope | WebhookCreated | None:
    """Register an endpoint to receive signed deliveries of platform events

     From now on every event of the tenant whose type is in `event_types` (all of
    them, including types added later, for `['*']`) is POSTed to `url`. The answer
    carries the signing `secret`; it is shown only here, so store it now.

    **Deliveries.** Each delivery is an HTTPS `POST` of one event as JSON (the same
    payload as the event stream's `data`, see `Event`), with the headers
    `Content-Type: application/json`, `GPUaaS-Webhook-ID`, `GPUaaS-Delivery-ID`,
    `GPUaaS-Event-Type` and `GPUaaS-Signature`. An answer with a 2xx status within
    10 seconds counts as delivered; anything else (another status, a timeout, a
    refused connection) is retried with exponential backoff and jitter (about 1 m,
    5 m, 30 m, 2 h, 6 h and 12 h after the first attempt), under the same delivery id.
    Delivery is at least once and not ordered: deduplicate by the event's `id`.
    A webhook whose deliveries have all failed for 3 days is `disabled` and gets no
    more deliveries; register it again once the endpoint is fixed.

    **Signature.** `GPUaaS-Signature: v1=<hex>,ts=<unix>`, where `ts` is the time of
    the attempt in Unix seconds and `<hex>` is the lowercase hex HMAC-SHA256, keyed
    with the webhook secret (its UTF-8 bytes, prefix included), of
    `{ts}.POST.{path}.{sha256_hex(body)}`: `path` is the path of the webhook URL
    with its query string if it has one (as in the HTTP request line, e.g.
    `/hooks/gpuaas`), and `sha256_hex(body)` the lowercase hex SHA-256 of the raw
    body bytes. This is the same scheme as signed API requests. Receivers recompute
    it, compare in constant time, and reject a `ts` more than 5 minutes from their
    clock (the SDK's `verify_webhook` does all three).

    Errors: `validation_error` (422) for a URL that is not `https` (plain `http` is
    accepted only on a loopback host, `localhost`, `127.0.0.0/8` or `[::1]`, for
    development), an unknown event type, or `*` mixed with other types;
    `already_exists` (409) when the tenant already has a webhook for this URL;
    `idempotency_conflict` (409); `insufficient_permissions` (403).

    Args:
        idempotency_key (str | Unset):
        body (WebhookCreate):  Example: {'url': 'https://hooks.acme.example.com/gpuaas',
            'event_types': ['allocation.status_changed', 'budget.exceeded'], 'description': 'Ops
            alerts'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | WebhookCreated
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: WebhookCreate,
    idempotency_key: str | Unset = UNSET,
) -> Response[ErrorEnvelope | WebhookCreated]:
    """Register an endpoint to receive signed deliveries of platform events

     From now on every event of the tenant whose type is in `event_types` (all of
    them, including types added later, for `['*']`) is POSTed to `url`. The answer
    carries the signing `secret`; it is shown only here, so store it now.

    **Deliveries.** Each delivery is an HTTPS `POST` of one event as JSON (the same
    payload as the event stream's `data`, see `Event`), with the headers
    `Content-Type: application/json`, `GPUaaS-Webhook-ID`, `GPUaaS-Delivery-ID`,
    `GPUaaS-Event-Type` and `GPUaaS-Signature`. An answer with a 2xx status within
    10 seconds counts as delivered; anything else (another status, a timeout, a
    refused connection) is retried with exponential backoff and jitter (about 1 m,
    5 m, 30 m, 2 h, 6 h and 12 h after the first attempt), under the same delivery id.
    Delivery is at least once and not ordered: deduplicate by the event's `id`.
    A webhook whose deliveries have all failed for 3 days is `disabled` and gets no
    more deliveries; register it again once the endpoint is fixed.

    **Signature.** `GPUaaS-Signature: v1=<hex>,ts=<unix>`, where `ts` is the time of
    the attempt in Unix seconds and `<hex>` is the lowercase hex HMAC-SHA256, keyed
    with the webhook secret (its UTF-8 bytes, prefix included), of
    `{ts}.POST.{path}.{sha256_hex(body)}`: `path` is the path of the webhook URL
    with its query string if it has one (as in the HTTP request line, e.g.
    `/hooks/gpuaas`), and `sha256_hex(body)` the lowercase hex SHA-256 of the raw
    body bytes. This is the same scheme as signed API requests. Receivers recompute
    it, compare in constant time, and reject a `ts` more than 5 minutes from their
    clock (the SDK's `verify_webhook` does all three).

    Errors: `validation_error` (422) for a URL that is not `https` (plain `http` is
    accepted only on a loopback host, `localhost`, `127.0.0.0/8` or `[::1]`, for
    development), an unknown event type, or `*` mixed with other types;
    `already_exists` (409) when the tenant already has a webhook for this URL;
    `idempotency_conflict` (409); `insufficient_permissions` (403).

    Args:
        idempotency_key (str | Unset):
        body (WebhookCreate):  Example: {'url': 'https://hooks.acme.example.com/gpuaas',
            'event_types': ['allocation.status_changed', 'budget.exceeded'], 'description': 'Ops
            alerts'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | WebhookCreated]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: WebhookCreate,
    idempotency_key: str | Unset = UNSET,
) -> ErrorEnvelope | WebhookCreated | None:
    """Register an endpoint to receive signed deliveries of platform events

     From now on every event of the tenant whose type is in `event_types` (all of
    them, including types added later, for `['*']`) is POSTed to `url`. The answer
    carries the signing `secret`; it is shown only here, so store it now.

    **Deliveries.** Each delivery is an HTTPS `POST` of one event as JSON (the same
    payload as the event stream's `data`, see `Event`), with the headers
    `Content-Type: application/json`, `GPUaaS-Webhook-ID`, `GPUaaS-Delivery-ID`,
    `GPUaaS-Event-Type` and `GPUaaS-Signature`. An answer with a 2xx status within
    10 seconds counts as delivered; anything else (another status, a timeout, a
    refused connection) is retried with exponential backoff and jitter (about 1 m,
    5 m, 30 m, 2 h, 6 h and 12 h after the first attempt), under the same delivery id.
    Delivery is at least once and not ordered: deduplicate by the event's `id`.
    A webhook whose deliveries have all failed for 3 days is `disabled` and gets no
    more deliveries; register it again once the endpoint is fixed.

    **Signature.** `GPUaaS-Signature: v1=<hex>,ts=<unix>`, where `ts` is the time of
    the attempt in Unix seconds and `<hex>` is the lowercase hex HMAC-SHA256, keyed
    with the webhook secret (its UTF-8 bytes, prefix included), of
    `{ts}.POST.{path}.{sha256_hex(body)}`: `path` is the path of the webhook URL
    with its query string if it has one (as in the HTTP request line, e.g.
    `/hooks/gpuaas`), and `sha256_hex(body)` the lowercase hex SHA-256 of the raw
    body bytes. This is the same scheme as signed API requests. Receivers recompute
    it, compare in constant time, and reject a `ts` more than 5 minutes from their
    clock (the SDK's `verify_webhook` does all three).

    Errors: `validation_error` (422) for a URL that is not `https` (plain `http` is
    accepted only on a loopback host, `localhost`, `127.0.0.0/8` or `[::1]`, for
    development), an unknown event type, or `*` mixed with other types;
    `already_exists` (409) when the tenant already has a webhook for this URL;
    `idempotency_conflict` (409); `insufficient_permissions` (403).

    Args:
        idempotency_key (str | Unset):
        body (WebhookCreate):  Example: {'url': 'https://hooks.acme.example.com/gpuaas',
            'event_types': ['allocation.status_changed', 'budget.exceeded'], 'description': 'Ops
            alerts'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | WebhookCreated
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
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
