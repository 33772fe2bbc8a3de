"""`/v1/storage/*`: objects and folders, ranged downloads, simple and multipart uploads, usage.

Bodies are streamed to disk as they arrive and downloads are streamed from disk in
chunks, so no file is ever held in memory whole.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import AsyncIterator
from typing import Any

from starlette.requests import Request
from starlette.responses import Response, StreamingResponse

from ...platform.errors import ApiError
from ...platform.storage import MAX_SIMPLE_UPLOAD, BlobWriter, StoredObject
from ..pagination import page_of
from ..registry import Call, operation

DOWNLOAD_CHUNK = 64 * 1024
_RANGE = re.compile(r"bytes=(?:(\d+)-(\d*)|-(\d+))")


# -- request pieces -----------------------------------------------------------------


def _declared_length(request: Request) -> int | None:
    raw = request.headers.get("content-length")
    return int(raw) if raw is not None and raw.isdigit() else None


async def _receive(request: Request, writer: BlobWriter) -> str:
    """Stream the body into `writer`; its SHA-256. 413 past the writer's limit."""
    try:
        async for chunk in request.stream():
            writer.write(chunk)
    except OverflowError:
        writer.discard()
        raise _too_large(writer.limit) from None
    except BaseException:
        writer.discard()
        raise
    return writer.close()


def _too_large(limit: int) -> ApiError:
    return ApiError(
        "payload_too_large",
        f"The body is larger than {limit} bytes; use a multipart upload.",
        details={"limit_bytes": limit},
    )


def _check_sha(writer: BlobWriter, declared: str, actual: str, **details: Any) -> None:
    if declared != actual:
        writer.discard()
        raise ApiError(
            "checksum_mismatch",
            "The body does not match its X-Content-SHA256.",
            details={**details, "declared_sha256": declared, "received_sha256": actual},
        )


