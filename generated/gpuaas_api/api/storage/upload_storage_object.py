from typing import Any

from ... import errors
from ...client import AuthenticatedClient, Client
from ...http_stack import httpx
from ...json_body import loads
from ...models.error_envelope import ErrorEnvelope
from ...models.storage_object import StorageObject
from ...types import UNSET, File, Response, Unset, status_of


def _get_kwargs(
    *,
    body: File,
    overwrite: bool | Unset = False,
    path: str,
    x_content_sha256: str,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["X-Content-SHA256"] = x_content_sha256

    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    params: dict[str, Any] = {}

    params["overwrite"] = overwrite

    params["path"] = path

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/v1/storage/object/content",
        "params": params,
    }

    _kwargs["content"] = body.payload
    headers["Content-Type"] = "application/octet-stream"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | StorageObject | None:
    if response.status_code == 201:
        response_201 = StorageObject.from_dict(loads(response.content))

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

    if response.status_code == 409:
        response_409 = ErrorEnvelope.from_dict(loads(response.content))

        return response_409

    if response.status_code == 413:
        response_413 = ErrorEnvelope.from_dict(loads(response.content))

        return response_413

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
    body: File,
    overwrite: bool | Unset = False,
    path: str,
    x_content_sha256: str,
    idempotency_key: str | Unset = UNSET,
) -> Response[ErrorEnvelope | StorageObject]:
    """Upload a file of up to 64 MiB in one request

     Writes the body as the file at `path`, creating missing parent folders. The
    platform verifies the body against `X-Content-SHA256` and stores nothing
    when they differ (`checksum_mismatch`, 422).

    - `payload_too_large` (413): the body exceeds 64 MiB; use a multipart upload
      (`startMultipartUpload`).
    - `already_exists` (409): a file is at `path` and `overwrite` is false, or a
      folder is at `path/` or a file at one of its parent folders' paths.
    - `quota_exceeded` (403): the tenant's storage quota would be passed.
    - `idempotency_conflict` (409): the Idempotency-Key was used with another body.

    Args:
        overwrite (bool | Unset):  Default: False.
        path (str):
        x_content_sha256 (str):
        idempotency_key (str | Unset):
        body (File):  Example: label,path
            0,n01440764/0001.jpeg
            .

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | StorageObject]
    """

    kwargs = _get_kwargs(
        body=body,
        overwrite=overwrite,
        path=path,
        x_content_sha256=x_content_sha256,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: File,
    overwrite: bool | Unset = False,
    path: str,
    x_content_sha256: str,
    idempotency_key: str | Unset = UNSET,
) -> ErrorEnvelope | StorageObject | None:
    """Upload a file of up to 64 MiB in one request

     Writes the body as the file at `path`, creating missing parent folders. The
    platform verifies the body against `X-Content-SHA256` and stores nothing
    when they differ (`checksum_mismatch`, 422).

    - `payload_too_large` (413): the body exceeds 64 MiB; use a multipart upload
      (`startMultipartUpload`).
    - `already_exists` (409): a file is at `path` and `overwrite` is false, or a
      folder is at `path/` or a file at one of its parent folders' paths.
    - `quota_exceeded` (403): the tenant's storage quota would be passed.
    - `idempotency_conflict` (409): the Idempotency-Key was used with another body.

    Args:
        overwrite (bool | Unset):  Default: False.
        path (str):
        x_content_sha256 (str):
        idempotency_key (str | Unset):
        body (File):  Example: label,path
            0,n01440764/0001.jpeg
            .

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | StorageObject
    """

    return sync_detailed(
        client=client,
        body=body,
        overwrite=overwrite,
        path=path,
        x_content_sha256=x_content_sha256,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: File,
    overwrite: bool | Unset = False,
    path: str,
    x_content_sha256: str,
    idempotency_key: str | Unset = UNSET,
) -> Response[ErrorEnvelope | StorageObject]:
    """Upload a file of up to 64 MiB in one request

     Writes the body as the file at `path`, creating missing parent folders. The
    platform verifies the body against `X-Content-SHA256` and stores nothing
    when they differ (`checksum_mismatch`, 422).

    - `payload_too_large` (413): the body exceeds 64 MiB; use a multipart upload
      (`startMultipartUpload`).
    - `already_exists` (409): a file is at `path` and `overwrite` is false, or a
      folder is at `path/` or a file at one of its parent folders' paths.
    - `quota_exceeded` (403): the tenant's storage quota would be passed.
    - `idempotency_conflict` (409): the Idempotency-Key was used with another body.

    Args:
        overwrite (bool | Unset):  Default: False.
        path (str):
        x_content_sha256 (str):
        idempotency_key (str | Unset):
        body (File):  Example: label,path
            0,n01440764/0001.jpeg
            .

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | StorageObject]
    """

    kwargs = _get_kwargs(
        body=body,
        overwrite=overwrite,
        path=path,
        x_content_sha256=x_content_sha256,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: File,
    overwrite: bool | Unset = False,
    path: str,
    x_content_sha256: str,
    idempotency_key: str | Unset = UNSET,
) -> ErrorEnvelope | StorageObject | None:
    """Upload a file of up to 64 MiB in one request

     Writes the body as the file at `path`, creating missing parent folders. The
    platform verifies the body against `X-Content-SHA256` and stores nothing
    when they differ (`checksum_mismatch`, 422).

    - `payload_too_large` (413): the body exceeds 64 MiB; use a multipart upload
      (`startMultipartUpload`).
    - `already_exists` (409): a file is at `path` and `overwrite` is false, or a
      folder is at `path/` or a file at one of its parent folders' paths.
    - `quota_exceeded` (403): the tenant's storage quota would be passed.
    - `idempotency_conflict` (409): the Idempotency-Key was used with another body.

    Args:
        overwrite (bool | Unset):  Default: False.
        path (str):
        x_content_sha256 (str):
        idempotency_key (str | Unset):
        body (File):  Example: label,path
            0,n01440764/0001.jpeg
            .

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
            overwrite=overwrite,
            path=path,
            x_content_sha256=x_content_sha256,
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
