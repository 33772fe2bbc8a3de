from typing import Any
from urllib.parse import quote

from ... import errors
from ...client import AuthenticatedClient, Client
from ...http_stack import httpx
from ...json_body import loads
from ...models.error_envelope import ErrorEnvelope
from ...models.service_account_key_created import ServiceAccountKeyCreated
from ...models.service_account_key_rotate import ServiceAccountKeyRotate
from ...types import UNSET, Response, Unset, status_of


def _get_kwargs(
    service_account_id: str,
    key_id: str,
    *,
    body: ServiceAccountKeyRotate | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/service-accounts/{service_account_id}/keys/{key_id}/rotate".format(
            service_account_id=quote(str(service_account_id), safe=""),
            key_id=quote(str(key_id), safe=""),
        ),
    }

    if not isinstance(body, Unset):
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | ServiceAccountKeyCreated | None:
    if response.status_code == 200:
        response_200 = ServiceAccountKeyCreated.from_dict(loads(response.content))

        return response_200

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
) -> Response[ErrorEnvelope | ServiceAccountKeyCreated]:
    return Response(
        status_code=status_of(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    service_account_id: str,
    key_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: ServiceAccountKeyRotate | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[ErrorEnvelope | ServiceAccountKeyCreated]:
    """Replace a key with a new one, keeping the old one valid for a grace period

     Needs `project_admin` on the account's project or a tenant admin role.

    Creates a new key exactly as `createServiceAccountKey` does (your own
    `public_key_pem`, or a generated pair whose private half is returned
    once; a new `signing_secret` when the account is `signing_required`)
    and schedules the rotated key to expire after
    `previous_key_grace_seconds`, at `previous_key_expires_at`. Until then
    both keys work, so running clients can switch over. A replay with the
    same Idempotency-Key returns the same new key and secrets.

    Errors: `insufficient_permissions` (403); `service_account_not_found`
    or `key_not_found` (404); `invalid_state` (409) when the key is revoked,
    expired or already rotated, and `idempotency_conflict` (409);
    `validation_error` (422) as for `createServiceAccountKey`.

    Args:
        service_account_id (str):
        key_id (str):
        idempotency_key (str | Unset):
        body (ServiceAccountKeyRotate | Unset): The new key, as for `ServiceAccountKeyCreate`, and
            how long the rotated key stays valid. Example: {'algorithm': 'ES256',
            'previous_key_grace_seconds': 3600}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | ServiceAccountKeyCreated]
    """

    kwargs = _get_kwargs(
        service_account_id=service_account_id,
        key_id=key_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    service_account_id: str,
    key_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: ServiceAccountKeyRotate | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> ErrorEnvelope | ServiceAccountKeyCreated | None:
    """Replace a key with a new one, keeping the old one valid for a grace period

     Needs `project_admin` on the account's project or a tenant admin role.

    Creates a new key exactly as `createServiceAccountKey` does (your own
    `public_key_pem`, or a generated pair whose private half is returned
    once; a new `signing_secret` when the account is `signing_required`)
    and schedules the rotated key to expire after
    `previous_key_grace_seconds`, at `previous_key_expires_at`. Until then
    both keys work, so running clients can switch over. A replay with the
    same Idempotency-Key returns the same new key and secrets.

    Errors: `insufficient_permissions` (403); `service_account_not_found`
    or `key_not_found` (404); `invalid_state` (409) when the key is revoked,
    expired or already rotated, and `idempotency_conflict` (409);
    `validation_error` (422) as for `createServiceAccountKey`.

    Args:
        service_account_id (str):
        key_id (str):
        idempotency_key (str | Unset):
        body (ServiceAccountKeyRotate | Unset): The new key, as for `ServiceAccountKeyCreate`, and
            how long the rotated key stays valid. Example: {'algorithm': 'ES256',
            'previous_key_grace_seconds': 3600}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | ServiceAccountKeyCreated
    """

    return sync_detailed(
        service_account_id=service_account_id,
        key_id=key_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    service_account_id: str,
    key_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: ServiceAccountKeyRotate | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[ErrorEnvelope | ServiceAccountKeyCreated]:
    """Replace a key with a new one, keeping the old one valid for a grace period

     Needs `project_admin` on the account's project or a tenant admin role.

    Creates a new key exactly as `createServiceAccountKey` does (your own
    `public_key_pem`, or a generated pair whose private half is returned
    once; a new `signing_secret` when the account is `signing_required`)
    and schedules the rotated key to expire after
    `previous_key_grace_seconds`, at `previous_key_expires_at`. Until then
    both keys work, so running clients can switch over. A replay with the
    same Idempotency-Key returns the same new key and secrets.

    Errors: `insufficient_permissions` (403); `service_account_not_found`
    or `key_not_found` (404); `invalid_state` (409) when the key is revoked,
    expired or already rotated, and `idempotency_conflict` (409);
    `validation_error` (422) as for `createServiceAccountKey`.

    Args:
        service_account_id (str):
        key_id (str):
        idempotency_key (str | Unset):
        body (ServiceAccountKeyRotate | Unset): The new key, as for `ServiceAccountKeyCreate`, and
            how long the rotated key stays valid. Example: {'algorithm': 'ES256',
            'previous_key_grace_seconds': 3600}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | ServiceAccountKeyCreated]
    """

    kwargs = _get_kwargs(
        service_account_id=service_account_id,
        key_id=key_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    service_account_id: str,
    key_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: ServiceAccountKeyRotate | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> ErrorEnvelope | ServiceAccountKeyCreated | None:
    """Replace a key with a new one, keeping the old one valid for a grace period

     Needs `project_admin` on the account's project or a tenant admin role.

    Creates a new key exactly as `createServiceAccountKey` does (your own
    `public_key_pem`, or a generated pair whose private half is returned
    once; a new `signing_secret` when the account is `signing_required`)
    and schedules the rotated key to expire after
    `previous_key_grace_seconds`, at `previous_key_expires_at`. Until then
    both keys work, so running clients can switch over. A replay with the
    same Idempotency-Key returns the same new key and secrets.

    Errors: `insufficient_permissions` (403); `service_account_not_found`
    or `key_not_found` (404); `invalid_state` (409) when the key is revoked,
    expired or already rotated, and `idempotency_conflict` (409);
    `validation_error` (422) as for `createServiceAccountKey`.

    Args:
        service_account_id (str):
        key_id (str):
        idempotency_key (str | Unset):
        body (ServiceAccountKeyRotate | Unset): The new key, as for `ServiceAccountKeyCreate`, and
            how long the rotated key stays valid. Example: {'algorithm': 'ES256',
            'previous_key_grace_seconds': 3600}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | ServiceAccountKeyCreated
    """

    return (
        await asyncio_detailed(
            service_account_id=service_account_id,
            key_id=key_id,
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
