from typing import Any, Literal

from ... import errors
from ...client import AuthenticatedClient, Client
from ...http_stack import httpx
from ...json_body import loads
from ...models.error_envelope import ErrorEnvelope
from ...models.storage_object_page import StorageObjectPage
from ...types import UNSET, Response, Unset, status_of


def _get_kwargs(
    *,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
    prefix: str | Unset = "/",
    delimiter: Literal["/"] | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["limit"] = limit

    params["cursor"] = cursor

    params["prefix"] = prefix

    params["delimiter"] = delimiter

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/storage/objects",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | StorageObjectPage | None:
    if response.status_code == 200:
        response_200 = StorageObjectPage.from_dict(loads(response.content))

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

    if response.status_code == 429:
        response_429 = ErrorEnvelope.from_dict(loads(response.content))

        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorEnvelope | StorageObjectPage]:
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
    prefix: str | Unset = "/",
    delimiter: Literal["/"] | Unset = UNSET,
) -> Response[ErrorEnvelope | StorageObjectPage]:
    """List files and folders whose path starts with a prefix

     Objects are ordered by `path`. Without `delimiter`, every file and folder under
    `prefix` is listed, at any depth; with `delimiter=/`, only those one level
    below it (the folder's direct children when `prefix` is a folder path). A
    prefix matching nothing answers an empty page.

    Args:
        limit (int | Unset):  Default: 50.
        cursor (str | Unset):
        prefix (str | Unset):  Default: '/'.
        delimiter (Literal['/'] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | StorageObjectPage]
    """

    kwargs = _get_kwargs(
        limit=limit,
        cursor=cursor,
        prefix=prefix,
        delimiter=delimiter,
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
    prefix: str | Unset = "/",
    delimiter: Literal["/"] | Unset = UNSET,
) -> ErrorEnvelope | StorageObjectPage | None:
    """List files and folders whose path starts with a prefix

     Objects are ordered by `path`. Without `delimiter`, every file and folder under
    `prefix` is listed, at any depth; with `delimiter=/`, only those one level
    below it (the folder's direct children when `prefix` is a folder path). A
    prefix matching nothing answers an empty page.

    Args:
        limit (int | Unset):  Default: 50.
        cursor (str | Unset):
        prefix (str | Unset):  Default: '/'.
        delimiter (Literal['/'] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | StorageObjectPage
    """

    return sync_detailed(
        client=client,
        limit=limit,
        cursor=cursor,
        prefix=prefix,
        delimiter=delimiter,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
    prefix: str | Unset = "/",
    delimiter: Literal["/"] | Unset = UNSET,
) -> Response[ErrorEnvelope | StorageObjectPage]:
    """List files and folders whose path starts with a prefix

     Objects are ordered by `path`. Without `delimiter`, every file and folder under
    `prefix` is listed, at any depth; with `delimiter=/`, only those one level
    below it (the folder's direct children when `prefix` is a folder path). A
    prefix matching nothing answers an empty page.

    Args:
        limit (int | Unset):  Default: 50.
        cursor (str | Unset):
        prefix (str | Unset):  Default: '/'.
        delimiter (Literal['/'] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | StorageObjectPage]
    """

    kwargs = _get_kwargs(
        limit=limit,
        cursor=cursor,
        prefix=prefix,
        delimiter=delimiter,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
    prefix: str | Unset = "/",
    delimiter: Literal["/"] | Unset = UNSET,
) -> ErrorEnvelope | StorageObjectPage | None:
    """List files and folders whose path starts with a prefix

     Objects are ordered by `path`. Without `delimiter`, every file and folder under
    `prefix` is listed, at any depth; with `delimiter=/`, only those one level
    below it (the folder's direct children when `prefix` is a folder path). A
    prefix matching nothing answers an empty page.

    Args:
        limit (int | Unset):  Default: 50.
        cursor (str | Unset):
        prefix (str | Unset):  Default: '/'.
        delimiter (Literal['/'] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | StorageObjectPage
    """

    return (
        await asyncio_detailed(
            client=client,
            limit=limit,
            cursor=cursor,
            prefix=prefix,
            delimiter=delimiter,
        )
    ).parsed


# Public names for code that sends the request itself (the SDK's facade runs every call
# through its own runner, with per-call options): the keyword arguments of
# `httpx.Client.build_request` for this operation, the typed answer of a response, and
# its parsed value alone (from the status and the body: the headers are not read).
request_kwargs = _get_kwargs
parse_response = _build_response
parse = _parse_response
