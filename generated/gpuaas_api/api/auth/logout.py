from typing import Any, cast

from ... import errors
from ...client import AuthenticatedClient, Client
from ...http_stack import httpx
from ...json_body import loads
from ...models.error_envelope import ErrorEnvelope
from ...models.logout_request import LogoutRequest
from ...types import UNSET, Response, Unset, status_of


def _get_kwargs(
    *,
    body: LogoutRequest | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/auth/logout",
    }

    if not isinstance(body, Unset):
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | ErrorEnvelope | None:
    if response.status_code == 204:
        response_204 = cast(Any, None)
        return response_204

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
) -> Response[Any | ErrorEnvelope]:
    return Response(
        status_code=status_of(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: LogoutRequest | Unset = UNSET,
) -> Response[Any | ErrorEnvelope]:
    """Log out, revoking the caller's refresh-token family

     Revokes every refresh token and access token descended from the same
    login (or service-account token exchange) as the calling access token.
    When a `refresh_token` of the caller's is given, that token's family is
    revoked as well. As in RFC 7009 §2.2, a refresh token that is unknown,
    already revoked or not the caller's is ignored rather than refused, so
    the answer tells nothing about it.

    Logout takes no Idempotency-Key: once it has succeeded, the calling
    access token is refused (`token_invalid`, 401), which a client
    retrying a logout can treat as done.

    Errors: `invalid_request` (400) for a malformed body;
    `token_expired` / `token_invalid` (401); `validation_error` (422) for a
    field that fails validation (e.g. an empty `refresh_token`).

    Args:
        body (LogoutRequest | Unset):  Example: {'refresh_token':
            'rt_5d41402abc4b2a76b9719d911017c592'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ErrorEnvelope]
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
    body: LogoutRequest | Unset = UNSET,
) -> Any | ErrorEnvelope | None:
    """Log out, revoking the caller's refresh-token family

     Revokes every refresh token and access token descended from the same
    login (or service-account token exchange) as the calling access token.
    When a `refresh_token` of the caller's is given, that token's family is
    revoked as well. As in RFC 7009 §2.2, a refresh token that is unknown,
    already revoked or not the caller's is ignored rather than refused, so
    the answer tells nothing about it.

    Logout takes no Idempotency-Key: once it has succeeded, the calling
    access token is refused (`token_invalid`, 401), which a client
    retrying a logout can treat as done.

    Errors: `invalid_request` (400) for a malformed body;
    `token_expired` / `token_invalid` (401); `validation_error` (422) for a
    field that fails validation (e.g. an empty `refresh_token`).

    Args:
        body (LogoutRequest | Unset):  Example: {'refresh_token':
            'rt_5d41402abc4b2a76b9719d911017c592'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ErrorEnvelope
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: LogoutRequest | Unset = UNSET,
) -> Response[Any | ErrorEnvelope]:
    """Log out, revoking the caller's refresh-token family

     Revokes every refresh token and access token descended from the same
    login (or service-account token exchange) as the calling access token.
    When a `refresh_token` of the caller's is given, that token's family is
    revoked as well. As in RFC 7009 §2.2, a refresh token that is unknown,
    already revoked or not the caller's is ignored rather than refused, so
    the answer tells nothing about it.

    Logout takes no Idempotency-Key: once it has succeeded, the calling
    access token is refused (`token_invalid`, 401), which a client
    retrying a logout can treat as done.

    Errors: `invalid_request` (400) for a malformed body;
    `token_expired` / `token_invalid` (401); `validation_error` (422) for a
    field that fails validation (e.g. an empty `refresh_token`).

    Args:
        body (LogoutRequest | Unset):  Example: {'refresh_token':
            'rt_5d41402abc4b2a76b9719d911017c592'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ErrorEnvelope]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: LogoutRequest | Unset = UNSET,
) -> Any | ErrorEnvelope | None:
    """Log out, revoking the caller's refresh-token family

     Revokes every refresh token and access token descended from the same
    login (or service-account token exchange) as the calling access token.
    When a `refresh_token` of the caller's is given, that token's family is
    revoked as well. As in RFC 7009 §2.2, a refresh token that is unknown,
    already revoked or not the caller's is ignored rather than refused, so
    the answer tells nothing about it.

    Logout takes no Idempotency-Key: once it has succeeded, the calling
    access token is refused (`token_invalid`, 401), which a client
    retrying a logout can treat as done.

    Errors: `invalid_request` (400) for a malformed body;
    `token_expired` / `token_invalid` (401); `validation_error` (422) for a
    field that fails validation (e.g. an empty `refresh_token`).

    Args:
        body (LogoutRequest | Unset):  Example: {'refresh_token':
            'rt_5d41402abc4b2a76b9719d911017c592'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ErrorEnvelope
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
