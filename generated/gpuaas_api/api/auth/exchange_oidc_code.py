from typing import Any

from ... import errors
from ...client import AuthenticatedClient, Client
from ...http_stack import httpx
from ...json_body import loads
from ...models.error_envelope import ErrorEnvelope
from ...models.oidc_token_request import OidcTokenRequest
from ...models.token_grant import TokenGrant
from ...types import Response, status_of


def _get_kwargs(
    *,
    body: OidcTokenRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/auth/oidc/token",
    }

    _kwargs["data"] = body.to_dict()
    headers["Content-Type"] = "application/x-www-form-urlencoded"

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
    body: OidcTokenRequest,
) -> Response[ErrorEnvelope | TokenGrant]:
    """Trade an authorization code and its PKCE verifier for tokens

     The token endpoint of the authorization code flow (RFC 6749 §4.1.3) with
    PKCE (RFC 7636 §4.5). `redirect_uri` and `client_id` must be those the
    code was issued for, and SHA-256 of `code_verifier` must match its
    `code_challenge`. A code is spent by its first exchange, successful or not.

    Errors: `invalid_request` (400) for a missing or repeated parameter;
    `invalid_grant` (400) for an unknown, expired or already used code, a
    PKCE mismatch, or a `redirect_uri` or `client_id` other than the
    code's; `validation_error` (422) for a malformed field.

    Args:
        body (OidcTokenRequest):  Example: {'grant_type': 'authorization_code', 'code':
            'ac_1f3870be274f6c49b3e31a0c6728957f', 'redirect_uri': 'http://127.0.0.1:53682/callback',
            'client_id': 'gpuaas-sdk', 'code_verifier': 'dBjftJeZ4CVP-
            mB92K27uhbUJU1p1r_wW1gFWFOEjXk'}.

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
    body: OidcTokenRequest,
) -> ErrorEnvelope | TokenGrant | None:
    """Trade an authorization code and its PKCE verifier for tokens

     The token endpoint of the authorization code flow (RFC 6749 §4.1.3) with
    PKCE (RFC 7636 §4.5). `redirect_uri` and `client_id` must be those the
    code was issued for, and SHA-256 of `code_verifier` must match its
    `code_challenge`. A code is spent by its first exchange, successful or not.

    Errors: `invalid_request` (400) for a missing or repeated parameter;
    `invalid_grant` (400) for an unknown, expired or already used code, a
    PKCE mismatch, or a `redirect_uri` or `client_id` other than the
    code's; `validation_error` (422) for a malformed field.

    Args:
        body (OidcTokenRequest):  Example: {'grant_type': 'authorization_code', 'code':
            'ac_1f3870be274f6c49b3e31a0c6728957f', 'redirect_uri': 'http://127.0.0.1:53682/callback',
            'client_id': 'gpuaas-sdk', 'code_verifier': 'dBjftJeZ4CVP-
            mB92K27uhbUJU1p1r_wW1gFWFOEjXk'}.

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
    body: OidcTokenRequest,
) -> Response[ErrorEnvelope | TokenGrant]:
    """Trade an authorization code and its PKCE verifier for tokens

     The token endpoint of the authorization code flow (RFC 6749 §4.1.3) with
    PKCE (RFC 7636 §4.5). `redirect_uri` and `client_id` must be those the
    code was issued for, and SHA-256 of `code_verifier` must match its
    `code_challenge`. A code is spent by its first exchange, successful or not.

    Errors: `invalid_request` (400) for a missing or repeated parameter;
    `invalid_grant` (400) for an unknown, expired or already used code, a
    PKCE mismatch, or a `redirect_uri` or `client_id` other than the
    code's; `validation_error` (422) for a malformed field.

    Args:
        body (OidcTokenRequest):  Example: {'grant_type': 'authorization_code', 'code':
            'ac_1f3870be274f6c49b3e31a0c6728957f', 'redirect_uri': 'http://127.0.0.1:53682/callback',
            'client_id': 'gpuaas-sdk', 'code_verifier': 'dBjftJeZ4CVP-
            mB92K27uhbUJU1p1r_wW1gFWFOEjXk'}.

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
    body: OidcTokenRequest,
) -> ErrorEnvelope | TokenGrant | None:
    """Trade an authorization code and its PKCE verifier for tokens

     The token endpoint of the authorization code flow (RFC 6749 §4.1.3) with
    PKCE (RFC 7636 §4.5). `redirect_uri` and `client_id` must be those the
    code was issued for, and SHA-256 of `code_verifier` must match its
    `code_challenge`. A code is spent by its first exchange, successful or not.

    Errors: `invalid_request` (400) for a missing or repeated parameter;
    `invalid_grant` (400) for an unknown, expired or already used code, a
    PKCE mismatch, or a `redirect_uri` or `client_id` other than the
    code's; `validation_error` (422) for a malformed field.

    Args:
        body (OidcTokenRequest):  Example: {'grant_type': 'authorization_code', 'code':
            'ac_1f3870be274f6c49b3e31a0c6728957f', 'redirect_uri': 'http://127.0.0.1:53682/callback',
            'client_id': 'gpuaas-sdk', 'code_verifier': 'dBjftJeZ4CVP-
            mB92K27uhbUJU1p1r_wW1gFWFOEjXk'}.

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
