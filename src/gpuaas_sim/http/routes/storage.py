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
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import Field, field_validator
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse
from starlette.routing import Route

from ...platform.errors import ApiError, JSONResponse
from ...platform.storage import MAX_SIMPLE_UPLOAD, BlobWriter, StoredObject
from ..pagination import paginate
from ..schemas import Body, JsonInt
from ..web import (
    authenticate,
    bool_param,
    endpoint,
    idempotent,
    json_body,
    page_params,
    query_param,
)

if TYPE_CHECKING:
    from ...simulator import Simulator

DOWNLOAD_CHUNK = 64 * 1024
_ANY_PATH = re.compile(r"(/[^/]+)+/?")
_FILE_PATH = re.compile(r"(/[^/]+)+")
_SHA256 = re.compile(r"[0-9a-f]{64}")
_RANGE = re.compile(r"bytes=(?:(\d+)-(\d*)|-(\d+))")
_PATTERN_FILE = r"^(/[^/]+)+$"
_PATTERN_ANY = r"^(/[^/]+)+/?$"


_Sha = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]


class FolderCreate(Body):
    path: Annotated[str, Field(min_length=2, max_length=1024, pattern=r"^(/[^/]+)+/$")]


class Rename(Body):
    from_path: Annotated[str, Field(min_length=2, max_length=1024, pattern=_PATTERN_ANY)]
    to_path: Annotated[str, Field(min_length=2, max_length=1024, pattern=_PATTERN_ANY)]
    overwrite: bool = False


class UploadCreate(Body):
    path: Annotated[str, Field(min_length=2, max_length=1024, pattern=_PATTERN_FILE)]
    size_bytes: Annotated[JsonInt, Field(ge=0, le=5497558138880)]
    part_size_bytes: Annotated[JsonInt, Field(ge=1048576, le=536870912)]
    sha256: _Sha | None = None
    overwrite: bool = False

    @field_validator("sha256", mode="before")
    @classmethod
    def _present_means_not_null(cls, value: Any) -> Any:
        # It may be left out, but the contract does not allow null.
        if value is None:
            raise ValueError("must not be null")
        return value


class CompletedPart(Body):
    part_number: Annotated[JsonInt, Field(ge=1, le=10000)]
    sha256: _Sha


class UploadComplete(Body):
    parts: Annotated[list[CompletedPart], Field(min_length=1, max_length=10000)]


# -- request pieces -----------------------------------------------------------------


def _path(request: Request, *, file_only: bool) -> str:
    value = query_param(request, "path", max_length=1024)
    pattern = _FILE_PATH if file_only else _ANY_PATH
    if value is None or len(value) < 2 or not pattern.fullmatch(value):
        kind = "a file path (`/a/b`)" if file_only else "a file or folder path (`/a/b`, `/a/`)"
        raise ApiError(
            "invalid_request",
            f"Query parameter `path` must be {kind}.",
            details={"parameter": "path", "reason": f"must be {kind}"},
        )
    return value


def _sha_header(request: Request) -> str:
    value = request.headers.get("x-content-sha256")
    if value is None or not _SHA256.fullmatch(value):
        raise ApiError(
            "invalid_request",
            "Header `X-Content-SHA256` must be the hex SHA-256 of the body.",
            details={"header": "X-Content-SHA256"},
        )
    return value


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


# -- routes -------------------------------------------------------------------------


