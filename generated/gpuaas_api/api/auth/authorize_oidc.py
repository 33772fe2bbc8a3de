from typing import Any, Literal

from ... import errors
from ...client import AuthenticatedClient, Client
from ...http_stack import httpx
from ...json_body import loads
from ...models.error_envelope import ErrorEnvelope
from ...models.pkce_code_challenge_method import PkceCodeChallengeMethod
from ...types import UNSET, Response, Unset, status_of


def _get_kwargs(
    *,
    response_type: Literal["code"],
    client_id: str,
    redirect_uri: str,
    code_challenge: str,
    code_challenge_method: PkceCodeChallengeMethod,
    state: str,
    tenant_hint: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["response_type"] = response_type

    params["client_id"] = client_id

    params["redirect_uri"] = redirect_uri

    params["code_challenge"] = code_challenge

    json_code_challenge_method = code_challenge_method.value
    params["code_challenge_method"] = json_code_challenge_method

    params["state"] = state

    params["tenant_hint"] = tenant_hint

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/auth/oidc/authorize",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | str | None:
    if response.status_code == 200:
        response_200 = response.text
        return response_200

    if response.status_code == 400:
        response_400 = ErrorEnvelope.from_dict(loads(response.content))

        return response_400

    if response.status_code == 429:
        response_429 = ErrorEnvelope.from_dict(loads(response.content))

        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorEnvelope | str]:
    return Response(
        status_code=status_of(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    response_type: Literal["code"],
    client_id: str,
    redirect_uri: str,
    code_challenge: str,
    code_challenge_method: PkceCodeChallengeMethod,
    state: str,
    tenant_hint: str | Unset = UNSET,
) -> Response[ErrorEnvelope | str]:
    """Show the dev identity provider's sign-in page (OIDC authorization endpoint)

     Step one of the authorization code flow with PKCE (RFC 6749 §4.1, RFC 7636),
    opened in the user's browser. The development identity provider answers
    with an HTML sign-in form that posts the same parameters, plus the
    username and password (and the button pressed: `action`), to
    `completeOidcAuthorization`. The page is self-contained (inline style and
    icon, a `Content-Security-Policy` that loads nothing else) and not cached.

    Only public clients on a loopback redirect are accepted: `redirect_uri`
    must be `http://127.0.0.1`, `http://[::1]` or `http://localhost`, with
    any port and path; `code_challenge_method` must be `S256`.

    Errors: `invalid_request` (400) for a missing, repeated or malformed
    parameter, a non-loopback `redirect_uri` or a method other than `S256`.
    Errors are answered here, never redirected to `redirect_uri`.

    Args:
        response_type (Literal['code']):
        client_id (str):
        redirect_uri (str):
        code_challenge (str):
        code_challenge_method (PkceCodeChallengeMethod): How `code_challenge` was derived from
            `code_verifier`; only `S256` is accepted (`plain` is not).
        state (str):
        tenant_hint (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | str]
    """

    kwargs = _get_kwargs(
        response_type=response_type,
        client_id=client_id,
        redirect_uri=redirect_uri,
        code_challenge=code_challenge,
        code_challenge_method=code_challenge_method,
        state=state,
        tenant_hint=tenant_hint,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    response_type: Literal["code"],
    client_id: str,
    redirect_uri: str,
    code_challenge: str,
    code_challenge_method: PkceCodeChallengeMethod,
    state: str,
    tenant_hint: str | Unset = UNSET,
) -> ErrorEnvelope | str | None:
    """Show the dev identity provider's sign-in page (OIDC authorization endpoint)

     Step one of the authorization code flow with PKCE (RFC 6749 §4.1, RFC 7636),
    opened in the user's browser. The development identity provider answers
    with an HTML sign-in form that posts the same parameters, plus the
    username and password (and the button pressed: `action`), to
    `completeOidcAuthorization`. The page is self-contained (inline style and
    icon, a `Content-Security-Policy` that loads nothing else) and not cached.

    Only public clients on a loopback redirect are accepted: `redirect_uri`
    must be `http://127.0.0.1`, `http://[::1]` or `http://localhost`, with
    any port and path; `code_challenge_method` must be `S256`.

    Errors: `invalid_request` (400) for a missing, repeated or malformed
    parameter, a non-loopback `redirect_uri` or a method other than `S256`.
    Errors are answered here, never redirected to `redirect_uri`.

    Args:
        response_type (Literal['code']):
        client_id (str):
        redirect_uri (str):
        code_challenge (str):
        code_challenge_method (PkceCodeChallengeMethod): How `code_challenge` was derived from
            `code_verifier`; only `S256` is accepted (`plain` is not).
        state (str):
        tenant_hint (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | str
    """

    return sync_detailed(
        client=client,
        response_type=response_type,
        client_id=client_id,
        redirect_uri=redirect_uri,
        code_challenge=code_challenge,
        code_challenge_method=code_challenge_method,
        state=state,
        tenant_hint=tenant_hint,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    response_type: Literal["code"],
    client_id: str,
    redirect_uri: str,
    code_challenge: str,
    code_challenge_method: PkceCodeChallengeMethod,
    state: str,
    tenant_hint: str | Unset = UNSET,
) -> Response[ErrorEnvelope | str]:
    """Show the dev identity provider's sign-in page (OIDC authorization endpoint)

     Step one of the authorization code flow with PKCE (RFC 6749 §4.1, RFC 7636),
    opened in the user's browser. The development identity provider answers
    with an HTML sign-in form that posts the same parameters, plus the
    username and password (and the button pressed: `action`), to
    `completeOidcAuthorization`. The page is self-contained (inline style and
    icon, a `Content-Security-Policy` that loads nothing else) and not cached.

    Only public clients on a loopback redirect are accepted: `redirect_uri`
    must be `http://127.0.0.1`, `http://[::1]` or `http://localhost`, with
    any port and path; `code_challenge_method` must be `S256`.

    Errors: `invalid_request` (400) for a missing, repeated or malformed
    parameter, a non-loopback `redirect_uri` or a method other than `S256`.
    Errors are answered here, never redirected to `redirect_uri`.

    Args:
        response_type (Literal['code']):
        client_id (str):
        redirect_uri (str):
        code_challenge (str):
        code_challenge_method (PkceCodeChallengeMethod): How `code_challenge` was derived from
            `code_verifier`; only `S256` is accepted (`plain` is not).
        state (str):
        tenant_hint (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | str]
    """

    kwargs = _get_kwargs(
        response_type=response_type,
        client_id=client_id,
        redirect_uri=redirect_uri,
        code_challenge=code_challenge,
        code_challenge_method=code_challenge_method,
        state=state,
        tenant_hint=tenant_hint,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    response_type: Literal["code"],
    client_id: str,
    redirect_uri: str,
    code_challenge: str,
    code_challenge_method: PkceCodeChallengeMethod,
    state: str,
    tenant_hint: str | Unset = UNSET,
) -> ErrorEnvelope | str | None:
    """Show the dev identity provider's sign-in page (OIDC authorization endpoint)

     Step one of the authorization code flow with PKCE (RFC 6749 §4.1, RFC 7636),
    opened in the user's browser. The development identity provider answers
    with an HTML sign-in form that posts the same parameters, plus the
    username and password (and the button pressed: `action`), to
    `completeOidcAuthorization`. The page is self-contained (inline style and
    icon, a `Content-Security-Policy` that loads nothing else) and not cached.

    Only public clients on a loopback redirect are accepted: `redirect_uri`
    must be `http://127.0.0.1`, `http://[::1]` or `http://localhost`, with
    any port and path; `code_challenge_method` must be `S256`.

    Errors: `invalid_request` (400) for a missing, repeated or malformed
    parameter, a non-loopback `redirect_uri` or a method other than `S256`.
    Errors are answered here, never redirected to `redirect_uri`.

    Args:
        response_type (Literal['code']):
        client_id (str):
        redirect_uri (str):
        code_challenge (str):
        code_challenge_method (PkceCodeChallengeMethod): How `code_challenge` was derived from
            `code_verifier`; only `S256` is accepted (`plain` is not).
        state (str):
        tenant_hint (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | str
    """

    return (
        await asyncio_detailed(
            client=client,
            response_type=response_type,
            client_id=client_id,
            redirect_uri=redirect_uri,
            code_challenge=code_challenge,
            code_challenge_method=code_challenge_method,
            state=state,
            tenant_hint=tenant_hint,
        )
    ).parsed


# Public names for code that sends the request itself (the SDK's facade runs every call
# through its own runner, with per-call options): the keyword arguments of
# `httpx.Client.build_request` for this operation, the typed answer of a response, and
# its parsed value alone (from the status and the body: the headers are not read).
request_kwargs = _get_kwargs
parse_response = _build_response
parse = _parse_response
