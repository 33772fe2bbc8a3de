from typing import Any

from ... import errors
from ...client import AuthenticatedClient, Client
from ...http_stack import httpx
from ...json_body import loads
from ...models.error_envelope import ErrorEnvelope
from ...models.storage_object import StorageObject
from ...models.storage_rename import StorageRename
from ...types import UNSET, Response, Unset, status_of


def _get_kwargs(
    *,
    body: StorageRename,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/storage/rename",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | StorageObject | None:
    if response.status_code == 200:
        response_200 = StorageObject.from_dict(loads(response.content))

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
) -> Response[ErrorEnvelope | StorageObject]:
    return Response(
        status_code=status_of(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: StorageRename,
    idempotency_key: str | Unset = UNSET,
) -> Response[ErrorEnvelope | StorageObject]:
    """Move a file or folder to a new path

     A folder moves with everything under it; missing parent folders of `to_path`
    are created.

    - `object_not_found` (404): nothing is at `from_path`.
    - `already_exists` (409): something is at `to_path` and `overwrite` is false,
      or a folder is there (never replaced).
    - `validation_error` (422): `to_path` is not of the same kind as `from_path`
      (folder paths end with `/`), or a folder would move inside itself.
    - `idempotency_conflict` (409): the Idempotency-Key was used with another body.

    Args:
        idempotency_key (str | Unset):
        body (StorageRename):  Example: {'from_path': '/datasets/imagenet/train.parquet',
            'to_path': '/datasets/imagenet/v2/train.parquet', 'overwrite': False}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | StorageObject]
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
    body: StorageRename,
    idempotency_key: str | Unset = UNSET,
) -> ErrorEnvelope | StorageObject | None:
    """Move a file or folder to a new path

     A folder moves with everything under it; missing parent folders of `to_path`
    are created.

    - `object_not_found` (404): nothing is at `from_path`.
    - `already_exists` (409): something is at `to_path` and `overwrite` is false,
      or a folder is there (never replaced).
    - `validation_error` (422): `to_path` is not of the same kind as `from_path`
      (folder paths end with `/`), or a folder would move inside itself.
    - `idempotency_conflict` (409): the Idempotency-Key was used with another body.

    Args:
        idempotency_key (str | Unset):
        body (StorageRename):  Example: {'from_path': '/datasets/imagenet/train.parquet',
            'to_path': '/datasets/imagenet/v2/train.parquet', 'overwrite': False}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | StorageObject
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: StorageRename,
    idempotency_key: str | Unset = UNSET,
) -> Response[ErrorEnvelope | StorageObject]:
    """Move a file or folder to a new path

     A folder moves with everything under it; missing parent folders of `to_path`
    are created.

    - `object_not_found` (404): nothing is at `from_path`.
    - `already_exists` (409): something is at `to_path` and `overwrite` is false,
      or a folder is there (never replaced).
    - `validation_error` (422): `to_path` is not of the same kind as `from_path`
      (folder paths end with `/`), or a folder would move inside itself.
    - `idempotency_conflict` (409): the Idempotency-Key was used with another body.

    Args:
        idempotency_key (str | Unset):
        body (StorageRename):  Example: {'from_path': '/datasets/imagenet/train.parquet',
            'to_path': '/datasets/imagenet/v2/train.parquet', 'overwrite': False}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | StorageObject]
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
    body: StorageRename,
    idempotency_key: str | Unset = UNSET,
) -> ErrorEnvelope | StorageObject | None:
    """Move a file or folder to a new path

     A folder moves with everything under it; missing parent folders of `to_path`
    are created.

    - `object_not_found` (404): nothing is at `from_path`.
    - `already_exists` (409): something is at `to_path` and `overwrite` is false,
      or a folder is there (never replaced).
    - `validation_error` (422): `to_path` is not of the same kind as `from_path`
      (folder paths end with `/`), or a folder would move inside itself.
    - `idempotency_conflict` (409): the Idempotency-Key was used with another body.

    Args:
        idempotency_key (str | Unset):
        body (StorageRename):  Example: {'from_path': '/datasets/imagenet/train.parquet',
            'to_path': '/datasets/imagenet/v2/train.parquet', 'overwrite': False}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | StorageObject
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
