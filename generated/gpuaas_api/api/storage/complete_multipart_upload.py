from typing import Any
from urllib.parse import quote

from ... import errors
from ...client import AuthenticatedClient, Client
from ...http_stack import httpx
from ...json_body import loads
from ...models.error_envelope import ErrorEnvelope
from ...models.multipart_upload_complete import MultipartUploadComplete
from ...models.storage_object import StorageObject
from ...types import UNSET, Response, Unset, status_of


def _get_kwargs(
    upload_id: str,
    *,
    body: MultipartUploadComplete,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/storage/uploads/{upload_id}/complete".format(
            upload_id=quote(str(upload_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

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
    upload_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: MultipartUploadComplete,
    idempotency_key: str | Unset = UNSET,
) -> Response[ErrorEnvelope | StorageObject]:
    """Assemble the parts into the file

     Writes the file at the upload's `path` from parts 1 to `part_count` and ends
    the upload.

    - `upload_incomplete` (409): parts are missing; `details.missing_parts` lists
      their numbers.
    - `checksum_mismatch` (422): a listed `sha256` differs from the part received
      (`details.part_number`), or the assembled file differs from the `sha256`
      declared at the start.
    - `already_exists` (409): a file appeared at `path` and the upload did not ask
      to overwrite.
    - `upload_not_found` (404): the upload was aborted, expired or never started
      (or completed, unless this is a replay of the same Idempotency-Key, which
      returns the original file entry).
    - `quota_exceeded` (403): the tenant's storage quota would be passed.
    - `idempotency_conflict` (409): the Idempotency-Key was used with another body.

    Args:
        upload_id (str):
        idempotency_key (str | Unset):
        body (MultipartUploadComplete):  Example: {'parts': [{'part_number': 1, 'sha256':
            '3a6eb0790f39ac87c94f3856b2dd2c5d110e6811602261a9a923d3bb23adc8b7'}, {'part_number': 2,
            'sha256': '2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881'}]}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | StorageObject]
    """

    kwargs = _get_kwargs(
        upload_id=upload_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    upload_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: MultipartUploadComplete,
    idempotency_key: str | Unset = UNSET,
) -> ErrorEnvelope | StorageObject | None:
    """Assemble the parts into the file

     Writes the file at the upload's `path` from parts 1 to `part_count` and ends
    the upload.

    - `upload_incomplete` (409): parts are missing; `details.missing_parts` lists
      their numbers.
    - `checksum_mismatch` (422): a listed `sha256` differs from the part received
      (`details.part_number`), or the assembled file differs from the `sha256`
      declared at the start.
    - `already_exists` (409): a file appeared at `path` and the upload did not ask
      to overwrite.
    - `upload_not_found` (404): the upload was aborted, expired or never started
      (or completed, unless this is a replay of the same Idempotency-Key, which
      returns the original file entry).
    - `quota_exceeded` (403): the tenant's storage quota would be passed.
    - `idempotency_conflict` (409): the Idempotency-Key was used with another body.

    Args:
        upload_id (str):
        idempotency_key (str | Unset):
        body (MultipartUploadComplete):  Example: {'parts': [{'part_number': 1, 'sha256':
            '3a6eb0790f39ac87c94f3856b2dd2c5d110e6811602261a9a923d3bb23adc8b7'}, {'part_number': 2,
            'sha256': '2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881'}]}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | StorageObject
    """

    return sync_detailed(
        upload_id=upload_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    upload_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: MultipartUploadComplete,
    idempotency_key: str | Unset = UNSET,
) -> Response[ErrorEnvelope | StorageObject]:
    """Assemble the parts into the file

     Writes the file at the upload's `path` from parts 1 to `part_count` and ends
    the upload.

    - `upload_incomplete` (409): parts are missing; `details.missing_parts` lists
      their numbers.
    - `checksum_mismatch` (422): a listed `sha256` differs from the part received
      (`details.part_number`), or the assembled file differs from the `sha256`
      declared at the start.
    - `already_exists` (409): a file appeared at `path` and the upload did not ask
      to overwrite.
    - `upload_not_found` (404): the upload was aborted, expired or never started
      (or completed, unless this is a replay of the same Idempotency-Key, which
      returns the original file entry).
    - `quota_exceeded` (403): the tenant's storage quota would be passed.
    - `idempotency_conflict` (409): the Idempotency-Key was used with another body.

    Args:
        upload_id (str):
        idempotency_key (str | Unset):
        body (MultipartUploadComplete):  Example: {'parts': [{'part_number': 1, 'sha256':
            '3a6eb0790f39ac87c94f3856b2dd2c5d110e6811602261a9a923d3bb23adc8b7'}, {'part_number': 2,
            'sha256': '2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881'}]}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | StorageObject]
    """

    kwargs = _get_kwargs(
        upload_id=upload_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    upload_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: MultipartUploadComplete,
    idempotency_key: str | Unset = UNSET,
) -> ErrorEnvelope | StorageObject | None:
    """Assemble the parts into the file

     Writes the file at the upload's `path` from parts 1 to `part_count` and ends
    the upload.

    - `upload_incomplete` (409): parts are missing; `details.missing_parts` lists
      their numbers.
    - `checksum_mismatch` (422): a listed `sha256` differs from the part received
      (`details.part_number`), or the assembled file differs from the `sha256`
      declared at the start.
    - `already_exists` (409): a file appeared at `path` and the upload did not ask
      to overwrite.
    - `upload_not_found` (404): the upload was aborted, expired or never started
      (or completed, unless this is a replay of the same Idempotency-Key, which
      returns the original file entry).
    - `quota_exceeded` (403): the tenant's storage quota would be passed.
    - `idempotency_conflict` (409): the Idempotency-Key was used with another body.

    Args:
        upload_id (str):
        idempotency_key (str | Unset):
        body (MultipartUploadComplete):  Example: {'parts': [{'part_number': 1, 'sha256':
            '3a6eb0790f39ac87c94f3856b2dd2c5d110e6811602261a9a923d3bb23adc8b7'}, {'part_number': 2,
            'sha256': '2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881'}]}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | StorageObject
    """

    return (
        await asyncio_detailed(
            upload_id=upload_id,
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
