from typing import Any
from urllib.parse import quote

from ... import errors
from ...client import AuthenticatedClient, Client
from ...http_stack import httpx
from ...json_body import loads
from ...models.error_envelope import ErrorEnvelope
from ...models.project_budget import ProjectBudget
from ...models.project_budget_update import ProjectBudgetUpdate
from ...types import Response, status_of


def _get_kwargs(
    project_id: str,
    *,
    body: ProjectBudgetUpdate,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/v1/projects/{project_id}/budget".format(
            project_id=quote(str(project_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | ProjectBudget | None:
    if response.status_code == 200:
        response_200 = ProjectBudget.from_dict(loads(response.content))

        return response_200

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
) -> Response[ErrorEnvelope | ProjectBudget]:
    return Response(
        status_code=status_of(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    project_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: ProjectBudgetUpdate,
) -> Response[ErrorEnvelope | ProjectBudget]:
    """Set (or remove) a project's monthly budget

     From now on, creates that cost in the project are refused with `budget_exceeded`
    when the month's spend plus what is committed plus their own commitment would pass
    it; a lower budget stops nothing already running. Needs `project_admin` on the
    project or `tenant_admin`.

    Errors: `insufficient_permissions` (403); `project_not_found` (404);
    `validation_error` (422) for a currency other than the balance's.

    Args:
        project_id (str):
        body (ProjectBudgetUpdate):  Example: {'monthly_budget_minor': 500000, 'currency': 'USD'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | ProjectBudget]
    """

    kwargs = _get_kwargs(
        project_id=project_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    project_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: ProjectBudgetUpdate,
) -> ErrorEnvelope | ProjectBudget | None:
    """Set (or remove) a project's monthly budget

     From now on, creates that cost in the project are refused with `budget_exceeded`
    when the month's spend plus what is committed plus their own commitment would pass
    it; a lower budget stops nothing already running. Needs `project_admin` on the
    project or `tenant_admin`.

    Errors: `insufficient_permissions` (403); `project_not_found` (404);
    `validation_error` (422) for a currency other than the balance's.

    Args:
        project_id (str):
        body (ProjectBudgetUpdate):  Example: {'monthly_budget_minor': 500000, 'currency': 'USD'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | ProjectBudget
    """

    return sync_detailed(
        project_id=project_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    project_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: ProjectBudgetUpdate,
) -> Response[ErrorEnvelope | ProjectBudget]:
    """Set (or remove) a project's monthly budget

     From now on, creates that cost in the project are refused with `budget_exceeded`
    when the month's spend plus what is committed plus their own commitment would pass
    it; a lower budget stops nothing already running. Needs `project_admin` on the
    project or `tenant_admin`.

    Errors: `insufficient_permissions` (403); `project_not_found` (404);
    `validation_error` (422) for a currency other than the balance's.

    Args:
        project_id (str):
        body (ProjectBudgetUpdate):  Example: {'monthly_budget_minor': 500000, 'currency': 'USD'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | ProjectBudget]
    """

    kwargs = _get_kwargs(
        project_id=project_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    project_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: ProjectBudgetUpdate,
) -> ErrorEnvelope | ProjectBudget | None:
    """Set (or remove) a project's monthly budget

     From now on, creates that cost in the project are refused with `budget_exceeded`
    when the month's spend plus what is committed plus their own commitment would pass
    it; a lower budget stops nothing already running. Needs `project_admin` on the
    project or `tenant_admin`.

    Errors: `insufficient_permissions` (403); `project_not_found` (404);
    `validation_error` (422) for a currency other than the balance's.

    Args:
        project_id (str):
        body (ProjectBudgetUpdate):  Example: {'monthly_budget_minor': 500000, 'currency': 'USD'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | ProjectBudget
    """

    return (
        await asyncio_detailed(
            project_id=project_id,
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
