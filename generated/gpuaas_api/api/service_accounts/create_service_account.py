from typing import Any

from ... import errors
from ...client import AuthenticatedClient, Client
from ...http_stack import httpx
from ...json_body import loads
from ...models.error_envelope import ErrorEnvelope
from ...models.service_account import ServiceAccount
from ...models.service_account_create import ServiceAccountCreate
from ...types import UNSET, Response, Unset, status_of


def _get_kwargs(
    *,
    body: ServiceAccountCreate,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/service-accounts",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | ServiceAccount | None:
    if response.status_code == 201:
        response_201 = ServiceAccount.from_dict(loads(response.content))

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
) -> Response[ErrorEnvelope | ServiceAccount]:
    return Response(
        status_code=status_of(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: ServiceAccountCreate,
    idempotency_key: str | Unset = UNSET,
) -> Response[ErrorEnvelope | ServiceAccount]:
    """Create a service account for an agent or a service in a project

     Needs `project_admin` on the project or a tenant admin role. The account
    becomes a member of its tenant and project with the `roles` given. It
    has no key yet: create one with `createServiceAccountKey`, then trade
    assertions signed by it with `exchangeServiceAccountAssertion`.

    Errors: `insufficient_permissions` (403), also for granting a role the
    caller does not hold; `project_not_found` or `role_not_found` (404);
    `already_exists` (409) when the tenant has an account of this name, and
    `idempotency_conflict` (409); `validation_error` (422), e.g. a currency
    other than the tenant's billing currency.

    Args:
        idempotency_key (str | Unset):
        body (ServiceAccountCreate):  Example: {'name': 'training-agent', 'principal_kind':
            'agent', 'project_id': 'prj-default', 'monthly_spend_cap_minor': 50000, 'currency': 'USD',
            'signing_required': True, 'roles': ['tenant_member', 'project_member']}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | ServiceAccount]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: ServiceAccountCreate,
    idempotency_key: str | Unset = UNSET,
) -> ErrorEnvelope | ServiceAccount | None:
    """Create a service account for an agent or a service in a project

     Needs `project_admin` on the project or a tenant admin role. The account
    becomes a member of its tenant and project with the `roles` given. It
    has no key yet: create one with `createServiceAccountKey`, then trade
    assertions signed by it with `exchangeServiceAccountAssertion`.

    Errors: `insufficient_permissions` (403), also for granting a role the
    caller does not hold; `project_not_found` or `role_not_found` (404);
    `already_exists` (409) when the tenant has an account of this name, and
    `idempotency_conflict` (409); `validation_error` (422), e.g. a currency
    other than the tenant's billing currency.

    Args:
        idempotency_key (str | Unset):
        body (ServiceAccountCreate):  Example: {'name': 'training-agent', 'principal_kind':
            'agent', 'project_id': 'prj-default', 'monthly_spend_cap_minor': 50000, 'currency': 'USD',
            'signing_required': True, 'roles': ['tenant_member', 'project_member']}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | ServiceAccount
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: ServiceAccountCreate,
    idempotency_key: str | Unset = UNSET,
) -> Response[ErrorEnvelope | ServiceAccount]:
    """Create a service account for an agent or a service in a project

     Needs `project_admin` on the project or a tenant admin role. The account
    becomes a member of its tenant and project with the `roles` given. It
    has no key yet: create one with `createServiceAccountKey`, then trade
    assertions signed by it with `exchangeServiceAccountAssertion`.

    Errors: `insufficient_permissions` (403), also for granting a role the
    caller does not hold; `project_not_found` or `role_not_found` (404);
    `already_exists` (409) when the tenant has an account of this name, and
    `idempotency_conflict` (409); `validation_error` (422), e.g. a currency
    other than the tenant's billing currency.

    Args:
        idempotency_key (str | Unset):
        body (ServiceAccountCreate):  Example: {'name': 'training-agent', 'principal_kind':
            'agent', 'project_id': 'prj-default', 'monthly_spend_cap_minor': 50000, 'currency': 'USD',
            'signing_required': True, 'roles': ['tenant_member', 'project_member']}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | ServiceAccount]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: ServiceAccountCreate,
    idempotency_key: str | Unset = UNSET,
) -> ErrorEnvelope | ServiceAccount | None:
    """Create a service account for an agent or a service in a project

     Needs `project_admin` on the project or a tenant admin role. The account
    becomes a member of its tenant and project with the `roles` given. It
    has no key yet: create one with `createServiceAccountKey`, then trade
    assertions signed by it with `exchangeServiceAccountAssertion`.

    Errors: `insufficient_permissions` (403), also for granting a role the
    caller does not hold; `project_not_found` or `role_not_found` (404);
    `already_exists` (409) when the tenant has an account of this name, and
    `idempotency_conflict` (409); `validation_error` (422), e.g. a currency
    other than the tenant's billing currency.

    Args:
        idempotency_key (str | Unset):
        body (ServiceAccountCreate):  Example: {'name': 'training-agent', 'principal_kind':
            'agent', 'project_id': 'prj-default', 'monthly_spend_cap_minor': 50000, 'currency': 'USD',
            'signing_required': True, 'roles': ['tenant_member', 'project_member']}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | ServiceAccount
    """

    return (
        await asyncio_detailed(
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
