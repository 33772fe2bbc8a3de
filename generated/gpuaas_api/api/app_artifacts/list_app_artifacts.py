from typing import Any
from urllib.parse import quote

from ... import errors
from ...client import AuthenticatedClient, Client
from ...http_stack import httpx
from ...json_body import loads
from ...models.app_artifact_page import AppArtifactPage
from ...models.app_channel import AppChannel
from ...models.error_envelope import ErrorEnvelope
from ...types import UNSET, Response, Unset, status_of


def _get_kwargs(
    app_slug: str,
    *,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
    channel: AppChannel | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["limit"] = limit

    params["cursor"] = cursor

    json_channel: str | Unset = UNSET
    if not isinstance(channel, Unset):
        json_channel = channel.value

    params["channel"] = json_channel

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/apps/{app_slug}/artifacts".format(
            app_slug=quote(str(app_slug), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AppArtifactPage | ErrorEnvelope | None:
    if response.status_code == 200:
        response_200 = AppArtifactPage.from_dict(loads(response.content))

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
) -> Response[AppArtifactPage | ErrorEnvelope]:
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
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
    channel: AppChannel | Unset = UNSET,
) -> Response[AppArtifactPage | ErrorEnvelope]:
    """List the build artifacts of an app, newest first

     An unknown slug is refused with `app_not_found`.

    Args:
        app_slug (str):
        limit (int | Unset):  Default: 50.
        cursor (str | Unset):
        channel (AppChannel | Unset): Release channel of an app's artifacts; each channel points
            at one artifact at a time.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AppArtifactPage | ErrorEnvelope]
    """

    kwargs = _get_kwargs(
        app_slug=app_slug,
        limit=limit,
        cursor=cursor,
        channel=channel,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    app_slug: str,
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
    channel: AppChannel | Unset = UNSET,
) -> AppArtifactPage | ErrorEnvelope | None:
    """List the build artifacts of an app, newest first

     An unknown slug is refused with `app_not_found`.

    Args:
        app_slug (str):
        limit (int | Unset):  Default: 50.
        cursor (str | Unset):
        channel (AppChannel | Unset): Release channel of an app's artifacts; each channel points
            at one artifact at a time.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AppArtifactPage | ErrorEnvelope
    """

    return sync_detailed(
        app_slug=app_slug,
        client=client,
        limit=limit,
        cursor=cursor,
        channel=channel,
    ).parsed


async def asyncio_detailed(
    app_slug: str,
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
    channel: AppChannel | Unset = UNSET,
) -> Response[AppArtifactPage | ErrorEnvelope]:
    """List the build artifacts of an app, newest first

     An unknown slug is refused with `app_not_found`.

    Args:
        app_slug (str):
        limit (int | Unset):  Default: 50.
        cursor (str | Unset):
        channel (AppChannel | Unset): Release channel of an app's artifacts; each channel points
            at one artifact at a time.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AppArtifactPage | ErrorEnvelope]
    """

    kwargs = _get_kwargs(
        app_slug=app_slug,
        limit=limit,
        cursor=cursor,
        channel=channel,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    app_slug: str,
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
    channel: AppChannel | Unset = UNSET,
) -> AppArtifactPage | ErrorEnvelope | None:
    """List the build artifacts of an app, newest first

     An unknown slug is refused with `app_not_found`.

    Args:
        app_slug (str):
        limit (int | Unset):  Default: 50.
        cursor (str | Unset):
        channel (AppChannel | Unset): Release channel of an app's artifacts; each channel points
            at one artifact at a time.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AppArtifactPage | ErrorEnvelope
    """

    return (
        await asyncio_detailed(
            app_slug=app_slug,
            client=client,
            limit=limit,
            cursor=cursor,
            channel=channel,
        )
    ).parsed


# Public names for code that sends the request itself (the SDK's facade runs every call
# through its own runner, with per-call options): the keyword arguments of
# `httpx.Client.build_request` for this operation, the typed answer of a response, and
# its parsed value alone (from the status and the body: the headers are not read).
request_kwargs = _get_kwargs
parse_response = _build_response
parse = _parse_response
