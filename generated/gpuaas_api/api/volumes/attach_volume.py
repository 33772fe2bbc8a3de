from typing import Any
from urllib.parse import quote

from ... import errors
from ...client import AuthenticatedClient, Client
from ...http_stack import httpx
from ...json_body import loads
from ...models.error_envelope import ErrorEnvelope
from ...models.volume import Volume
from ...models.volume_mount import VolumeMount
from ...types import UNSET, Response, Unset, status_of


def _get_kwargs(
    allocation_id: str,
    *,
    body: VolumeMount,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/allocations/{allocation_id}/volumes".format(
            allocation_id=quote(str(allocation_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | Volume | None:
    if response.status_code == 200:
        response_200 = Volume.from_dict(loads(response.content))

        return response_200

    if response.status_code == 400:
        response_400 = ErrorEnvelope.from_dict(loads(response.content))

        return response_400

    if response.status_code == 401:
        response_401 = ErrorEnvelope.from_dict(loads(response.content))

        return response_401

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
) -> Response[ErrorEnvelope | Volume]:
    return Response(
        status_code=status_of(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    allocation_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: VolumeMount,
    idempotency_key: str | Unset = UNSET,
) -> Response[ErrorEnvelope | Volume]:
    """Attach a block volume to an allocation at a mount point

     The volume must be `available`, in the allocation's region and project, and the
    allocation not released or failed; the mount point must be free on it.
    Errors: `allocation_not_found`, `volume_not_found` (404); `volume_in_use` (409,
    attached elsewhere), `invalid_state` (409, the allocation has ended),
    `idempotency_conflict` (409); `validation_error` (422: another region or project,
    or a mount point in use).

    Args:
        allocation_id (str):
        idempotency_key (str | Unset):
        body (VolumeMount):  Example: {'volume_id': 'vol-5d2e8c41', 'mount_point': '/data'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | Volume]
    """

    kwargs = _get_kwargs(
        allocation_id=allocation_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    allocation_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: VolumeMount,
    idempotency_key: str | Unset = UNSET,
) -> ErrorEnvelope | Volume | None:
    """Attach a block volume to an allocation at a mount point

     The volume must be `available`, in the allocation's region and project, and the
    allocation not released or failed; the mount point must be free on it.
    Errors: `allocation_not_found`, `volume_not_found` (404); `volume_in_use` (409,
    attached elsewhere), `invalid_state` (409, the allocation has ended),
    `idempotency_conflict` (409); `validation_error` (422: another region or project,
    or a mount point in use).

    Args:
        allocation_id (str):
        idempotency_key (str | Unset):
        body (VolumeMount):  Example: {'volume_id': 'vol-5d2e8c41', 'mount_point': '/data'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | Volume
    """

    return sync_detailed(
        allocation_id=allocation_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    allocation_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: VolumeMount,
    idempotency_key: str | Unset = UNSET,
) -> Response[ErrorEnvelope | Volume]:
    """Attach a block volume to an allocation at a mount point

     The volume must be `available`, in the allocation's region and project, and the
    allocation not released or failed; the mount point must be free on it.
    Errors: `allocation_not_found`, `volume_not_found` (404); `volume_in_use` (409,
    attached elsewhere), `invalid_state` (409, the allocation has ended),
    `idempotency_conflict` (409); `validation_error` (422: another region or project,
    or a mount point in use).

    Args:
        allocation_id (str):
        idempotency_key (str | Unset):
        body (VolumeMount):  Example: {'volume_id': 'vol-5d2e8c41', 'mount_point': '/data'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | Volume]
    """

    kwargs = _get_kwargs(
        allocation_id=allocation_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    allocation_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: VolumeMount,
    idempotency_key: str | Unset = UNSET,
) -> ErrorEnvelope | Volume | None:
    """Attach a block volume to an allocation at a mount point

     The volume must be `available`, in the allocation's region and project, and the
    allocation not released or failed; the mount point must be free on it.
    Errors: `allocation_not_found`, `volume_not_found` (404); `volume_in_use` (409,
    attached elsewhere), `invalid_state` (409, the allocation has ended),
    `idempotency_conflict` (409); `validation_error` (422: another region or project,
    or a mount point in use).

    Args:
        allocation_id (str):
        idempotency_key (str | Unset):
        body (VolumeMount):  Example: {'volume_id': 'vol-5d2e8c41', 'mount_point': '/data'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | Volume
    """

    return (
        await asyncio_detailed(
            allocation_id=allocation_id,
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
