from typing import Any, cast

from ... import errors
from ...client import AuthenticatedClient, Client
from ...http_stack import httpx
from ...json_body import loads
from ...models.error_envelope import ErrorEnvelope
from ...models.oidc_authorization_form import OidcAuthorizationForm
from ...models.oidc_authorization_result import OidcAuthorizationResult
from ...types import Response, status_of


def _get_kwargs(
    *,
    body: OidcAuthorizationForm,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/auth/oidc/authorize",
    }

    _kwargs["data"] = body.to_dict()
    headers["Content-Type"] = "application/x-www-form-urlencoded"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | ErrorEnvelope | OidcAuthorizationResult | None:
    if response.status_code == 200:
        response_200 = OidcAuthorizationResult.from_dict(loads(response.content))

        return response_200

    if response.status_code == 303:
        response_303 = cast(Any, None)
        return response_303

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
) -> Response[Any | ErrorEnvelope | OidcAuthorizationResult]:
    return Response(
        status_code=status_of(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: OidcAuthorizationForm,
) -> Response[Any | ErrorEnvelope | OidcAuthorizationResult]:
    """Sign in on the dev identity provider's page and get redirected with a code

     What the sign-in form posts. The outcome goes back to the client as a
    303 redirect to `redirect_uri` (RFC 9700 §4.12: a 303, so the browser
    never re-posts the password):

    - signed in: `code` and `state` in the query. The code is single-use,
      bound to the `client_id`, `redirect_uri` and `code_challenge`, and
      expires after 60 seconds; trade it with `exchangeOidcCode`;
    - cancelled (`action=cancel`; the username and password are then
      ignored), or the fifth wrong password of this authorization request:
      `error=access_denied`, `error_description` and `state` (RFC 6749
      §4.1.2.1). A request denied for wrong passwords stays denied, even
      for the right password: the client starts a new one.

    A wrong, missing or empty username or password is not redirected: a
    browser (its `Accept` names `text/html`) gets the sign-in form again
    (401, `text/html`) with the message and the username kept; any other
    client gets a 401 `invalid_credentials` whose `details.attempts_left`
    says how many wrong passwords are left (an empty field is not counted).

    Errors: `invalid_request` (400) for a missing, repeated or malformed
    parameter, a non-loopback `redirect_uri`, a method other than `S256` or
    an unknown `action`; `invalid_credentials` (401) as above.

    A client without a browser (a headless test, a CLI on a remote shell)
    may send `Accept: application/json` to get the same outcome as a 200
    JSON body instead of the redirect.

    Args:
        body (OidcAuthorizationForm): The parameters of `authorizeOidc`, carried by the sign-in
            form, plus the credentials typed in and the button pressed. A browser sends both
            credential fields, empty ones too; a missing or empty one is refused with a 401 when
            signing in, and ignored on `cancel`. Example: {'response_type': 'code', 'client_id':
            'gpuaas-sdk', 'redirect_uri': 'http://127.0.0.1:53682/callback', 'code_challenge':
            'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', 'code_challenge_method': 'S256', 'state':
            'af0ifjsldkj', 'tenant_hint': 'acme', 'username': 'dev-user', 'password': 'dev123'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ErrorEnvelope | OidcAuthorizationResult]
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
    body: OidcAuthorizationForm,
) -> Any | ErrorEnvelope | OidcAuthorizationResult | None:
    """Sign in on the dev identity provider's page and get redirected with a code

     What the sign-in form posts. The outcome goes back to the client as a
    303 redirect to `redirect_uri` (RFC 9700 §4.12: a 303, so the browser
    never re-posts the password):

    - signed in: `code` and `state` in the query. The code is single-use,
      bound to the `client_id`, `redirect_uri` and `code_challenge`, and
      expires after 60 seconds; trade it with `exchangeOidcCode`;
    - cancelled (`action=cancel`; the username and password are then
      ignored), or the fifth wrong password of this authorization request:
      `error=access_denied`, `error_description` and `state` (RFC 6749
      §4.1.2.1). A request denied for wrong passwords stays denied, even
      for the right password: the client starts a new one.

    A wrong, missing or empty username or password is not redirected: a
    browser (its `Accept` names `text/html`) gets the sign-in form again
    (401, `text/html`) with the message and the username kept; any other
    client gets a 401 `invalid_credentials` whose `details.attempts_left`
    says how many wrong passwords are left (an empty field is not counted).

    Errors: `invalid_request` (400) for a missing, repeated or malformed
    parameter, a non-loopback `redirect_uri`, a method other than `S256` or
    an unknown `action`; `invalid_credentials` (401) as above.

    A client without a browser (a headless test, a CLI on a remote shell)
    may send `Accept: application/json` to get the same outcome as a 200
    JSON body instead of the redirect.

    Args:
        body (OidcAuthorizationForm): The parameters of `authorizeOidc`, carried by the sign-in
            form, plus the credentials typed in and the button pressed. A browser sends both
            credential fields, empty ones too; a missing or empty one is refused with a 401 when
            signing in, and ignored on `cancel`. Example: {'response_type': 'code', 'client_id':
            'gpuaas-sdk', 'redirect_uri': 'http://127.0.0.1:53682/callback', 'code_challenge':
            'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', 'code_challenge_method': 'S256', 'state':
            'af0ifjsldkj', 'tenant_hint': 'acme', 'username': 'dev-user', 'password': 'dev123'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ErrorEnvelope | OidcAuthorizationResult
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: OidcAuthorizationForm,
) -> Response[Any | ErrorEnvelope | OidcAuthorizationResult]:
    """Sign in on the dev identity provider's page and get redirected with a code

     What the sign-in form posts. The outcome goes back to the client as a
    303 redirect to `redirect_uri` (RFC 9700 §4.12: a 303, so the browser
    never re-posts the password):

    - signed in: `code` and `state` in the query. The code is single-use,
      bound to the `client_id`, `redirect_uri` and `code_challenge`, and
      expires after 60 seconds; trade it with `exchangeOidcCode`;
    - cancelled (`action=cancel`; the username and password are then
      ignored), or the fifth wrong password of this authorization request:
      `error=access_denied`, `error_description` and `state` (RFC 6749
      §4.1.2.1). A request denied for wrong passwords stays denied, even
      for the right password: the client starts a new one.

    A wrong, missing or empty username or password is not redirected: a
    browser (its `Accept` names `text/html`) gets the sign-in form again
    (401, `text/html`) with the message and the username kept; any other
    client gets a 401 `invalid_credentials` whose `details.attempts_left`
    says how many wrong passwords are left (an empty field is not counted).

    Errors: `invalid_request` (400) for a missing, repeated or malformed
    parameter, a non-loopback `redirect_uri`, a method other than `S256` or
    an unknown `action`; `invalid_credentials` (401) as above.

    A client without a browser (a headless test, a CLI on a remote shell)
    may send `Accept: application/json` to get the same outcome as a 200
    JSON body instead of the redirect.

    Args:
        body (OidcAuthorizationForm): The parameters of `authorizeOidc`, carried by the sign-in
            form, plus the credentials typed in and the button pressed. A browser sends both
            credential fields, empty ones too; a missing or empty one is refused with a 401 when
            signing in, and ignored on `cancel`. Example: {'response_type': 'code', 'client_id':
            'gpuaas-sdk', 'redirect_uri': 'http://127.0.0.1:53682/callback', 'code_challenge':
            'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', 'code_challenge_method': 'S256', 'state':
            'af0ifjsldkj', 'tenant_hint': 'acme', 'username': 'dev-user', 'password': 'dev123'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ErrorEnvelope | OidcAuthorizationResult]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: OidcAuthorizationForm,
) -> Any | ErrorEnvelope | OidcAuthorizationResult | None:
    """Sign in on the dev identity provider's page and get redirected with a code

     What the sign-in form posts. The outcome goes back to the client as a
    303 redirect to `redirect_uri` (RFC 9700 §4.12: a 303, so the browser
    never re-posts the password):

    - signed in: `code` and `state` in the query. The code is single-use,
      bound to the `client_id`, `redirect_uri` and `code_challenge`, and
      expires after 60 seconds; trade it with `exchangeOidcCode`;
    - cancelled (`action=cancel`; the username and password are then
      ignored), or the fifth wrong password of this authorization request:
      `error=access_denied`, `error_description` and `state` (RFC 6749
      §4.1.2.1). A request denied for wrong passwords stays denied, even
      for the right password: the client starts a new one.

    A wrong, missing or empty username or password is not redirected: a
    browser (its `Accept` names `text/html`) gets the sign-in form again
    (401, `text/html`) with the message and the username kept; any other
    client gets a 401 `invalid_credentials` whose `details.attempts_left`
    says how many wrong passwords are left (an empty field is not counted).

    Errors: `invalid_request` (400) for a missing, repeated or malformed
    parameter, a non-loopback `redirect_uri`, a method other than `S256` or
    an unknown `action`; `invalid_credentials` (401) as above.

    A client without a browser (a headless test, a CLI on a remote shell)
    may send `Accept: application/json` to get the same outcome as a 200
    JSON body instead of the redirect.

    Args:
        body (OidcAuthorizationForm): The parameters of `authorizeOidc`, carried by the sign-in
            form, plus the credentials typed in and the button pressed. A browser sends both
            credential fields, empty ones too; a missing or empty one is refused with a 401 when
            signing in, and ignored on `cancel`. Example: {'response_type': 'code', 'client_id':
            'gpuaas-sdk', 'redirect_uri': 'http://127.0.0.1:53682/callback', 'code_challenge':
            'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', 'code_challenge_method': 'S256', 'state':
            'af0ifjsldkj', 'tenant_hint': 'acme', 'username': 'dev-user', 'password': 'dev123'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ErrorEnvelope | OidcAuthorizationResult
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
