"""The storage operations a transfer is made of, as calls of the one runner."""

from __future__ import annotations

import io

from gpuaas_api.api.storage import (
    complete_multipart_upload,
    list_upload_parts,
    start_multipart_upload,
    upload_part,
    upload_storage_object,
)
from gpuaas_api.exceptions import ChecksumMismatch
from gpuaas_api.models import (
    CompletedUploadPart,
    MultipartUpload,
    MultipartUploadComplete,
    MultipartUploadCreate,
    MultipartUploadPart,
    MultipartUploadPartPage,
    StorageObject,
)
from gpuaas_api.types import File

from .._core.call import Call, unset_if_none
from .plan import PartRange, UploadPlan

# The bodies are empty here: the driver sends the file's bytes (`plan.with_file_body`).


def simple_upload(plan: UploadPlan, sha256: str, overwrite: bool) -> Call[StorageObject]:
    kwargs = {
        "body": File(payload=io.BytesIO()),
        "path": plan.remote_path,
        "overwrite": overwrite,
        "x_content_sha256": sha256,
    }
    return Call(upload_storage_object, kwargs, StorageObject)


def start(plan: UploadPlan, sha256: str, overwrite: bool) -> Call[MultipartUpload]:
    body = MultipartUploadCreate(
        path=plan.remote_path,
        size_bytes=plan.size,
        part_size_bytes=plan.part_size,
        sha256=sha256,
        overwrite=overwrite,
    )
    return Call(start_multipart_upload, {"body": body}, MultipartUpload)


def parts(upload_id: str, cursor: str | None) -> Call[MultipartUploadPartPage]:
    return Call(
        list_upload_parts,
        {"upload_id": upload_id, "cursor": unset_if_none(cursor), "limit": 200},
        MultipartUploadPartPage,
    )


def part(upload_id: str, part: PartRange, sha256: str) -> Call[MultipartUploadPart]:
    kwargs = {
        "upload_id": upload_id,
        "part_number": part.number,
        "body": File(payload=io.BytesIO()),
        "x_content_sha256": sha256,
    }
    return Call(upload_part, kwargs, MultipartUploadPart)


def complete(upload_id: str, hashes: dict[int, str]) -> Call[StorageObject]:
    body = MultipartUploadComplete(
        parts=[CompletedUploadPart(part_number=n, sha256=hashes[n]) for n in sorted(hashes)]
    )
    return Call(complete_multipart_upload, {"upload_id": upload_id, "body": body}, StorageObject)


def checked_part(received: MultipartUploadPart, sha256: str) -> tuple[int, str]:
    """The part's number and digest, once the server's digest is the one sent."""
    if received.sha256 != sha256:
        raise ChecksumMismatch(
            f"part {received.part_number} was received with another SHA-256",
            code="checksum_mismatch",
            details={"part_number": received.part_number},
        )
    return received.part_number, received.sha256
