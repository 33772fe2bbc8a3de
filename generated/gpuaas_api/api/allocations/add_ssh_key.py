from typing import Any

from ... import errors
from ...client import AuthenticatedClient, Client
from ...http_stack import httpx
from ...json_body import loads
from ...models.error_envelope import ErrorEnvelope
from ...models.ssh_key import SshKey
from ...models.ssh_key_create import SshKeyCreate
from ...types import UNSET, Response, Unset, status_of


def _get_kwargs(
    *,
    body: SshKeyCreate,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/ssh-keys",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | SshKey | None:
    if response.status_code == 201:
        response_201 = SshKey.from_dict(loads(response.content))

        return response_201

    if response.status_code == 400:
        response_400 = ErrorEnvelope.from_dict(loads(response.content))

        return response_400

    if response.status_code == 401:
        response_401 = ErrorEnvelope.from_dict(loads(response.content))

        return response_401

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
) -> Response[ErrorEnvelope | SshKey]:
    return Response(
        status_code=status_of(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: SshKeyCreate,
    idempotency_key: str | Unset = UNSET,
) -> Response[ErrorEnvelope | SshKey]:
    """Add an SSH public key to install on new allocations

     The key is given in OpenSSH `authorized_keys` format (`ssh-ed25519 AAAA... comment`;
    `ssh-ed25519`, `ecdsa-sha2-nistp256/384/521` and `ssh-rsa` of at least 2048 bits).
    Its id can then be passed in `ssh_key_ids` when creating an allocation; keys
    are installed when an allocation is provisioned, so adding one does not
    change running allocations.

    Errors: `validation_error` (422) when the key does not parse or its type is not
    accepted; `already_exists` (409) when the caller already has a key with the same
    fingerprint (`details.ssh_key_id` names it); `idempotency_conflict` (409).

    Args:
        idempotency_key (str | Unset):
        body (SshKeyCreate):  Example: {'name': 'laptop', 'public_key': 'ssh-ed25519
            AAAAC3NzaC1lZDI1NTE5AAAAINT3XvvfDdZA1PwxErlt4hq2ZuRLMYbCefu+k+vBL580 dev@laptop'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | SshKey]
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
    body: SshKeyCreate,
    idempotency_key: str | Unset = UNSET,
) -> ErrorEnvelope | SshKey | None:
    """Add an SSH public key to install on new allocations

     The key is given in OpenSSH `authorized_keys` format (`ssh-ed25519 AAAA... comment`;
    `ssh-ed25519`, `ecdsa-sha2-nistp256/384/521` and `ssh-rsa` of at least 2048 bits).
    Its id can then be passed in `ssh_key_ids` when creating an allocation; keys
    are installed when an allocation is provisioned, so adding one does not
    change running allocations.

    Errors: `validation_error` (422) when the key does not parse or its type is not
    accepted; `already_exists` (409) when the caller already has a key with the same
    fingerprint (`details.ssh_key_id` names it); `idempotency_conflict` (409).

    Args:
        idempotency_key (str | Unset):
        body (SshKeyCreate):  Example: {'name': 'laptop', 'public_key': 'ssh-ed25519
            AAAAC3NzaC1lZDI1NTE5AAAAINT3XvvfDdZA1PwxErlt4hq2ZuRLMYbCefu+k+vBL580 dev@laptop'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | SshKey
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: SshKeyCreate,
    idempotency_key: str | Unset = UNSET,
) -> Response[ErrorEnvelope | SshKey]:
    """Add an SSH public key to install on new allocations

     The key is given in OpenSSH `authorized_keys` format (`ssh-ed25519 AAAA... comment`;
    `ssh-ed25519`, `ecdsa-sha2-nistp256/384/521` and `ssh-rsa` of at least 2048 bits).
    Its id can then be passed in `ssh_key_ids` when creating an allocation; keys
    are installed when an allocation is provisioned, so adding one does not
    change running allocations.

    Errors: `validation_error` (422) when the key does not parse or its type is not
    accepted; `already_exists` (409) when the caller already has a key with the same
    fingerprint (`details.ssh_key_id` names it); `idempotency_conflict` (409).

    Args:
        idempotency_key (str | Unset):
        body (SshKeyCreate):  Example: {'name': 'laptop', 'public_key': 'ssh-ed25519
            AAAAC3NzaC1lZDI1NTE5AAAAINT3XvvfDdZA1PwxErlt4hq2ZuRLMYbCefu+k+vBL580 dev@laptop'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | SshKey]
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
    body: SshKeyCreate,
    idempotency_key: str | Unset = UNSET,
) -> ErrorEnvelope | SshKey | None:
    """Add an SSH public key to install on new allocations

     The key is given in OpenSSH `authorized_keys` format (`ssh-ed25519 AAAA... comment`;
    `ssh-ed25519`, `ecdsa-sha2-nistp256/384/521` and `ssh-rsa` of at least 2048 bits).
    Its id can then be passed in `ssh_key_ids` when creating an allocation; keys
    are installed when an allocation is provisioned, so adding one does not
    change running allocations.

    Errors: `validation_error` (422) when the key does not parse or its type is not
    accepted; `already_exists` (409) when the caller already has a key with the same
    fingerprint (`details.ssh_key_id` names it); `idempotency_conflict` (409).

    Args:
        idempotency_key (str | Unset):
        body (SshKeyCreate):  Example: {'name': 'laptop', 'public_key': 'ssh-ed25519
            AAAAC3NzaC1lZDI1NTE5AAAAINT3XvvfDdZA1PwxErlt4hq2ZuRLMYbCefu+k+vBL580 dev@laptop'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | SshKey
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
