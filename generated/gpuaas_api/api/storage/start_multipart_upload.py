from typing import Any

from ... import errors
from ...client import AuthenticatedClient, Client
from ...http_stack import httpx
from ...json_body import loads
from ...models.error_envelope import ErrorEnvelope
from ...models.multipart_upload import MultipartUpload
from ...models.multipart_upload_create import MultipartUploadCreate
from ...types import UNSET, Response, Unset, status_of


def _get_kwargs(
    *,
    body: MultipartUploadCreate,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/storage/uploads",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | MultipartUpload | None:
    if response.status_code == 201:
        response_201 = MultipartUpload.from_dict(loads(response.content))

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
) -> Response[ErrorEnvelope | MultipartUpload]:
    return Response(
        status_code=status_of(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: MultipartUploadCreate,
    idempotency_key: str | Unset = UNSET,
) -> Response[ErrorEnvelope | MultipartUpload]:
    """Start a multipart upload of a large file

     Declares the file's size and part size; the answer gives the number of parts
    to send with `uploadPart`, then `completeMultipartUpload` writes the file.
    `listUploadParts` tells which parts arrived, to resume after an interruption;
    `abortMultipartUpload` discards the upload.

    - `already_exists` (409): a file is at `path` and `overwrite` is false (checked
      again on completion), or a folder is at `path/`.
    - `quota_exceeded` (403): `size_bytes` would pass the tenant's storage quota.
    - `validation_error` (422): the file would need more than 10,000 parts.
    - `idempotency_conflict` (409): the Idempotency-Key was used with another body.

    Args:
        idempotency_key (str | Unset):
        body (MultipartUploadCreate):  Example: {'path': '/datasets/imagenet/train.parquet',
            'size_bytes': 734003200, 'part_size_bytes': 67108864, 'sha256':
            '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', 'overwrite': False}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | MultipartUpload]
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
    body: MultipartUploadCreate,
    idempotency_key: str | Unset = UNSET,
) -> ErrorEnvelope | MultipartUpload | None:
    """Start a multipart upload of a large file

     Declares the file's size and part size; the answer gives the number of parts
    to send with `uploadPart`, then `completeMultipartUpload` writes the file.
    `listUploadParts` tells which parts arrived, to resume after an interruption;
    `abortMultipartUpload` discards the upload.

    - `already_exists` (409): a file is at `path` and `overwrite` is false (checked
      again on completion), or a folder is at `path/`.
    - `quota_exceeded` (403): `size_bytes` would pass the tenant's storage quota.
    - `validation_error` (422): the file would need more than 10,000 parts.
    - `idempotency_conflict` (409): the Idempotency-Key was used with another body.

    Args:
        idempotency_key (str | Unset):
        body (MultipartUploadCreate):  Example: {'path': '/datasets/imagenet/train.parquet',
            'size_bytes': 734003200, 'part_size_bytes': 67108864, 'sha256':
            '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', 'overwrite': False}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | MultipartUpload
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: MultipartUploadCreate,
    idempotency_key: str | Unset = UNSET,
) -> Response[ErrorEnvelope | MultipartUpload]:
    """Start a multipart upload of a large file

     Declares the file's size and part size; the answer gives the number of parts
    to send with `uploadPart`, then `completeMultipartUpload` writes the file.
    `listUploadParts` tells which parts arrived, to resume after an interruption;
    `abortMultipartUpload` discards the upload.

    - `already_exists` (409): a file is at `path` and `overwrite` is false (checked
      again on completion), or a folder is at `path/`.
    - `quota_exceeded` (403): `size_bytes` would pass the tenant's storage quota.
    - `validation_error` (422): the file would need more than 10,000 parts.
    - `idempotency_conflict` (409): the Idempotency-Key was used with another body.

    Args:
        idempotency_key (str | Unset):
        body (MultipartUploadCreate):  Example: {'path': '/datasets/imagenet/train.parquet',
            'size_bytes': 734003200, 'part_size_bytes': 67108864, 'sha256':
            '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', 'overwrite': False}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | MultipartUpload]
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
    body: MultipartUploadCreate,
    idempotency_key: str | Unset = UNSET,
) -> ErrorEnvelope | MultipartUpload | None:
    """Start a multipart upload of a large file

     Declares the file's size and part size; the answer gives the number of parts
    to send with `uploadPart`, then `completeMultipartUpload` writes the file.
    `listUploadParts` tells which parts arrived, to resume after an interruption;
    `abortMultipartUpload` discards the upload.

    - `already_exists` (409): a file is at `path` and `overwrite` is false (checked
      again on completion), or a folder is at `path/`.
    - `quota_exceeded` (403): `size_bytes` would pass the tenant's storage quota.
    - `validation_error` (422): the file would need more than 10,000 parts.
    - `idempotency_conflict` (409): the Idempotency-Key was used with another body.

    Args:
        idempotency_key (str | Unset):
        body (MultipartUploadCreate):  Example: {'path': '/datasets/imagenet/train.parquet',
            'size_bytes': 734003200, 'part_size_bytes': 67108864, 'sha256':
            '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', 'overwrite': False}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | MultipartUpload
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
