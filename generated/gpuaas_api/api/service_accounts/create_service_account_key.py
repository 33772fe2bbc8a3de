from typing import Any
from urllib.parse import quote

from ... import errors
from ...client import AuthenticatedClient, Client
from ...http_stack import httpx
from ...json_body import loads
from ...models.error_envelope import ErrorEnvelope
from ...models.service_account_key_create import ServiceAccountKeyCreate
from ...models.service_account_key_created import ServiceAccountKeyCreated
from ...types import UNSET, Response, Unset, status_of


def _get_kwargs(
    service_account_id: str,
    *,
    body: ServiceAccountKeyCreate | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/service-accounts/{service_account_id}/keys".format(
            service_account_id=quote(str(service_account_id), safe=""),
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
    if response.status_code == 201:
        response_201 = ServiceAccountKeyCreated.from_dict(loads(response.content))

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
) -> Response[ErrorEnvelope | ServiceAccountKeyCreated]:
    return Response(
        status_code=status_of(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    service_account_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: ServiceAccountKeyCreate | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[ErrorEnvelope | ServiceAccountKeyCreated]:
    """Add a signing key to a service account

     Needs `project_admin` on the account's project or a tenant admin role.

    Send the public half of a key pair you made (`public_key_pem`, an RSA
    key of at least 2048 bits for `RS256` or a P-256 key for `ES256`), or
    send no body and the platform generates the pair and returns the
    private half once, in `private_key_pem`. When the account is
    `signing_required`, the response also carries the key's
    `signing_secret` for request signatures, shown once. A replay with the
    same Idempotency-Key returns the same key and secrets, so a lost
    response can be recovered; nothing else shows them again.

    Errors: `insufficient_permissions` (403); `service_account_not_found` (404);
    `already_exists` (409) for a public key the account already has, and
    `idempotency_conflict` (409); `validation_error` (422) for a PEM that is
    not a public key, a key too weak, or an `algorithm` that does not fit it.

    Args:
        service_account_id (str):
        idempotency_key (str | Unset):
        body (ServiceAccountKeyCreate | Unset): Leave `public_key_pem` out (or send no body) to
            have the platform generate the key pair. Example: {'algorithm': 'ES256', 'public_key_pem':
            '-----BEGIN PUBLIC
            KEY-----\\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEkJr/M2snyMIt4LoWNeCryjrjj32v
            \\nxk6VUwdXY7yayUsRCV/+bIhbOzRJlNuezCcChfxS3dwBF7CHW14NwqcTCQ==\\n-----END PUBLIC
            KEY-----\\n'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | ServiceAccountKeyCreated]
    """

    kwargs = _get_kwargs(
        service_account_id=service_account_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    service_account_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: ServiceAccountKeyCreate | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> ErrorEnvelope | ServiceAccountKeyCreated | None:
    """Add a signing key to a service account

     Needs `project_admin` on the account's project or a tenant admin role.

    Send the public half of a key pair you made (`public_key_pem`, an RSA
    key of at least 2048 bits for `RS256` or a P-256 key for `ES256`), or
    send no body and the platform generates the pair and returns the
    private half once, in `private_key_pem`. When the account is
    `signing_required`, the response also carries the key's
    `signing_secret` for request signatures, shown once. A replay with the
    same Idempotency-Key returns the same key and secrets, so a lost
    response can be recovered; nothing else shows them again.

    Errors: `insufficient_permissions` (403); `service_account_not_found` (404);
    `already_exists` (409) for a public key the account already has, and
    `idempotency_conflict` (409); `validation_error` (422) for a PEM that is
    not a public key, a key too weak, or an `algorithm` that does not fit it.

    Args:
        service_account_id (str):
        idempotency_key (str | Unset):
        body (ServiceAccountKeyCreate | Unset): Leave `public_key_pem` out (or send no body) to
            have the platform generate the key pair. Example: {'algorithm': 'ES256', 'public_key_pem':
            '-----BEGIN PUBLIC
            KEY-----\\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEkJr/M2snyMIt4LoWNeCryjrjj32v
            \\nxk6VUwdXY7yayUsRCV/+bIhbOzRJlNuezCcChfxS3dwBF7CHW14NwqcTCQ==\\n-----END PUBLIC
            KEY-----\\n'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | ServiceAccountKeyCreated
    """

    return sync_detailed(
        service_account_id=service_account_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    service_account_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: ServiceAccountKeyCreate | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[ErrorEnvelope | ServiceAccountKeyCreated]:
    """Add a signing key to a service account

     Needs `project_admin` on the account's project or a tenant admin role.

    Send the public half of a key pair you made (`public_key_pem`, an RSA
    key of at least 2048 bits for `RS256` or a P-256 key for `ES256`), or
    send no body and the platform generates the pair and returns the
    private half once, in `private_key_pem`. When the account is
    `signing_required`, the response also carries the key's
    `signing_secret` for request signatures, shown once. A replay with the
    same Idempotency-Key returns the same key and secrets, so a lost
    response can be recovered; nothing else shows them again.

    Errors: `insufficient_permissions` (403); `service_account_not_found` (404);
    `already_exists` (409) for a public key the account already has, and
    `idempotency_conflict` (409); `validation_error` (422) for a PEM that is
    not a public key, a key too weak, or an `algorithm` that does not fit it.

    Args:
        service_account_id (str):
        idempotency_key (str | Unset):
        body (ServiceAccountKeyCreate | Unset): Leave `public_key_pem` out (or send no body) to
            have the platform generate the key pair. Example: {'algorithm': 'ES256', 'public_key_pem':
            '-----BEGIN PUBLIC
            KEY-----\\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEkJr/M2snyMIt4LoWNeCryjrjj32v
            \\nxk6VUwdXY7yayUsRCV/+bIhbOzRJlNuezCcChfxS3dwBF7CHW14NwqcTCQ==\\n-----END PUBLIC
            KEY-----\\n'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | ServiceAccountKeyCreated]
    """

    kwargs = _get_kwargs(
        service_account_id=service_account_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    service_account_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: ServiceAccountKeyCreate | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> ErrorEnvelope | ServiceAccountKeyCreated | None:
    """Add a signing key to a service account

     Needs `project_admin` on the account's project or a tenant admin role.

    Send the public half of a key pair you made (`public_key_pem`, an RSA
    key of at least 2048 bits for `RS256` or a P-256 key for `ES256`), or
    send no body and the platform generates the pair and returns the
    private half once, in `private_key_pem`. When the account is
    `signing_required`, the response also carries the key's
    `signing_secret` for request signatures, shown once. A replay with the
    same Idempotency-Key returns the same key and secrets, so a lost
    response can be recovered; nothing else shows them again.

    Errors: `insufficient_permissions` (403); `service_account_not_found` (404);
    `already_exists` (409) for a public key the account already has, and
    `idempotency_conflict` (409); `validation_error` (422) for a PEM that is
    not a public key, a key too weak, or an `algorithm` that does not fit it.

    Args:
        service_account_id (str):
        idempotency_key (str | Unset):
        body (ServiceAccountKeyCreate | Unset): Leave `public_key_pem` out (or send no body) to
            have the platform generate the key pair. Example: {'algorithm': 'ES256', 'public_key_pem':
            '-----BEGIN PUBLIC
            KEY-----\\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEkJr/M2snyMIt4LoWNeCryjrjj32v
            \\nxk6VUwdXY7yayUsRCV/+bIhbOzRJlNuezCcChfxS3dwBF7CHW14NwqcTCQ==\\n-----END PUBLIC
            KEY-----\\n'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | ServiceAccountKeyCreated
    """

    return (
        await asyncio_detailed(
            service_account_id=service_account_id,
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
