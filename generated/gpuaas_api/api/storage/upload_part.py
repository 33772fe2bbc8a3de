from typing import Any
from urllib.parse import quote

from ... import errors
from ...client import AuthenticatedClient, Client
from ...http_stack import httpx
from ...json_body import loads
from ...models.error_envelope import ErrorEnvelope
from ...models.multipart_upload_part import MultipartUploadPart
from ...types import File, Response, status_of


def _get_kwargs(
    upload_id: str,
    part_number: int,
    *,
    body: File,
    x_content_sha256: str,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["X-Content-SHA256"] = x_content_sha256

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/v1/storage/uploads/{upload_id}/parts/{part_number}".format(
            upload_id=quote(str(upload_id), safe=""),
            part_number=quote(str(part_number), safe=""),
        ),
    }

    _kwargs["content"] = body.payload
    headers["Content-Type"] = "application/octet-stream"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | MultipartUploadPart | None:
    if response.status_code == 200:
        response_200 = MultipartUploadPart.from_dict(loads(response.content))

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
) -> Response[ErrorEnvelope | MultipartUploadPart]:
    return Response(
        status_code=status_of(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    upload_id: str,
    part_number: int,
    *,
    client: AuthenticatedClient | Client,
    body: File,
    x_content_sha256: str,
) -> Response[ErrorEnvelope | MultipartUploadPart]:
    """Send one part of a multipart upload

     Parts may be sent in any order and in parallel; sending a part again replaces
    it. Every part but the last must hold exactly `part_size_bytes` bytes.

    - `checksum_mismatch` (422): the body does not match `X-Content-SHA256`; the
      part is not stored.
    - `validation_error` (422): `part_number` is above the upload's `part_count`,
      or the body has the wrong size for this part.
    - `upload_not_found` (404): the upload was completed, aborted, expired or never
      started.

    Args:
        upload_id (str):
        part_number (int):
        x_content_sha256 (str):
        body (File):  Example: label,path
            0,n01440764/0001.jpeg
            .

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | MultipartUploadPart]
    """

    kwargs = _get_kwargs(
        upload_id=upload_id,
        part_number=part_number,
        body=body,
        x_content_sha256=x_content_sha256,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    upload_id: str,
    part_number: int,
    *,
    client: AuthenticatedClient | Client,
    body: File,
    x_content_sha256: str,
) -> ErrorEnvelope | MultipartUploadPart | None:
    """Send one part of a multipart upload

     Parts may be sent in any order and in parallel; sending a part again replaces
    it. Every part but the last must hold exactly `part_size_bytes` bytes.

    - `checksum_mismatch` (422): the body does not match `X-Content-SHA256`; the
      part is not stored.
    - `validation_error` (422): `part_number` is above the upload's `part_count`,
      or the body has the wrong size for this part.
    - `upload_not_found` (404): the upload was completed, aborted, expired or never
      started.

    Args:
        upload_id (str):
        part_number (int):
        x_content_sha256 (str):
        body (File):  Example: label,path
            0,n01440764/0001.jpeg
            .

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | MultipartUploadPart
    """

    return sync_detailed(
        upload_id=upload_id,
        part_number=part_number,
        client=client,
        body=body,
        x_content_sha256=x_content_sha256,
    ).parsed


async def asyncio_detailed(
    upload_id: str,
    part_number: int,
    *,
    client: AuthenticatedClient | Client,
    body: File,
    x_content_sha256: str,
) -> Response[ErrorEnvelope | MultipartUploadPart]:
    """Send one part of a multipart upload

     Parts may be sent in any order and in parallel; sending a part again replaces
    it. Every part but the last must hold exactly `part_size_bytes` bytes.

    - `checksum_mismatch` (422): the body does not match `X-Content-SHA256`; the
      part is not stored.
    - `validation_error` (422): `part_number` is above the upload's `part_count`,
      or the body has the wrong size for this part.
    - `upload_not_found` (404): the upload was completed, aborted, expired or never
      started.

    Args:
        upload_id (str):
        part_number (int):
        x_content_sha256 (str):
        body (File):  Example: label,path
            0,n01440764/0001.jpeg
            .

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | MultipartUploadPart]
    """

    kwargs = _get_kwargs(
        upload_id=upload_id,
        part_number=part_number,
        body=body,
        x_content_sha256=x_content_sha256,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    upload_id: str,
    part_number: int,
    *,
    client: AuthenticatedClient | Client,
    body: File,
    x_content_sha256: str,
) -> ErrorEnvelope | MultipartUploadPart | None:
    """Send one part of a multipart upload

     Parts may be sent in any order and in parallel; sending a part again replaces
    it. Every part but the last must hold exactly `part_size_bytes` bytes.

    - `checksum_mismatch` (422): the body does not match `X-Content-SHA256`; the
      part is not stored.
    - `validation_error` (422): `part_number` is above the upload's `part_count`,
      or the body has the wrong size for this part.
    - `upload_not_found` (404): the upload was completed, aborted, expired or never
      started.

    Args:
        upload_id (str):
        part_number (int):
        x_content_sha256 (str):
        body (File):  Example: label,path
            0,n01440764/0001.jpeg
            .

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | MultipartUploadPart
    """

    return (
        await asyncio_detailed(
            upload_id=upload_id,
            part_number=part_number,
            client=client,
            body=body,
            x_content_sha256=x_content_sha256,
        )
    ).parsed


# Public names for code that sends the request itself (the SDK's facade runs every call
# through its own runner, with per-call options): the keyword arguments of
# `httpx.Client.build_request` for this operation, the typed answer of a response, and
# its parsed value alone (from the status and the body: the headers are not read).
request_kwargs = _get_kwargs
parse_response = _build_response
parse = _parse_response
