from typing import Any
from urllib.parse import quote

from ... import errors
from ...client import AuthenticatedClient, Client
from ...http_stack import httpx
from ...json_body import loads
from ...models.error_envelope import ErrorEnvelope
from ...models.service_account import ServiceAccount
from ...types import Response, status_of


def _get_kwargs(
    service_account_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/service-accounts/{service_account_id}".format(
            service_account_id=quote(str(service_account_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | ServiceAccount | None:
    if response.status_code == 200:
        response_200 = ServiceAccount.from_dict(loads(response.content))

        return response_200

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
) -> Response[ErrorEnvelope | ServiceAccount]:
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
) -> Response[ErrorEnvelope | ServiceAccount]:
    """Get one service account with its spend this month

     Errors: `service_account_not_found` (404).

    Args:
        service_account_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | ServiceAccount]
    """

    kwargs = _get_kwargs(
        service_account_id=service_account_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    service_account_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> ErrorEnvelope | ServiceAccount | None:
    """Get one service account with its spend this month

     Errors: `service_account_not_found` (404).

    Args:
        service_account_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | ServiceAccount
    """

    return sync_detailed(
        service_account_id=service_account_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    service_account_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[ErrorEnvelope | ServiceAccount]:
    """Get one service account with its spend this month

     Errors: `service_account_not_found` (404).

    Args:
        service_account_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | ServiceAccount]
    """

    kwargs = _get_kwargs(
        service_account_id=service_account_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    service_account_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> ErrorEnvelope | ServiceAccount | None:
    """Get one service account with its spend this month

     Errors: `service_account_not_found` (404).

    Args:
        service_account_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | ServiceAccount
    """

    return (
        await asyncio_detailed(
            service_account_id=service_account_id,
            client=client,
        )
    ).parsed


# Public names for code that sends the request itself (the SDK's facade runs every call
# through its own runner, with per-call options): the keyword arguments of
# `httpx.Client.build_request` for this operation, the typed answer of a response, and
# its parsed value alone (from the status and the body: the headers are not read).
request_kwargs = _get_kwargs
parse_response = _build_response
parse = _parse_response
