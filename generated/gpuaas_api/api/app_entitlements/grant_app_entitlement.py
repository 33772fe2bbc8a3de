from typing import Any
from urllib.parse import quote

from ... import errors
from ...client import AuthenticatedClient, Client
from ...http_stack import httpx
from ...json_body import loads
from ...models.app_entitlement import AppEntitlement
from ...models.app_entitlement_create import AppEntitlementCreate
from ...models.error_envelope import ErrorEnvelope
from ...types import UNSET, Response, Unset, status_of


def _get_kwargs(
    app_slug: str,
    *,
    body: AppEntitlementCreate,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/apps/{app_slug}/entitlements".format(
            app_slug=quote(str(app_slug), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AppEntitlement | ErrorEnvelope | None:
    if response.status_code == 201:
        response_201 = AppEntitlement.from_dict(loads(response.content))

        return response_201

    if response.status_code == 400:
        response_400 = ErrorEnvelope.from_dict(loads(response.content))

        return response_400

    if response.status_code == 401:
        response_401 = ErrorEnvelope.from_dict(loads(response.content))

        return response_401

    if response.status_code == 403:
        response_403 = ErrorEnvelope.from_dict(loads(response.content))

        return response_403

    if response.status_code == 404:
        response_404 = ErrorEnvelope.from_dict(loads(response.content))

        return response_404

    if response.status_code == 409:
        response_409 = ErrorEnvelope.from_dict(loads(response.content))

        return response_409

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
) -> Response[AppEntitlement | ErrorEnvelope]:
    return Response(
        status_code=status_of(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    app_slug: str,
    *,
    client: AuthenticatedClient | Client,
    body: AppEntitlementCreate,
    idempotency_key: str | Unset = UNSET,
) -> Response[AppEntitlement | ErrorEnvelope]:
    """Entitle a project to run an app

     Needs the `admin` role (`insufficient_permissions`). Unknown ids are refused
    with `app_not_found` or `project_not_found`; a project that already holds an
    entitlement to the app with `already_exists`; an `expires_at` in the past with
    `validation_error`; a replayed Idempotency-Key with another body with
    `idempotency_conflict`.

    Args:
        app_slug (str):
        idempotency_key (str | Unset):
        body (AppEntitlementCreate):  Example: {'project_id': 'prj-default', 'expires_at':
            '2026-12-31T23:59:59Z'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AppEntitlement | ErrorEnvelope]
    """

    kwargs = _get_kwargs(
        app_slug=app_slug,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    app_slug: str,
    *,
    client: AuthenticatedClient | Client,
    body: AppEntitlementCreate,
    idempotency_key: str | Unset = UNSET,
) -> AppEntitlement | ErrorEnvelope | None:
    """Entitle a project to run an app

     Needs the `admin` role (`insufficient_permissions`). Unknown ids are refused
    with `app_not_found` or `project_not_found`; a project that already holds an
    entitlement to the app with `already_exists`; an `expires_at` in the past with
    `validation_error`; a replayed Idempotency-Key with another body with
    `idempotency_conflict`.

    Args:
        app_slug (str):
        idempotency_key (str | Unset):
        body (AppEntitlementCreate):  Example: {'project_id': 'prj-default', 'expires_at':
            '2026-12-31T23:59:59Z'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AppEntitlement | ErrorEnvelope
    """

    return sync_detailed(
        app_slug=app_slug,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    app_slug: str,
    *,
    client: AuthenticatedClient | Client,
    body: AppEntitlementCreate,
    idempotency_key: str | Unset = UNSET,
) -> Response[AppEntitlement | ErrorEnvelope]:
    """Entitle a project to run an app

     Needs the `admin` role (`insufficient_permissions`). Unknown ids are refused
    with `app_not_found` or `project_not_found`; a project that already holds an
    entitlement to the app with `already_exists`; an `expires_at` in the past with
    `validation_error`; a replayed Idempotency-Key with another body with
    `idempotency_conflict`.

    Args:
        app_slug (str):
        idempotency_key (str | Unset):
        body (AppEntitlementCreate):  Example: {'project_id': 'prj-default', 'expires_at':
            '2026-12-31T23:59:59Z'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AppEntitlement | ErrorEnvelope]
    """

    kwargs = _get_kwargs(
        app_slug=app_slug,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    app_slug: str,
    *,
    client: AuthenticatedClient | Client,
    body: AppEntitlementCreate,
    idempotency_key: str | Unset = UNSET,
) -> AppEntitlement | ErrorEnvelope | None:
    """Entitle a project to run an app

     Needs the `admin` role (`insufficient_permissions`). Unknown ids are refused
    with `app_not_found` or `project_not_found`; a project that already holds an
    entitlement to the app with `already_exists`; an `expires_at` in the past with
    `validation_error`; a replayed Idempotency-Key with another body with
    `idempotency_conflict`.

    Args:
        app_slug (str):
        idempotency_key (str | Unset):
        body (AppEntitlementCreate):  Example: {'project_id': 'prj-default', 'expires_at':
            '2026-12-31T23:59:59Z'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AppEntitlement | ErrorEnvelope
    """

    return (
        await asyncio_detailed(
            app_slug=app_slug,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed


# Public names for code that sends the request itself (the SDK's facade runs every call
# through its own runner, with per-call options): the keyword arguments of
# `httpx.Client.build_request` for this operation, the typed answer of a response, and
# its parsed value alone (from the status and the body: the headers are not read).
request_kwargs = _get_kwargs
parse_response = _build_response
parse = _parse_response