def routes(sim: Simulator) -> list[Route]:
    def tenant(request: Request) -> str:
        return authenticate(request, sim).tenant_id

    async def list_objects(request: Request) -> Response:
        tenant_id = tenant(request)
        limit, cursor = page_params(request)
        prefix = query_param(request, "prefix", max_length=1024) or "/"
        if not prefix.startswith("/"):
            raise ApiError(
                "invalid_request",
                "Query parameter `prefix` must start with /.",
                details={"parameter": "prefix", "reason": "must start with /"},
            )
        delimiter = query_param(request, "delimiter", max_length=1, choices=frozenset({"/"}))
        found = sim.storage.listing(tenant_id, prefix, one_level=delimiter is not None)
        if cursor is not None:
            after = _after_path(cursor)
            found = [o for o in found if o.path > after]
        page = found[:limit]
        more = len(found) > limit
        return JSONResponse(
            {
                "items": [o.to_json() for o in page],
                "next_cursor": object_cursor(page[-1].path) if more else None,
            }
        )

    async def stat_object(request: Request) -> Response:
        tenant_id = tenant(request)
        return JSONResponse(sim.storage.stat(tenant_id, _path(request, file_only=False)).to_json())

    async def delete_object(request: Request) -> Response:
        tenant_id = tenant(request)
        path = _path(request, file_only=False)
        sim.storage.delete(tenant_id, path, bool(bool_param(request, "recursive")))
        return Response(status_code=204)

    async def download(request: Request) -> Response:
        tenant_id = tenant(request)
        obj = sim.storage.file(tenant_id, _path(request, file_only=True))
        byte_range = _byte_range(request.headers.get("range"), obj.size_bytes)
        assert obj.sha256 is not None
        headers = {
            "ETag": f'"{obj.sha256}"',
            "X-Content-SHA256": obj.sha256,
            "Accept-Ranges": "bytes",
        }
        if byte_range is None:
            first, length, status = 0, obj.size_bytes, 200
        else:
            first, last = byte_range
            length, status = last - first + 1, 206
            headers["Content-Range"] = f"bytes {first}-{last}/{obj.size_bytes}"
        headers["Content-Length"] = str(length)
        if request.method == "HEAD":
            return Response(status_code=status, headers=headers)
        return StreamingResponse(
            _stream(obj, first, length),
            status_code=status,
            headers=headers,
            media_type="application/octet-stream",
        )

    async def upload_object(request: Request) -> Response:
        principal = authenticate(request, sim)
        path = _path(request, file_only=True)
        overwrite = bool(bool_param(request, "overwrite"))
        declared = _sha_header(request)
        length = _declared_length(request)
        if length is not None and length > MAX_SIMPLE_UPLOAD:
            raise _too_large(MAX_SIMPLE_UPLOAD)
        writer = sim.storage.writer(MAX_SIMPLE_UPLOAD)
        actual = await _receive(request, writer)
        _check_sha(writer, declared, actual)
        fingerprint = {"path": path, "overwrite": overwrite, "sha256": actual}

        stored = False

        def run() -> tuple[int, Any]:
            nonlocal stored
            obj = sim.storage.put_file(
                principal.tenant_id, path, writer.path, writer.size, actual, overwrite
            )
            stored = True
            return 201, obj.to_json()

        try:
            return idempotent(request, sim, principal, fingerprint, run)
        finally:
            if not stored:  # refused, or a replay answered from the first request
                writer.path.unlink(missing_ok=True)

    async def create_folder(request: Request) -> Response:
        principal = authenticate(request, sim)
        body, raw = await json_body(request, FolderCreate)

        def run() -> tuple[int, Any]:
            return 201, sim.storage.mkdir(principal.tenant_id, body.path).to_json()

        return idempotent(request, sim, principal, raw, run)

    async def rename(request: Request) -> Response:
        principal = authenticate(request, sim)
        body, raw = await json_body(request, Rename)

        def run() -> tuple[int, Any]:
            obj = sim.storage.rename(
                principal.tenant_id, body.from_path, body.to_path, body.overwrite
            )
            return 200, obj.to_json()

        return idempotent(request, sim, principal, raw, run)

    async def start_upload(request: Request) -> Response:
        principal = authenticate(request, sim)
        body, raw = await json_body(request, UploadCreate)

        def run() -> tuple[int, Any]:
            upload = sim.storage.start_upload(
                principal.tenant_id,
                body.path,
                body.size_bytes,
                body.part_size_bytes,
                body.sha256,
                body.overwrite,
            )
            return 201, upload.to_json()

        return idempotent(request, sim, principal, raw, run)

    async def abort_upload(request: Request) -> Response:
        tenant_id = tenant(request)
        sim.storage.abort_upload(tenant_id, request.path_params["upload_id"])
        return Response(status_code=204)

    async def list_parts(request: Request) -> Response:
        tenant_id = tenant(request)
        limit, cursor = page_params(request)
        upload = sim.storage.upload(tenant_id, request.path_params["upload_id"])
        page = paginate(
            sorted(upload.parts.values(), key=lambda p: p.number),
            kind="upload_parts",
            position=lambda p: p.number,
            render=lambda p: p.to_json(),
            limit=limit,
            cursor=cursor,
        )
        return JSONResponse(page.to_json())

    async def upload_part(request: Request) -> Response:
        tenant_id = tenant(request)
        upload_id = request.path_params["upload_id"]
        raw_number = request.path_params["part_number"]
        if not (raw_number.isascii() and raw_number.isdigit() and 1 <= int(raw_number) <= 10000):
            raise ApiError(
                "invalid_request",
                "`part_number` must be an integer from 1 to 10000.",
                details={"parameter": "part_number"},
            )
        number = int(raw_number)
        declared = _sha_header(request)
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
        _check_sha(writer, declared, actual, part_number=number)
        try:
            part = sim.storage.put_part(
                tenant_id, upload_id, number, writer.path, writer.size, actual
            )
        except ApiError:
            writer.discard()  # the upload ended while the part was arriving
            raise
        return JSONResponse(part.to_json())

    async def complete_upload(request: Request) -> Response:
        principal = authenticate(request, sim)
        upload_id = request.path_params["upload_id"]
        body, raw = await json_body(request, UploadComplete)
        listed = [(p.part_number, p.sha256) for p in body.parts]

        def run() -> tuple[int, Any]:
            obj = sim.storage.complete_upload(principal.tenant_id, upload_id, listed)
            return 201, obj.to_json()

        return idempotent(request, sim, principal, raw, run)

    async def usage(request: Request) -> Response:
        return JSONResponse(sim.storage.usage(tenant(request)))

    return [
        endpoint("/v1/storage/objects", GET=list_objects),
        endpoint("/v1/storage/object", GET=stat_object, DELETE=delete_object),
        endpoint("/v1/storage/object/content", GET=download, PUT=upload_object),
        endpoint("/v1/storage/folders", POST=create_folder),
        endpoint("/v1/storage/rename", POST=rename),
        endpoint("/v1/storage/uploads", POST=start_upload),
        endpoint("/v1/storage/uploads/{upload_id}", DELETE=abort_upload),
        endpoint("/v1/storage/uploads/{upload_id}/parts", GET=list_parts),
        endpoint("/v1/storage/uploads/{upload_id}/parts/{part_number}", PUT=upload_part),
        endpoint("/v1/storage/uploads/{upload_id}/complete", POST=complete_upload),
        endpoint("/v1/storage/usage", GET=usage),
    ]


def _wrong_size(number: int, expected: int) -> ApiError:
    return ApiError(
        "validation_error",
        f"Part {number} must hold exactly {expected} bytes.",
        details={"errors": [{"field": "body", "reason": f"must be {expected} bytes"}]},
    )
