import datetime
from typing import Any
from urllib.parse import quote

from ... import errors
from ...client import AuthenticatedClient, Client
from ...http_stack import httpx
from ...json_body import loads
from ...models.allocation_log_page import AllocationLogPage
from ...models.error_envelope import ErrorEnvelope
from ...types import UNSET, Response, Unset, status_of


def _get_kwargs(
    allocation_id: str,
    *,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
    since: datetime.datetime | Unset = UNSET,
    tail: int | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["limit"] = limit

    params["cursor"] = cursor

    json_since: str | Unset = UNSET
    if not isinstance(since, Unset):
        json_since = since.isoformat()
    params["since"] = json_since

    params["tail"] = tail

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/allocations/{allocation_id}/logs".format(
            allocation_id=quote(str(allocation_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AllocationLogPage | ErrorEnvelope | None:
    if response.status_code == 200:
        response_200 = AllocationLogPage.from_dict(loads(response.content))

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

    if response.status_code == 429:
        response_429 = ErrorEnvelope.from_dict(loads(response.content))

        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[AllocationLogPage | ErrorEnvelope]:
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
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
    since: datetime.datetime | Unset = UNSET,
    tail: int | Unset = UNSET,
) -> Response[AllocationLogPage | ErrorEnvelope]:
    """List the boot and provisioning log of an allocation, oldest first

     What the platform wrote while placing, provisioning, running and releasing the
    allocation, one line per item, numbered from 1. Each line's `id` can be given as
    `Last-Event-ID` to `streamAllocationLogs` to follow on live from it.
    Errors: `allocation_not_found` (404).

    Args:
        allocation_id (str):
        limit (int | Unset):  Default: 50.
        cursor (str | Unset):
        since (datetime.datetime | Unset):
        tail (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AllocationLogPage | ErrorEnvelope]
    """

    kwargs = _get_kwargs(
        allocation_id=allocation_id,
        limit=limit,
        cursor=cursor,
        since=since,
        tail=tail,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    allocation_id: str,
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
    since: datetime.datetime | Unset = UNSET,
    tail: int | Unset = UNSET,
) -> AllocationLogPage | ErrorEnvelope | None:
    """List the boot and provisioning log of an allocation, oldest first

     What the platform wrote while placing, provisioning, running and releasing the
    allocation, one line per item, numbered from 1. Each line's `id` can be given as
    `Last-Event-ID` to `streamAllocationLogs` to follow on live from it.
    Errors: `allocation_not_found` (404).

    Args:
        allocation_id (str):
        limit (int | Unset):  Default: 50.
        cursor (str | Unset):
        since (datetime.datetime | Unset):
        tail (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AllocationLogPage | ErrorEnvelope
    """

    return sync_detailed(
        allocation_id=allocation_id,
        client=client,
        limit=limit,
        cursor=cursor,
        since=since,
        tail=tail,
    ).parsed


async def asyncio_detailed(
    allocation_id: str,
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
    since: datetime.datetime | Unset = UNSET,
    tail: int | Unset = UNSET,
) -> Response[AllocationLogPage | ErrorEnvelope]:
    """List the boot and provisioning log of an allocation, oldest first

     What the platform wrote while placing, provisioning, running and releasing the
    allocation, one line per item, numbered from 1. Each line's `id` can be given as
    `Last-Event-ID` to `streamAllocationLogs` to follow on live from it.
    Errors: `allocation_not_found` (404).

    Args:
        allocation_id (str):
        limit (int | Unset):  Default: 50.
        cursor (str | Unset):
        since (datetime.datetime | Unset):
        tail (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AllocationLogPage | ErrorEnvelope]
    """

    kwargs = _get_kwargs(
        allocation_id=allocation_id,
        limit=limit,
        cursor=cursor,
        since=since,
        tail=tail,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    allocation_id: str,
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
    since: datetime.datetime | Unset = UNSET,
    tail: int | Unset = UNSET,
) -> AllocationLogPage | ErrorEnvelope | None:
    """List the boot and provisioning log of an allocation, oldest first

     What the platform wrote while placing, provisioning, running and releasing the
    allocation, one line per item, numbered from 1. Each line's `id` can be given as
    `Last-Event-ID` to `streamAllocationLogs` to follow on live from it.
    Errors: `allocation_not_found` (404).

    Args:
        allocation_id (str):
        limit (int | Unset):  Default: 50.
        cursor (str | Unset):
        since (datetime.datetime | Unset):
        tail (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AllocationLogPage | ErrorEnvelope
    """

    return (
        await asyncio_detailed(
            allocation_id=allocation_id,
            client=client,
            limit=limit,
            cursor=cursor,
            since=since,
            tail=tail,
        )
    ).parsed


# Public names for code that sends the request itself (the SDK's facade runs every call
# through its own runner, with per-call options): the keyword arguments of
# `httpx.Client.build_request` for this operation, the typed answer of a response, and
# its parsed value alone (from the status and the body: the headers are not read).
request_kwargs = _get_kwargs
parse_response = _build_response
parse = _parse_response
