from typing import Any
from urllib.parse import quote

from ... import errors
from ...client import AuthenticatedClient, Client
from ...http_stack import httpx
from ...json_body import loads
from ...models.error_envelope import ErrorEnvelope
from ...models.service_account_key_page import ServiceAccountKeyPage
from ...models.service_account_key_status import ServiceAccountKeyStatus
from ...types import UNSET, Response, Unset, status_of


def _get_kwargs(
    service_account_id: str,
    *,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
    status: ServiceAccountKeyStatus | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["limit"] = limit

    params["cursor"] = cursor

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status.value

    params["status"] = json_status

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/service-accounts/{service_account_id}/keys".format(
            service_account_id=quote(str(service_account_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | ServiceAccountKeyPage | None:
    if response.status_code == 200:
        response_200 = ServiceAccountKeyPage.from_dict(loads(response.content))

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
) -> Response[ErrorEnvelope | ServiceAccountKeyPage]:
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
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
    status: ServiceAccountKeyStatus | Unset = UNSET,
) -> Response[ErrorEnvelope | ServiceAccountKeyPage]:
    """List the keys of a service account, newest first

     Errors: `service_account_not_found` (404).

    Args:
        service_account_id (str):
        limit (int | Unset):  Default: 50.
        cursor (str | Unset):
        status (ServiceAccountKeyStatus | Unset): `active` keys sign assertions that are accepted;
            `revoked` ones were
            revoked; `expired` ones passed their `expires_at` (after a rotation).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | ServiceAccountKeyPage]
    """

    kwargs = _get_kwargs(
        service_account_id=service_account_id,
        limit=limit,
        cursor=cursor,
        status=status,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    service_account_id: str,
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
    status: ServiceAccountKeyStatus | Unset = UNSET,
) -> ErrorEnvelope | ServiceAccountKeyPage | None:
    """List the keys of a service account, newest first

     Errors: `service_account_not_found` (404).

    Args:
        service_account_id (str):
        limit (int | Unset):  Default: 50.
        cursor (str | Unset):
        status (ServiceAccountKeyStatus | Unset): `active` keys sign assertions that are accepted;
            `revoked` ones were
            revoked; `expired` ones passed their `expires_at` (after a rotation).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | ServiceAccountKeyPage
    """

    return sync_detailed(
        service_account_id=service_account_id,
        client=client,
        limit=limit,
        cursor=cursor,
        status=status,
    ).parsed


async def asyncio_detailed(
    service_account_id: str,
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
    status: ServiceAccountKeyStatus | Unset = UNSET,
) -> Response[ErrorEnvelope | ServiceAccountKeyPage]:
    """List the keys of a service account, newest first

     Errors: `service_account_not_found` (404).

    Args:
        service_account_id (str):
        limit (int | Unset):  Default: 50.
        cursor (str | Unset):
        status (ServiceAccountKeyStatus | Unset): `active` keys sign assertions that are accepted;
            `revoked` ones were
            revoked; `expired` ones passed their `expires_at` (after a rotation).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | ServiceAccountKeyPage]
    """

    kwargs = _get_kwargs(
        service_account_id=service_account_id,
        limit=limit,
        cursor=cursor,
        status=status,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    service_account_id: str,
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
    status: ServiceAccountKeyStatus | Unset = UNSET,
) -> ErrorEnvelope | ServiceAccountKeyPage | None:
    """List the keys of a service account, newest first

     Errors: `service_account_not_found` (404).

    Args:
        service_account_id (str):
        limit (int | Unset):  Default: 50.
        cursor (str | Unset):
        status (ServiceAccountKeyStatus | Unset): `active` keys sign assertions that are accepted;
            `revoked` ones were
            revoked; `expired` ones passed their `expires_at` (after a rotation).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | ServiceAccountKeyPage
    """

    return (
        await asyncio_detailed(
            service_account_id=service_account_id,
            client=client,
            limit=limit,
            cursor=cursor,
            status=status,
        )
    ).parsed


# Public names for code that sends the request itself (the SDK's facade runs every call
# through its own runner, with per-call options): the keyword arguments of
# `httpx.Client.build_request` for this operation, the typed answer of a response, and
# its parsed value alone (from the status and the body: the headers are not read).
request_kwargs = _get_kwargs
parse_response = _build_response
parse = _parse_response
