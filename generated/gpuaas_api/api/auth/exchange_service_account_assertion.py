from typing import Any

from ... import errors
from ...client import AuthenticatedClient, Client
from ...http_stack import httpx
from ...json_body import loads
from ...models.error_envelope import ErrorEnvelope
from ...models.service_account_token_request import ServiceAccountTokenRequest
from ...models.token_grant import TokenGrant
from ...types import Response, status_of


def _get_kwargs(
    *,
    body: ServiceAccountTokenRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/auth/service-account/token",
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
    body: ServiceAccountTokenRequest,
) -> Response[ErrorEnvelope | TokenGrant]:
    """Trade a JWT signed by a service-account key for tokens

     The JWT bearer grant (RFC 7523 §2.1). The assertion is a JWT signed with
    the private half of one of the account's active keys (`RS256` or `ES256`,
    the key's algorithm), whose header `kid` is the key id and whose claims are:

    - `iss` and `sub`: the service account id;
    - `aud`: the URL of this endpoint, e.g.
      `https://api.gpuaas.example.com/v1/auth/service-account/token`;
    - `exp`: at most 5 minutes after now; `iat` optional, not in the future;
    - `jti`: unique; a `jti` seen before (while its assertion could still be
      valid) is refused.

    The tokens act as the service account. When the account is
    `signing_required`, every request made with them must also carry a
    `GPUaaS-Signature` header made with the key's signing secret (see
    `ServiceAccount.signing_required`); this endpoint itself needs none.

    Errors: `invalid_request` (400) for a missing parameter or another
    `grant_type`; `invalid_grant` (400) for a malformed JWT, an unknown
    `kid`, a bad signature, a wrong `aud`, `iss` or `sub`, an expired
    assertion or one expiring too far ahead, a replayed `jti`, or a revoked
    or expired key or deleted account; `validation_error` (422) for a
    malformed field.

    Args:
        body (ServiceAccountTokenRequest):  Example: {'grant_type': 'urn:ietf:params:oauth:grant-
            type:jwt-bearer', 'assertion': 'eyJhbGciOiJFUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6ImtleS0yMDI0LT
            AxIn0.eyJpc3MiOiJzYS0xMjM0Iiwic3ViIjoic2EtMTIzNCIsImF1ZCI6Imh0dHA6Ly8xMjcuMC4wLjE6ODA4MC92
            MS9hdXRoL3NlcnZpY2UtYWNjb3VudC90b2tlbiIsImlhdCI6MTc3NTA0NDgwMCwiZXhwIjoxNzc1MDQ1MDQwLCJqdG
            kiOiI1ZjBjMmIxZS04ZDRhLTRjM2UtOWE3Ny0yZjFkMGI2ZTRhOTEifQ.KIeTyayfNC-
            WTf7LxNL060gUaXel7lv7cleA5AkT1FWtZsRbrXw5IFfP_8fYdO_8L5mkoQQ_8EH0hO_GfZ4EMA'}.

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
    body: ServiceAccountTokenRequest,
) -> ErrorEnvelope | TokenGrant | None:
    """Trade a JWT signed by a service-account key for tokens

     The JWT bearer grant (RFC 7523 §2.1). The assertion is a JWT signed with
    the private half of one of the account's active keys (`RS256` or `ES256`,
    the key's algorithm), whose header `kid` is the key id and whose claims are:

    - `iss` and `sub`: the service account id;
    - `aud`: the URL of this endpoint, e.g.
      `https://api.gpuaas.example.com/v1/auth/service-account/token`;
    - `exp`: at most 5 minutes after now; `iat` optional, not in the future;
    - `jti`: unique; a `jti` seen before (while its assertion could still be
      valid) is refused.

    The tokens act as the service account. When the account is
    `signing_required`, every request made with them must also carry a
    `GPUaaS-Signature` header made with the key's signing secret (see
    `ServiceAccount.signing_required`); this endpoint itself needs none.

    Errors: `invalid_request` (400) for a missing parameter or another
    `grant_type`; `invalid_grant` (400) for a malformed JWT, an unknown
    `kid`, a bad signature, a wrong `aud`, `iss` or `sub`, an expired
    assertion or one expiring too far ahead, a replayed `jti`, or a revoked
    or expired key or deleted account; `validation_error` (422) for a
    malformed field.

    Args:
        body (ServiceAccountTokenRequest):  Example: {'grant_type': 'urn:ietf:params:oauth:grant-
            type:jwt-bearer', 'assertion': 'eyJhbGciOiJFUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6ImtleS0yMDI0LT
            AxIn0.eyJpc3MiOiJzYS0xMjM0Iiwic3ViIjoic2EtMTIzNCIsImF1ZCI6Imh0dHA6Ly8xMjcuMC4wLjE6ODA4MC92
            MS9hdXRoL3NlcnZpY2UtYWNjb3VudC90b2tlbiIsImlhdCI6MTc3NTA0NDgwMCwiZXhwIjoxNzc1MDQ1MDQwLCJqdG
            kiOiI1ZjBjMmIxZS04ZDRhLTRjM2UtOWE3Ny0yZjFkMGI2ZTRhOTEifQ.KIeTyayfNC-
            WTf7LxNL060gUaXel7lv7cleA5AkT1FWtZsRbrXw5IFfP_8fYdO_8L5mkoQQ_8EH0hO_GfZ4EMA'}.

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
    body: ServiceAccountTokenRequest,
) -> Response[ErrorEnvelope | TokenGrant]:
    """Trade a JWT signed by a service-account key for tokens

     The JWT bearer grant (RFC 7523 §2.1). The assertion is a JWT signed with
    the private half of one of the account's active keys (`RS256` or `ES256`,
    the key's algorithm), whose header `kid` is the key id and whose claims are:

    - `iss` and `sub`: the service account id;
    - `aud`: the URL of this endpoint, e.g.
      `https://api.gpuaas.example.com/v1/auth/service-account/token`;
    - `exp`: at most 5 minutes after now; `iat` optional, not in the future;
    - `jti`: unique; a `jti` seen before (while its assertion could still be
      valid) is refused.

    The tokens act as the service account. When the account is
    `signing_required`, every request made with them must also carry a
    `GPUaaS-Signature` header made with the key's signing secret (see
    `ServiceAccount.signing_required`); this endpoint itself needs none.

    Errors: `invalid_request` (400) for a missing parameter or another
    `grant_type`; `invalid_grant` (400) for a malformed JWT, an unknown
    `kid`, a bad signature, a wrong `aud`, `iss` or `sub`, an expired
    assertion or one expiring too far ahead, a replayed `jti`, or a revoked
    or expired key or deleted account; `validation_error` (422) for a
    malformed field.

    Args:
        body (ServiceAccountTokenRequest):  Example: {'grant_type': 'urn:ietf:params:oauth:grant-
            type:jwt-bearer', 'assertion': 'eyJhbGciOiJFUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6ImtleS0yMDI0LT
            AxIn0.eyJpc3MiOiJzYS0xMjM0Iiwic3ViIjoic2EtMTIzNCIsImF1ZCI6Imh0dHA6Ly8xMjcuMC4wLjE6ODA4MC92
            MS9hdXRoL3NlcnZpY2UtYWNjb3VudC90b2tlbiIsImlhdCI6MTc3NTA0NDgwMCwiZXhwIjoxNzc1MDQ1MDQwLCJqdG
            kiOiI1ZjBjMmIxZS04ZDRhLTRjM2UtOWE3Ny0yZjFkMGI2ZTRhOTEifQ.KIeTyayfNC-
            WTf7LxNL060gUaXel7lv7cleA5AkT1FWtZsRbrXw5IFfP_8fYdO_8L5mkoQQ_8EH0hO_GfZ4EMA'}.

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
    body: ServiceAccountTokenRequest,
) -> ErrorEnvelope | TokenGrant | None:
    """Trade a JWT signed by a service-account key for tokens

     The JWT bearer grant (RFC 7523 §2.1). The assertion is a JWT signed with
    the private half of one of the account's active keys (`RS256` or `ES256`,
    the key's algorithm), whose header `kid` is the key id and whose claims are:

    - `iss` and `sub`: the service account id;
    - `aud`: the URL of this endpoint, e.g.
      `https://api.gpuaas.example.com/v1/auth/service-account/token`;
    - `exp`: at most 5 minutes after now; `iat` optional, not in the future;
    - `jti`: unique; a `jti` seen before (while its assertion could still be
      valid) is refused.

    The tokens act as the service account. When the account is
    `signing_required`, every request made with them must also carry a
    `GPUaaS-Signature` header made with the key's signing secret (see
    `ServiceAccount.signing_required`); this endpoint itself needs none.

    Errors: `invalid_request` (400) for a missing parameter or another
    `grant_type`; `invalid_grant` (400) for a malformed JWT, an unknown
    `kid`, a bad signature, a wrong `aud`, `iss` or `sub`, an expired
    assertion or one expiring too far ahead, a replayed `jti`, or a revoked
    or expired key or deleted account; `validation_error` (422) for a
    malformed field.

    Args:
        body (ServiceAccountTokenRequest):  Example: {'grant_type': 'urn:ietf:params:oauth:grant-
            type:jwt-bearer', 'assertion': 'eyJhbGciOiJFUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6ImtleS0yMDI0LT
            AxIn0.eyJpc3MiOiJzYS0xMjM0Iiwic3ViIjoic2EtMTIzNCIsImF1ZCI6Imh0dHA6Ly8xMjcuMC4wLjE6ODA4MC92
            MS9hdXRoL3NlcnZpY2UtYWNjb3VudC90b2tlbiIsImlhdCI6MTc3NTA0NDgwMCwiZXhwIjoxNzc1MDQ1MDQwLCJqdG
            kiOiI1ZjBjMmIxZS04ZDRhLTRjM2UtOWE3Ny0yZjFkMGI2ZTRhOTEifQ.KIeTyayfNC-
            WTf7LxNL060gUaXel7lv7cleA5AkT1FWtZsRbrXw5IFfP_8fYdO_8L5mkoQQ_8EH0hO_GfZ4EMA'}.

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
