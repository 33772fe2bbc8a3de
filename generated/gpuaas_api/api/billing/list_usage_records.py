import datetime
from typing import Any

from ... import errors
from ...client import AuthenticatedClient, Client
from ...http_stack import httpx
from ...json_body import loads
from ...models.error_envelope import ErrorEnvelope
from ...models.usage_record_page import UsageRecordPage
from ...types import UNSET, Response, Unset, status_of


def _get_kwargs(
    *,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
    since: datetime.datetime | Unset = UNSET,
    until: datetime.datetime | Unset = UNSET,
    allocation_id: str | Unset = UNSET,
    sku: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["limit"] = limit

    params["cursor"] = cursor

    json_since: str | Unset = UNSET
    if not isinstance(since, Unset):
        json_since = since.isoformat()
    params["since"] = json_since

    json_until: str | Unset = UNSET
    if not isinstance(until, Unset):
        json_until = until.isoformat()
    params["until"] = json_until

    params["allocation_id"] = allocation_id

    params["sku"] = sku

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/billing/usage",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | UsageRecordPage | None:
    if response.status_code == 200:
        response_200 = UsageRecordPage.from_dict(loads(response.content))

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

    if response.status_code == 429:
        response_429 = ErrorEnvelope.from_dict(loads(response.content))

        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorEnvelope | UsageRecordPage]:
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
    since: datetime.datetime | Unset = UNSET,
    until: datetime.datetime | Unset = UNSET,
    allocation_id: str | Unset = UNSET,
    sku: str | Unset = UNSET,
) -> Response[ErrorEnvelope | UsageRecordPage]:
    """List usage records (charges), oldest first

     Records are ordered by `interval_start`, then `id`. `since` and `until` select
    records whose `interval_start` lies in `[since, until)`; `since` later than
    `until` is refused with `invalid_request`.

    Args:
        limit (int | Unset):  Default: 50.
        cursor (str | Unset):
        since (datetime.datetime | Unset):
        until (datetime.datetime | Unset):
        allocation_id (str | Unset):
        sku (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | UsageRecordPage]
    """

    kwargs = _get_kwargs(
        limit=limit,
        cursor=cursor,
        since=since,
        until=until,
        allocation_id=allocation_id,
        sku=sku,
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
    since: datetime.datetime | Unset = UNSET,
    until: datetime.datetime | Unset = UNSET,
    allocation_id: str | Unset = UNSET,
    sku: str | Unset = UNSET,
) -> ErrorEnvelope | UsageRecordPage | None:
    """List usage records (charges), oldest first

     Records are ordered by `interval_start`, then `id`. `since` and `until` select
    records whose `interval_start` lies in `[since, until)`; `since` later than
    `until` is refused with `invalid_request`.

    Args:
        limit (int | Unset):  Default: 50.
        cursor (str | Unset):
        since (datetime.datetime | Unset):
        until (datetime.datetime | Unset):
        allocation_id (str | Unset):
        sku (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | UsageRecordPage
    """

    return sync_detailed(
        client=client,
        limit=limit,
        cursor=cursor,
        since=since,
        until=until,
        allocation_id=allocation_id,
        sku=sku,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
    since: datetime.datetime | Unset = UNSET,
    until: datetime.datetime | Unset = UNSET,
    allocation_id: str | Unset = UNSET,
    sku: str | Unset = UNSET,
) -> Response[ErrorEnvelope | UsageRecordPage]:
    """List usage records (charges), oldest first

     Records are ordered by `interval_start`, then `id`. `since` and `until` select
    records whose `interval_start` lies in `[since, until)`; `since` later than
    `until` is refused with `invalid_request`.

    Args:
        limit (int | Unset):  Default: 50.
        cursor (str | Unset):
        since (datetime.datetime | Unset):
        until (datetime.datetime | Unset):
        allocation_id (str | Unset):
        sku (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | UsageRecordPage]
    """

    kwargs = _get_kwargs(
        limit=limit,
        cursor=cursor,
        since=since,
        until=until,
        allocation_id=allocation_id,
        sku=sku,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
    since: datetime.datetime | Unset = UNSET,
    until: datetime.datetime | Unset = UNSET,
    allocation_id: str | Unset = UNSET,
    sku: str | Unset = UNSET,
) -> ErrorEnvelope | UsageRecordPage | None:
    """List usage records (charges), oldest first

     Records are ordered by `interval_start`, then `id`. `since` and `until` select
    records whose `interval_start` lies in `[since, until)`; `since` later than
    `until` is refused with `invalid_request`.

    Args:
        limit (int | Unset):  Default: 50.
        cursor (str | Unset):
        since (datetime.datetime | Unset):
        until (datetime.datetime | Unset):
        allocation_id (str | Unset):
        sku (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | UsageRecordPage
    """

    return (
        await asyncio_detailed(
            client=client,
            limit=limit,
            cursor=cursor,
            since=since,
            until=until,
            allocation_id=allocation_id,
            sku=sku,
        )
    ).parsed


# Public names for code that sends the request itself (the SDK's facade runs every call
# through its own runner, with per-call options): the keyword arguments of
# `httpx.Client.build_request` for this operation, the typed answer of a response, and
# its parsed value alone (from the status and the body: the headers are not read).
request_kwargs = _get_kwargs
parse_response = _build_response
parse = _parse_response
