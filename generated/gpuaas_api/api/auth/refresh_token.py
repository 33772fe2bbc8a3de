from typing import Any

from ... import errors
from ...client import AuthenticatedClient, Client
from ...http_stack import httpx
from ...json_body import loads
from ...models.error_envelope import ErrorEnvelope
from ...models.refresh_request import RefreshRequest
from ...models.token_grant import TokenGrant
from ...types import Response, status_of


def _get_kwargs(
    *,
    body: RefreshRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/auth/token/refresh",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | TokenGrant | None:
    if response.status_code == 200:
        response_200 = TokenGrant.from_dict(loads(response.content))

        return response_200

    if response.status_code == 400:
        response_400 = ErrorEnvelope.from_dict(loads(response.content))

        return response_400

    if response.status_code == 401:
        response_401 = ErrorEnvelope.from_dict(loads(response.content))

        return response_401

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
) -> Response[ErrorEnvelope | TokenGrant]:
    return Response(
        status_code=status_of(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: RefreshRequest,
) -> Response[ErrorEnvelope | TokenGrant]:
    """Trade a refresh token for new tokens, rotating the refresh token

     The presented refresh token is spent. Presenting a spent refresh token
    again revokes every token descended from the same login (`invalid_credentials`).

    Args:
        body (RefreshRequest):  Example: {'refresh_token': 'rt_5d41402abc4b2a76b9719d911017c592'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | TokenGrant]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: RefreshRequest,
) -> ErrorEnvelope | TokenGrant | None:
    """Trade a refresh token for new tokens, rotating the refresh token

     The presented refresh token is spent. Presenting a spent refresh token
    again revokes every token descended from the same login (`invalid_credentials`).

    Args:
        body (RefreshRequest):  Example: {'refresh_token': 'rt_5d41402abc4b2a76b9719d911017c592'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | TokenGrant
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: RefreshRequest,
) -> Response[ErrorEnvelope | TokenGrant]:
    """Trade a refresh token for new tokens, rotating the refresh token

     The presented refresh token is spent. Presenting a spent refresh token
    again revokes every token descended from the same login (`invalid_credentials`).

    Args:
        body (RefreshRequest):  Example: {'refresh_token': 'rt_5d41402abc4b2a76b9719d911017c592'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | TokenGrant]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: RefreshRequest,
) -> ErrorEnvelope | TokenGrant | None:
    """Trade a refresh token for new tokens, rotating the refresh token

     The presented refresh token is spent. Presenting a spent refresh token
    again revokes every token descended from the same login (`invalid_credentials`).

    Args:
        body (RefreshRequest):  Example: {'refresh_token': 'rt_5d41402abc4b2a76b9719d911017c592'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | TokenGrant
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed


# Public names for code that sends the request itself (the SDK's facade runs every call
# through its own runner, with per-call options): the keyword arguments of
# `httpx.Client.build_request` for this operation, the typed answer of a response, and
# its parsed value alone (from the status and the body: the headers are not read).
request_kwargs = _get_kwargs
parse_response = _build_response
parse = _parse_response
