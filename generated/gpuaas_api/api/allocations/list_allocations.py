from typing import Any

from ... import errors
from ...client import AuthenticatedClient, Client
from ...http_stack import httpx
from ...json_body import loads
from ...models.allocation_page import AllocationPage
from ...models.allocation_status import AllocationStatus
from ...models.error_envelope import ErrorEnvelope
from ...types import UNSET, Response, Unset, status_of


def _get_kwargs(
    *,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
    status: list[AllocationStatus] | Unset = UNSET,
    label: list[str] | Unset = UNSET,
    created_by: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["limit"] = limit

    params["cursor"] = cursor

    json_status: list[str] | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = []
        for status_item_data in status:
            status_item = status_item_data.value
            json_status.append(status_item)

    params["status"] = json_status

    json_label: list[str] | Unset = UNSET
    if not isinstance(label, Unset):
        json_label = label

    params["label"] = json_label

    params["created_by"] = created_by

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/allocations",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AllocationPage | ErrorEnvelope | None:
    if response.status_code == 200:
        response_200 = AllocationPage.from_dict(loads(response.content))

        return response_200

    if response.status_code == 400:
        response_400 = ErrorEnvelope.from_dict(loads(response.content))

        return response_400

    if response.status_code == 401:
        response_401 = ErrorEnvelope.from_dict(loads(response.content))

        return response_401

    if response.status_code == 429:
        response_429 = ErrorEnvelope.from_dict(loads(response.content))

        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[AllocationPage | ErrorEnvelope]:
    return Response(
        status_code=status_of(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
    status: list[AllocationStatus] | Unset = UNSET,
    label: list[str] | Unset = UNSET,
    created_by: str | Unset = UNSET,
) -> Response[AllocationPage | ErrorEnvelope]:
    """List the caller's allocations, newest first

    Args:
        limit (int | Unset):  Default: 50.
        cursor (str | Unset):
        status (list[AllocationStatus] | Unset):
        label (list[str] | Unset):
        created_by (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AllocationPage | ErrorEnvelope]
    """

    kwargs = _get_kwargs(
        limit=limit,
        cursor=cursor,
        status=status,
        label=label,
        created_by=created_by,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
    status: list[AllocationStatus] | Unset = UNSET,
    label: list[str] | Unset = UNSET,
    created_by: str | Unset = UNSET,
) -> AllocationPage | ErrorEnvelope | None:
    """List the caller's allocations, newest first

    Args:
        limit (int | Unset):  Default: 50.
        cursor (str | Unset):
        status (list[AllocationStatus] | Unset):
        label (list[str] | Unset):
        created_by (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AllocationPage | ErrorEnvelope
    """

    return sync_detailed(
        client=client,
        limit=limit,
        cursor=cursor,
        status=status,
        label=label,
        created_by=created_by,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
    status: list[AllocationStatus] | Unset = UNSET,
    label: list[str] | Unset = UNSET,
    created_by: str | Unset = UNSET,
) -> Response[AllocationPage | ErrorEnvelope]:
    """List the caller's allocations, newest first

    Args:
        limit (int | Unset):  Default: 50.
        cursor (str | Unset):
        status (list[AllocationStatus] | Unset):
        label (list[str] | Unset):
        created_by (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AllocationPage | ErrorEnvelope]
    """

    kwargs = _get_kwargs(
        limit=limit,
        cursor=cursor,
        status=status,
        label=label,
        created_by=created_by,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
    status: list[AllocationStatus] | Unset = UNSET,
    label: list[str] | Unset = UNSET,
    created_by: str | Unset = UNSET,
) -> AllocationPage | ErrorEnvelope | None:
    """List the caller's allocations, newest first

    Args:
        limit (int | Unset):  Default: 50.
        cursor (str | Unset):
        status (list[AllocationStatus] | Unset):
        label (list[str] | Unset):
        created_by (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AllocationPage | ErrorEnvelope
    """

    return (
        await asyncio_detailed(
            client=client,
            limit=limit,
            cursor=cursor,
            status=status,
            label=label,
            created_by=created_by,
        )
    ).parsed


# Public names for code that sends the request itself (the SDK's facade runs every call
# through its own runner, with per-call options): the keyword arguments of
# `httpx.Client.build_request` for this operation, the typed answer of a response, and
# its parsed value alone (from the status and the body: the headers are not read).
request_kwargs = _get_kwargs
parse_response = _build_response
parse = _parse_response
