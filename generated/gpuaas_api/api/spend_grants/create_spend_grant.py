from typing import Any

from ... import errors
from ...client import AuthenticatedClient, Client
from ...http_stack import httpx
from ...json_body import loads
from ...models.error_envelope import ErrorEnvelope
from ...models.spend_grant_create import SpendGrantCreate
from ...models.spend_grant_created import SpendGrantCreated
from ...types import UNSET, Response, Unset, status_of


def _get_kwargs(
    *,
    body: SpendGrantCreate,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/spend-grants",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | SpendGrantCreated | None:
    if response.status_code == 201:
        response_201 = SpendGrantCreated.from_dict(loads(response.content))

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

    if response.status_code == 404:
        response_404 = ErrorEnvelope.from_dict(loads(response.content))

        return response_404

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
) -> Response[ErrorEnvelope | SpendGrantCreated]:
    return Response(
        status_code=status_of(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: SpendGrantCreate,
    idempotency_key: str | Unset = UNSET,
) -> Response[ErrorEnvelope | SpendGrantCreated]:
    """Delegate an amount of money to an unattended caller

     Returns the grant and its bearer token (shown once). A call made with the token can
    spend at most `amount_minor` in total, on `allowed_skus`, in `project_id`, until
    `expires_at` or until the grant is revoked; see `SpendGrant` for what it may call.
    The caller must be a member of the project; a grant cannot issue grants.

    Errors: `insufficient_permissions` (403) for a caller using a grant;
    `not_found` (404) for a project the caller cannot use; `sku_not_found` (404) for
    an unknown SKU in `allowed_skus`; `idempotency_conflict` (409); `validation_error`
    (422) for an expiry in the past or more than 90 days ahead, or a currency other than
    the balance's.

    Args:
        idempotency_key (str | Unset):
        body (SpendGrantCreate):  Example: {'name': 'nightly-ci', 'amount_minor': 10000,
            'currency': 'USD', 'expires_at': '2026-04-02T12:00:00Z', 'allowed_skus': ['h200-sxm-
            slice', 'l40s-slice']}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | SpendGrantCreated]
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
    body: SpendGrantCreate,
    idempotency_key: str | Unset = UNSET,
) -> ErrorEnvelope | SpendGrantCreated | None:
    """Delegate an amount of money to an unattended caller

     Returns the grant and its bearer token (shown once). A call made with the token can
    spend at most `amount_minor` in total, on `allowed_skus`, in `project_id`, until
    `expires_at` or until the grant is revoked; see `SpendGrant` for what it may call.
    The caller must be a member of the project; a grant cannot issue grants.

    Errors: `insufficient_permissions` (403) for a caller using a grant;
    `not_found` (404) for a project the caller cannot use; `sku_not_found` (404) for
    an unknown SKU in `allowed_skus`; `idempotency_conflict` (409); `validation_error`
    (422) for an expiry in the past or more than 90 days ahead, or a currency other than
    the balance's.

    Args:
        idempotency_key (str | Unset):
        body (SpendGrantCreate):  Example: {'name': 'nightly-ci', 'amount_minor': 10000,
            'currency': 'USD', 'expires_at': '2026-04-02T12:00:00Z', 'allowed_skus': ['h200-sxm-
            slice', 'l40s-slice']}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | SpendGrantCreated
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: SpendGrantCreate,
    idempotency_key: str | Unset = UNSET,
) -> Response[ErrorEnvelope | SpendGrantCreated]:
    """Delegate an amount of money to an unattended caller

     Returns the grant and its bearer token (shown once). A call made with the token can
    spend at most `amount_minor` in total, on `allowed_skus`, in `project_id`, until
    `expires_at` or until the grant is revoked; see `SpendGrant` for what it may call.
    The caller must be a member of the project; a grant cannot issue grants.

    Errors: `insufficient_permissions` (403) for a caller using a grant;
    `not_found` (404) for a project the caller cannot use; `sku_not_found` (404) for
    an unknown SKU in `allowed_skus`; `idempotency_conflict` (409); `validation_error`
    (422) for an expiry in the past or more than 90 days ahead, or a currency other than
    the balance's.

    Args:
        idempotency_key (str | Unset):
        body (SpendGrantCreate):  Example: {'name': 'nightly-ci', 'amount_minor': 10000,
            'currency': 'USD', 'expires_at': '2026-04-02T12:00:00Z', 'allowed_skus': ['h200-sxm-
            slice', 'l40s-slice']}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | SpendGrantCreated]
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
    body: SpendGrantCreate,
    idempotency_key: str | Unset = UNSET,
) -> ErrorEnvelope | SpendGrantCreated | None:
    """Delegate an amount of money to an unattended caller

     Returns the grant and its bearer token (shown once). A call made with the token can
    spend at most `amount_minor` in total, on `allowed_skus`, in `project_id`, until
    `expires_at` or until the grant is revoked; see `SpendGrant` for what it may call.
    The caller must be a member of the project; a grant cannot issue grants.

    Errors: `insufficient_permissions` (403) for a caller using a grant;
    `not_found` (404) for a project the caller cannot use; `sku_not_found` (404) for
    an unknown SKU in `allowed_skus`; `idempotency_conflict` (409); `validation_error`
    (422) for an expiry in the past or more than 90 days ahead, or a currency other than
    the balance's.

    Args:
        idempotency_key (str | Unset):
        body (SpendGrantCreate):  Example: {'name': 'nightly-ci', 'amount_minor': 10000,
            'currency': 'USD', 'expires_at': '2026-04-02T12:00:00Z', 'allowed_skus': ['h200-sxm-
            slice', 'l40s-slice']}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | SpendGrantCreated
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