def object_cursor(after: str) -> str:
    raw = json.dumps({"k": "storage_objects", "after": after}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _after_path(cursor: str) -> str:
    try:
        data = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (binascii.Error, ValueError):
        data = None
    if not (
        isinstance(data, dict)
        and data.get("k") == "storage_objects"
        and isinstance(data.get("after"), str)
    ):
        raise ApiError(
            "invalid_request",
            "The cursor is not one this listing returned.",
            details={"parameter": "cursor"},
        )
    after: str = data["after"]
    return after


def _byte_range(header: str | None, size: int) -> tuple[int, int] | None:
    """`(first, last)` of a `Range` header against `size` bytes; None for the whole."""
    if header is None:
        return None
    match = _RANGE.fullmatch(header.strip())
    if match is None or (match[2] and int(match[2]) < int(match[1])):
        raise ApiError(
            "invalid_request",
            "The Range header must be one range: bytes=<first>-<last>, <first>- or -<suffix>.",
            details={"header": "Range"},
        )
    if match[3] is not None:
        first, last = size - min(int(match[3]), size), size - 1
        if int(match[3]) == 0:
            first = size
    else:
        first = int(match[1])
        last = min(int(match[2]), size - 1) if match[2] else size - 1
    if first >= size:
        raise ApiError(
            "range_not_satisfiable",
            f"The range starts past the end of the file ({size} bytes).",
            details={"size_bytes": size},
            headers={"Content-Range": f"bytes */{size}"},
        )
    return first, last


def _stream(obj: StoredObject, first: int, length: int) -> AsyncIterator[bytes]:
    assert obj.blob is not None
    # Opened now: a later overwrite or delete cannot change what this download reads.
    source = obj.blob.open("rb")

    async def chunks() -> AsyncIterator[bytes]:
        try:
            source.seek(first)
            remaining = length
            while remaining > 0:
                chunk = source.read(min(DOWNLOAD_CHUNK, remaining))
                if not chunk:
                    break
                remaining -= len(chunk)
                yield chunk
        finally:
            source.close()

    return chunks()


# -- handlers -----------------------------------------------------------------------


@operation("listStorageObjects")
def list_storage_objects(call: Call) -> dict[str, Any]:
    query = call.query
    found = call.sim.storage.listing(
        call.caller.tenant_id, query["prefix"], one_level=query.get("delimiter") is not None
    )
    if query.get("cursor") is not None:
        after = _after_path(query["cursor"])
        found = [o for o in found if o.path > after]
    limit = query["limit"]
    page, more = found[:limit], len(found) > limit
    return {
        "items": [o.to_json() for o in page],
        "next_cursor": object_cursor(page[-1].path) if more else None,
    }


@operation("statStorageObject")
def stat_storage_object(call: Call) -> dict[str, Any]:
    return call.sim.storage.stat(call.caller.tenant_id, call.query["path"]).to_json()


@operation("deleteStorageObject")
def delete_storage_object(call: Call) -> None:
    query = call.query
    call.sim.storage.delete(call.caller.tenant_id, query["path"], bool(query.get("recursive")))


@operation("downloadStorageObject")
def download_storage_object(call: Call) -> Response:
    obj = call.sim.storage.file(call.caller.tenant_id, call.query["path"])
    byte_range = _byte_range(call.headers.get("Range"), obj.size_bytes)
    assert obj.sha256 is not None
    headers = {
        "ETag": f'"{obj.sha256}"',
        "X-Content-SHA256": obj.sha256,
        "X-Content-CRC32": call.sim.storage.crc32(obj),
        "Accept-Ranges": "bytes",
    }
    if byte_range is None:
        first, length, status = 0, obj.size_bytes, 200
    else:
        first, last = byte_range
        length, status = last - first + 1, 206
        headers["Content-Range"] = f"bytes {first}-{last}/{obj.size_bytes}"
    headers["Content-Length"] = str(length)
    if call.request.method == "HEAD":
        return Response(status_code=status, headers=headers)
    return StreamingResponse(
        _stream(obj, first, length),
        status_code=status,
        headers=headers,
        media_type="application/octet-stream",
    )


@operation("uploadStorageObject")
async def upload_storage_object(call: Call) -> dict[str, Any]:
    sim, request = call.sim, call.request
    length = _declared_length(request)
    if length is not None and length > MAX_SIMPLE_UPLOAD:
        raise _too_large(MAX_SIMPLE_UPLOAD)
    writer = sim.storage.writer(MAX_SIMPLE_UPLOAD)
    actual = await _receive(request, writer)
    _check_sha(writer, call.headers["X-Content-SHA256"], actual)
    with sim.transaction():  # the bytes are in: now the entry, against the current state
        try:
            obj = sim.storage.put_file(
                call.caller.tenant_id,
                call.query["path"],
                writer.path,
                writer.size,
                actual,
                bool(call.query.get("overwrite")),
                crc32=writer.crc32,
            )
        except BaseException:
            writer.path.unlink(missing_ok=True)  # refused: the bytes are not kept
            raise
        return obj.to_json()


@operation("createStorageFolder")
def create_storage_folder(call: Call) -> dict[str, Any]:
    return call.sim.storage.mkdir(call.caller.tenant_id, call.body["path"]).to_json()


@operation("renameStorageObject")
def rename_storage_object(call: Call) -> dict[str, Any]:
    body = call.body
    obj = call.sim.storage.rename(
        call.caller.tenant_id, body["from_path"], body["to_path"], body["overwrite"]
    )
    return obj.to_json()


@operation("startMultipartUpload")
def start_multipart_upload(call: Call) -> dict[str, Any]:
    body = call.body
    upload = call.sim.storage.start_upload(
        call.caller.tenant_id,
        body["path"],
        body["size_bytes"],
        body["part_size_bytes"],
        body.get("sha256"),
        body["overwrite"],
    )
    return upload.to_json()


@operation("abortMultipartUpload")
def abort_multipart_upload(call: Call) -> None:
    call.sim.storage.abort_upload(call.caller.tenant_id, call.path["upload_id"])


@operation("listUploadParts")
def list_upload_parts(call: Call) -> dict[str, Any]:
    upload = call.sim.storage.upload(call.caller.tenant_id, call.path["upload_id"])
    return page_of(
        call.query,
        sorted(upload.parts.values(), key=lambda p: p.number),
        kind="upload_parts",
        position=lambda p: p.number,
        render=lambda p: p.to_json(),
    )


@operation("uploadPart")
async def upload_part(call: Call) -> dict[str, Any]:
    sim, request = call.sim, call.request
    tenant_id, upload_id = call.caller.tenant_id, call.path["upload_id"]
    number = call.path["part_number"]
    with sim.transaction(writes=False):
        upload = sim.storage.upload(tenant_id, upload_id)
        if number > upload.part_count:
            raise ApiError(
                "validation_error",
                f"This upload has {upload.part_count} parts; there is no part {number}.",
                details={"errors": [{"field": "part_number", "reason": "above part_count"}]},
            )
        expected = upload.expected_size(number)
    length = _declared_length(request)
    writer = sim.storage.writer(expected)
    try:
        if length is not None and length != expected:
            raise OverflowError(length)
        actual = await _receive(request, writer)
    except (OverflowError, ApiError):
        writer.discard()
        raise _wrong_size(number, expected) from None
    if writer.size != expected:
        writer.discard()
        raise _wrong_size(number, expected)
    _check_sha(writer, call.headers["X-Content-SHA256"], actual, part_number=number)
    with sim.transaction():
        try:
            part = sim.storage.put_part(
                tenant_id, upload_id, number, writer.path, writer.size, actual
            )
        except ApiError:
            writer.discard()  # the upload ended while the part was arriving
            raise
        return part.to_json()


@operation("completeMultipartUpload")
def complete_multipart_upload(call: Call) -> dict[str, Any]:
    listed = [(p["part_number"], p["sha256"]) for p in call.body["parts"]]
    obj = call.sim.storage.complete_upload(call.caller.tenant_id, call.path["upload_id"], listed)
    return obj.to_json()


@operation("getStorageUsage")
def get_storage_usage(call: Call) -> dict[str, Any]:
    return call.sim.storage.usage(call.caller.tenant_id)


def _wrong_size(number: int, expected: int) -> ApiError:
    return ApiError(
        "validation_error",
        f"Part {number} must hold exactly {expected} bytes.",
        details={"errors": [{"field": "body", "reason": f"must be {expected} bytes"}]},
    )
