from typing import Any

from ... import errors
from ...client import AuthenticatedClient, Client
from ...http_stack import httpx
from ...json_body import loads
from ...models.app_instance_page import AppInstancePage
from ...models.app_instance_status import AppInstanceStatus
from ...models.error_envelope import ErrorEnvelope
from ...types import UNSET, Response, Unset, status_of


def _get_kwargs(
    *,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
    app_slug: str | Unset = UNSET,
    status: AppInstanceStatus | Unset = UNSET,
    project_id: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["limit"] = limit

    params["cursor"] = cursor

    params["app_slug"] = app_slug

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status.value

    params["status"] = json_status

    params["project_id"] = project_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/app-instances",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AppInstancePage | ErrorEnvelope | None:
    if response.status_code == 200:
        response_200 = AppInstancePage.from_dict(loads(response.content))

        return response_200

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
) -> Response[AppInstancePage | ErrorEnvelope]:
    return Response(
        status_code=status_of(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
    app_slug: str | Unset = UNSET,
    status: AppInstanceStatus | Unset = UNSET,
    project_id: str | Unset = UNSET,
) -> Response[AppInstancePage | ErrorEnvelope]:
    """List the caller's app instances, newest first

    Args:
        limit (int | Unset):  Default: 50.
        cursor (str | Unset):
        app_slug (str | Unset):
        status (AppInstanceStatus | Unset): `pending → starting → running → stopping → stopped`; a
            stopped instance can be
            started again. `released` is final, and `failed` comes with a `failure_reason`.
            New states may be added; clients must tolerate them.
        project_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AppInstancePage | ErrorEnvelope]
    """

    kwargs = _get_kwargs(
        limit=limit,
        cursor=cursor,
        app_slug=app_slug,
        status=status,
        project_id=project_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
    app_slug: str | Unset = UNSET,
    status: AppInstanceStatus | Unset = UNSET,
    project_id: str | Unset = UNSET,
) -> AppInstancePage | ErrorEnvelope | None:
    """List the caller's app instances, newest first

    Args:
        limit (int | Unset):  Default: 50.
        cursor (str | Unset):
        app_slug (str | Unset):
        status (AppInstanceStatus | Unset): `pending → starting → running → stopping → stopped`; a
            stopped instance can be
            started again. `released` is final, and `failed` comes with a `failure_reason`.
            New states may be added; clients must tolerate them.
        project_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AppInstancePage | ErrorEnvelope
    """

    return sync_detailed(
        client=client,
        limit=limit,
        cursor=cursor,
        app_slug=app_slug,
        status=status,
        project_id=project_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
    app_slug: str | Unset = UNSET,
    status: AppInstanceStatus | Unset = UNSET,
    project_id: str | Unset = UNSET,
) -> Response[AppInstancePage | ErrorEnvelope]:
    """List the caller's app instances, newest first

    Args:
        limit (int | Unset):  Default: 50.
        cursor (str | Unset):
        app_slug (str | Unset):
        status (AppInstanceStatus | Unset): `pending → starting → running → stopping → stopped`; a
            stopped instance can be
            started again. `released` is final, and `failed` comes with a `failure_reason`.
            New states may be added; clients must tolerate them.
        project_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AppInstancePage | ErrorEnvelope]
    """

    kwargs = _get_kwargs(
        limit=limit,
        cursor=cursor,
        app_slug=app_slug,
        status=status,
        project_id=project_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
    app_slug: str | Unset = UNSET,
    status: AppInstanceStatus | Unset = UNSET,
    project_id: str | Unset = UNSET,
) -> AppInstancePage | ErrorEnvelope | None:
    """List the caller's app instances, newest first

    Args:
        limit (int | Unset):  Default: 50.
        cursor (str | Unset):
        app_slug (str | Unset):
        status (AppInstanceStatus | Unset): `pending → starting → running → stopping → stopped`; a
            stopped instance can be
            started again. `released` is final, and `failed` comes with a `failure_reason`.
            New states may be added; clients must tolerate them.
        project_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AppInstancePage | ErrorEnvelope
    """

    return (
        await asyncio_detailed(
            client=client,
            limit=limit,
            cursor=cursor,
            app_slug=app_slug,
            status=status,
            project_id=project_id,
        )
    ).parsed


# Public names for code that sends the request itself (the SDK's facade runs every call
# through its own runner, with per-call options): the keyword arguments of
# `httpx.Client.build_request` for this operation, the typed answer of a response, and
# its parsed value alone (from the status and the body: the headers are not read).
request_kwargs = _get_kwargs
parse_response = _build_response
parse = _parse_response
