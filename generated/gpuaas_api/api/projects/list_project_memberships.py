from typing import Any
from urllib.parse import quote

from ... import errors
from ...client import AuthenticatedClient, Client
from ...http_stack import httpx
from ...json_body import loads
from ...models.error_envelope import ErrorEnvelope
from ...models.principal_kind import PrincipalKind
from ...models.project_membership_page import ProjectMembershipPage
from ...types import UNSET, Response, Unset, status_of


def _get_kwargs(
    project_id: str,
    *,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
    principal_kind: PrincipalKind | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["limit"] = limit

    params["cursor"] = cursor

    json_principal_kind: str | Unset = UNSET
    if not isinstance(principal_kind, Unset):
        json_principal_kind = principal_kind.value

    params["principal_kind"] = json_principal_kind

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/projects/{project_id}/memberships".format(
            project_id=quote(str(project_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | ProjectMembershipPage | None:
    if response.status_code == 200:
        response_200 = ProjectMembershipPage.from_dict(loads(response.content))

        return response_200

    if response.status_code == 400:
        response_400 = ErrorEnvelope.from_dict(loads(response.content))

        return response_400

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
) -> Response[ErrorEnvelope | ProjectMembershipPage]:
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
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
    principal_kind: PrincipalKind | Unset = UNSET,
) -> Response[ErrorEnvelope | ProjectMembershipPage]:
    """List the principals that are members of a project, oldest first

     Errors: `project_not_found` (404).

    Args:
        project_id (str):
        limit (int | Unset):  Default: 50.
        cursor (str | Unset):
        principal_kind (PrincipalKind | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | ProjectMembershipPage]
    """

    kwargs = _get_kwargs(
        project_id=project_id,
        limit=limit,
        cursor=cursor,
        principal_kind=principal_kind,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    project_id: str,
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
    principal_kind: PrincipalKind | Unset = UNSET,
) -> ErrorEnvelope | ProjectMembershipPage | None:
    """List the principals that are members of a project, oldest first

     Errors: `project_not_found` (404).

    Args:
        project_id (str):
        limit (int | Unset):  Default: 50.
        cursor (str | Unset):
        principal_kind (PrincipalKind | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | ProjectMembershipPage
    """

    return sync_detailed(
        project_id=project_id,
        client=client,
        limit=limit,
        cursor=cursor,
        principal_kind=principal_kind,
    ).parsed


async def asyncio_detailed(
    project_id: str,
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
    principal_kind: PrincipalKind | Unset = UNSET,
) -> Response[ErrorEnvelope | ProjectMembershipPage]:
    """List the principals that are members of a project, oldest first

     Errors: `project_not_found` (404).

    Args:
        project_id (str):
        limit (int | Unset):  Default: 50.
        cursor (str | Unset):
        principal_kind (PrincipalKind | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | ProjectMembershipPage]
    """

    kwargs = _get_kwargs(
        project_id=project_id,
        limit=limit,
        cursor=cursor,
        principal_kind=principal_kind,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    project_id: str,
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
    principal_kind: PrincipalKind | Unset = UNSET,
) -> ErrorEnvelope | ProjectMembershipPage | None:
    """List the principals that are members of a project, oldest first

     Errors: `project_not_found` (404).

    Args:
        project_id (str):
        limit (int | Unset):  Default: 50.
        cursor (str | Unset):
        principal_kind (PrincipalKind | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | ProjectMembershipPage
    """

    return (
        await asyncio_detailed(
            project_id=project_id,
            client=client,
            limit=limit,
            cursor=cursor,
            principal_kind=principal_kind,
        )
    ).parsed


# Public names for code that sends the request itself (the SDK's facade runs every call
# through its own runner, with per-call options): the keyword arguments of
# `httpx.Client.build_request` for this operation, the typed answer of a response, and
# its parsed value alone (from the status and the body: the headers are not read).
request_kwargs = _get_kwargs
parse_response = _build_response
parse = _parse_response
