"""Platform storage: files' bytes on disk, their entries (and uploads in progress) in memory.

Every tenant has its own namespace of absolute paths; folder paths end with `/`.
Bytes are written once to a blob file and never changed (an overwrite writes a new
blob), so a download that opened a blob keeps reading the content it started with.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import time
import uuid
import weakref
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, BinaryIO

from ..runtime.clock import SimClock, format_time
from ..runtime.config import SimConfig
from ..runtime.state_codec import from_plain, to_plain
from .errors import ApiError

__all__ = [
    "MAX_PARTS",
    "MAX_SIMPLE_UPLOAD",
    "BlobWriter",
    "StorageStore",
    "StoredObject",
    "Upload",
    "parents_of",
]

MAX_SIMPLE_UPLOAD = 64 * 1024 * 1024
MAX_PARTS = 10_000
UPLOAD_TTL = timedelta(hours=24)
COPY_CHUNK = 1024 * 1024

_CONTENT_TYPES = {
    ".parquet": "application/vnd.apache.parquet",
    ".csv": "text/csv",
    ".json": "application/json",
    ".txt": "text/plain",
    ".tar": "application/x-tar",
    ".gz": "application/gzip",
    ".zip": "application/zip",
    ".npy": "application/octet-stream",
    ".pt": "application/octet-stream",
    ".safetensors": "application/octet-stream",
    ".jpeg": "image/jpeg",
    ".jpg": "image/jpeg",
    ".png": "image/png",
}


def parents_of(path: str) -> list[str]:
    """The folder paths above `path`, outermost first (`/a/b/c` -> `/a/`, `/a/b/`)."""
    parts = path.rstrip("/").split("/")[1:-1]
    return ["/" + "/".join(parts[: i + 1]) + "/" for i in range(len(parts))]


def is_folder_path(path: str) -> bool:
    return path.endswith("/")


def _content_type(path: str) -> str | None:
    return _CONTENT_TYPES.get(os.path.splitext(path)[1].lower())


@dataclass
class StoredObject:
    path: str
    modified_at: datetime
    size_bytes: int = 0
    sha256: str | None = None
    blob: Path | None = None
    crc32: str | None = None
    """Hex CRC-32 of a file's content; None in state saved before it was kept."""

    @property
    def is_folder(self) -> bool:
        return self.blob is None

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "kind": "folder" if self.is_folder else "file",
            "size_bytes": self.size_bytes,
            "modified_at": format_time(self.modified_at),
            "sha256": self.sha256,
            "content_type": None if self.is_folder else _content_type(self.path),
        }


@dataclass
class Part:
    number: int
    size_bytes: int
    sha256: str
    received_at: datetime
    blob: Path

    def to_json(self) -> dict[str, Any]:
        return {
            "part_number": self.number,
            "size_bytes": self.size_bytes,
            "sha256": self.sha256,
            "received_at": format_time(self.received_at),
        }


@dataclass
class Upload:
    id: str
    tenant_id: str
    path: str
    size_bytes: int
    part_size_bytes: int
    part_count: int
    sha256: str | None
    overwrite: bool
    created_at: datetime
    parts: dict[int, Part] = field(default_factory=dict)

    @property
    def expires_at(self) -> datetime:
        return self.created_at + UPLOAD_TTL

    def expected_size(self, number: int) -> int:
        if number < self.part_count:
            return self.part_size_bytes
        return self.size_bytes - (self.part_count - 1) * self.part_size_bytes

    def missing_parts(self) -> list[int]:
        return [n for n in range(1, self.part_count + 1) if n not in self.parts]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "path": self.path,
            "size_bytes": self.size_bytes,
            "part_size_bytes": self.part_size_bytes,
            "part_count": self.part_count,
            "sha256": self.sha256,
            "expires_at": format_time(self.expires_at),
            "created_at": format_time(self.created_at),
        }


class BlobWriter:
    """A body being received: written to a new blob file, hashed and counted as it comes."""

    def __init__(self, path: Path, limit: int) -> None:
        self.path = path
        self.limit = limit
        self.size = 0
        self._hash = hashlib.sha256()
        self._crc = 0
        self._file: BinaryIO = path.open("wb")

    @property
    def crc32(self) -> str:
        """The hex CRC-32 of what was written so far."""
        return f"{self._crc:08x}"

    def write(self, chunk: bytes) -> None:
        self.size += len(chunk)
        if self.size > self.limit:
            raise OverflowError(self.size)
        self._hash.update(chunk)
        self._crc = zlib.crc32(chunk, self._crc)
        self._file.write(chunk)

    def close(self) -> str:
        """Close the file; the hex SHA-256 of what was written."""
        self._file.close()
        return self._hash.hexdigest()

    def discard(self) -> None:
        self._file.close()
        self.path.unlink(missing_ok=True)


class _Namespace:
    """One tenant's objects by path, and its multipart uploads by id."""

    def __init__(self) -> None:
        self.objects: dict[str, StoredObject] = {}
        self.uploads: dict[str, Upload] = {}

    def used_bytes(self) -> int:
        return sum(o.size_bytes for o in self.objects.values())


class StorageStore:
    """The storage of every tenant of one simulator. `close()` removes a temporary folder."""

    def __init__(self, config: SimConfig, clock: SimClock) -> None:
        self.config = config
        self.clock = clock
        if config.data_dir is not None:
            root = Path(config.data_dir) / "storage"
            # Bytes of an earlier run stay: `restore()` takes them back, or
            # `discard_orphans()` deletes them when no state is restored.
            root.mkdir(parents=True, exist_ok=True)
        else:
            root = Path(tempfile.mkdtemp(prefix="gpuaas-sim-storage-"))
        self.root = root
        # A temporary folder goes with the store; a data folder outlives it (the next run's).
        self._cleanup = weakref.finalize(self, shutil.rmtree, str(root), True)
        if config.data_dir is not None:
            self._cleanup.detach()
        self._tenants: dict[str, _Namespace] = {}

    def close(self) -> None:
        """Delete every stored byte (the whole folder when it was a temporary one)."""
        self._cleanup()
        if self.config.data_dir is not None:
            shutil.rmtree(self.root, ignore_errors=True)

    def detach(self) -> None:
        """Forget this store without touching the bytes (its folder is shared and lives on)."""
        if self.config.data_dir is not None:
            self._cleanup.detach()

    # -- blobs ------------------------------------------------------------------

    def writer(self, limit: int) -> BlobWriter:
        return BlobWriter(self.root / f"blob-{uuid.uuid4().hex}", limit)

    @staticmethod
    def _drop_blob(blob: Path | None) -> None:
        if blob is not None:
            blob.unlink(missing_ok=True)

    # -- lookups ----------------------------------------------------------------

    def _ns(self, tenant_id: str) -> _Namespace:
        return self._tenants.setdefault(tenant_id, _Namespace())

    def listing(self, tenant_id: str, prefix: str, one_level: bool) -> list[StoredObject]:
        """Objects under `prefix`, by path; with `one_level`, only one level below it."""
        found = []
        for path, obj in self._ns(tenant_id).objects.items():
            if not path.startswith(prefix) or path == prefix:
                continue
            if one_level and "/" in path[len(prefix) :].rstrip("/"):
                continue
            found.append(obj)
        return sorted(found, key=lambda o: o.path)

    def stat(self, tenant_id: str, path: str) -> StoredObject:
        obj = self._ns(tenant_id).objects.get(path)
        if obj is None:
            raise ApiError(
                "object_not_found", f"Nothing is stored at {path}.", details={"path": path}
            )
        return obj

    def file(self, tenant_id: str, path: str) -> StoredObject:
        obj = self._ns(tenant_id).objects.get(path)
        if obj is None or obj.is_folder:
            raise ApiError("object_not_found", f"No file at {path}.", details={"path": path})
        return obj

    @staticmethod
    def crc32(obj: StoredObject) -> str:
        """The file's CRC-32, computed once from its blob where older state lacks it."""
        if obj.crc32 is None:
            assert obj.blob is not None
            crc = 0
            for chunk in _read_chunks(obj.blob):
                crc = zlib.crc32(chunk, crc)
            obj.crc32 = f"{crc:08x}"
        return obj.crc32

    def usage(self, tenant_id: str) -> dict[str, int]:
        ns = self._ns(tenant_id)
        return {
            "used_bytes": ns.used_bytes(),
            "quota_bytes": self.config.storage_quota_bytes,
            "object_count": len(ns.objects),
        }

    # -- checks -----------------------------------------------------------------

    def _check_file_slot(self, ns: _Namespace, path: str, overwrite: bool) -> StoredObject | None:
        """The file a write to `path` would replace; 409 when the write cannot go there."""
        if path + "/" in ns.objects:
            raise ApiError(
                "already_exists", f"A folder is at {path}/.", details={"path": path + "/"}
            )
        self._check_parents(ns, path)
        existing = ns.objects.get(path)
        if existing is not None and not overwrite:
            raise ApiError(
                "already_exists",
                f"A file is already at {path}; ask to overwrite it.",
                details={"path": path},
            )
        return existing

    @staticmethod
    def _check_parents(ns: _Namespace, path: str) -> None:
        for parent in parents_of(path):
            if parent[:-1] in ns.objects:
                raise ApiError(
                    "already_exists",
                    f"A file is at {parent[:-1]}, where a folder would have to be.",
                    details={"path": parent[:-1]},
                )

    def _check_quota(self, ns: _Namespace, added_bytes: int, new_objects: int) -> None:
        used = ns.used_bytes()
        if added_bytes > 0 and used + added_bytes > self.config.storage_quota_bytes:
            raise ApiError(
                "quota_exceeded",
                "The tenant's storage quota would be passed.",
                details={
                    "quota": "storage_bytes",
                    "quota_bytes": self.config.storage_quota_bytes,
                    "used_bytes": used,
                    "requested_bytes": added_bytes,
                },
            )
        if new_objects > 0 and len(ns.objects) + new_objects > self.config.storage_object_quota:
            raise ApiError(
                "quota_exceeded",
                "The tenant's object quota would be passed.",
                details={
                    "quota": "storage_objects",
                    "quota_objects": self.config.storage_object_quota,
                    "object_count": len(ns.objects),
                },
            )

    def _missing_parents(self, ns: _Namespace, path: str) -> list[str]:
        return [p for p in parents_of(path) if p not in ns.objects]

    def _make_folders(self, ns: _Namespace, folders: list[str]) -> None:
        now = self.clock.now()
        for folder in folders:
            ns.objects[folder] = StoredObject(folder, now)

    # -- writes -----------------------------------------------------------------

    def check_put(self, tenant_id: str, path: str, overwrite: bool, size: int) -> None:
        """Refuse early (before the body is read) a write that cannot succeed."""
        ns = self._ns(tenant_id)
        existing = self._check_file_slot(ns, path, overwrite)
        replaced = existing.size_bytes if existing else 0
        new = len(self._missing_parents(ns, path)) + (0 if existing else 1)
        self._check_quota(ns, size - replaced, new)

    def put_file(
        self,
        tenant_id: str,
        path: str,
        blob: Path,
        size: int,
        sha256: str,
        overwrite: bool,
        *,
        crc32: str,
    ) -> StoredObject:
        """Store the blob as the file at `path`, creating its missing parent folders."""
        ns = self._ns(tenant_id)
        self.check_put(tenant_id, path, overwrite, size)
        self._make_folders(ns, self._missing_parents(ns, path))
        previous = ns.objects.get(path)
        ns.objects[path] = StoredObject(path, self.clock.now(), size, sha256, blob, crc32)
        if previous is not None:
            self._drop_blob(previous.blob)
        return ns.objects[path]

    def mkdir(self, tenant_id: str, path: str) -> StoredObject:
        ns = self._ns(tenant_id)
        if path in ns.objects:
            return ns.objects[path]
        if path[:-1] in ns.objects:
            raise ApiError(
                "already_exists", f"A file is at {path[:-1]}.", details={"path": path[:-1]}
            )
        self._check_parents(ns, path)
        folders = [*self._missing_parents(ns, path), path]
        self._check_quota(ns, 0, len(folders))
        self._make_folders(ns, folders)
        return ns.objects[path]

    def delete(self, tenant_id: str, path: str, recursive: bool) -> None:
        ns = self._ns(tenant_id)
        obj = self.stat(tenant_id, path)
        under = [p for p in ns.objects if p.startswith(path) and p != path] if obj.is_folder else []
        if under and not recursive:
            raise ApiError(
                "invalid_state",
                f"The folder {path} is not empty; delete it with recursive=true.",
                details={"state": "not_empty", "object_count": len(under)},
            )
        for victim in [*under, path]:
            self._drop_blob(ns.objects.pop(victim).blob)

    def rename(self, tenant_id: str, from_path: str, to_path: str, overwrite: bool) -> StoredObject:
        ns = self._ns(tenant_id)
        source = self.stat(tenant_id, from_path)
        if is_folder_path(from_path) != is_folder_path(to_path):
            raise ApiError(
                "validation_error",
                "`to_path` must be of the same kind as `from_path` (folder paths end with /).",
                details={"errors": [{"field": "to_path", "reason": "kind differs"}]},
            )
        if source.is_folder and to_path.startswith(from_path):
            raise ApiError(
                "validation_error",
                "A folder cannot move inside itself.",
                details={"errors": [{"field": "to_path", "reason": "inside from_path"}]},
            )
        if from_path == to_path and overwrite:
            return source
        target = ns.objects.get(to_path)
        if target is not None and (target.is_folder or not overwrite):
            raise ApiError(
                "already_exists", f"Something is already at {to_path}.", details={"path": to_path}
            )
        twin = to_path[:-1] if source.is_folder else to_path + "/"
        if twin in ns.objects:
            raise ApiError("already_exists", f"Something is at {twin}.", details={"path": twin})
        self._check_parents(ns, to_path)
        missing = self._missing_parents(ns, to_path)
        self._check_quota(ns, 0, len(missing))
        self._make_folders(ns, missing)
        now = self.clock.now()
        moving = sorted(p for p in ns.objects if p == from_path or p.startswith(from_path))
        if not source.is_folder:
            moving = [from_path]
        if target is not None:
            self._drop_blob(ns.objects.pop(to_path).blob)
        for old in moving:
            obj = ns.objects.pop(old)
            obj.path = to_path + old[len(from_path) :]
            if obj.is_folder:
                obj.modified_at = now
            ns.objects[obj.path] = obj
        return ns.objects[to_path]

    # -- multipart uploads ----------------------------------------------------------

    def start_upload(
        self,
        tenant_id: str,
        path: str,
        size_bytes: int,
        part_size_bytes: int,
        sha256: str | None,
        overwrite: bool,
    ) -> Upload:
        part_count = max(1, -(-size_bytes // part_size_bytes))
        if part_count > MAX_PARTS:
            raise ApiError(
                "validation_error",
                f"The file would need {part_count} parts; at most {MAX_PARTS} are allowed.",
                details={"errors": [{"field": "part_size_bytes", "reason": "too many parts"}]},
            )
        self.check_put(tenant_id, path, overwrite, size_bytes)
        upload = Upload(
            id=f"up-{uuid.uuid4().hex[:12]}",
            tenant_id=tenant_id,
            path=path,
            size_bytes=size_bytes,
            part_size_bytes=part_size_bytes,
            part_count=part_count,
            sha256=sha256,
            overwrite=overwrite,
            created_at=self.clock.now(),
        )
        self._ns(tenant_id).uploads[upload.id] = upload
        return upload

    def upload(self, tenant_id: str, upload_id: str) -> Upload:
        ns = self._ns(tenant_id)
        upload = ns.uploads.get(upload_id)
        if upload is not None and self.clock.now() >= upload.expires_at:
            self._discard(ns, upload)
            upload = None
        if upload is None:
            raise ApiError(
                "upload_not_found",
                f"No multipart upload {upload_id} is in progress.",
                details={"upload_id": upload_id},
            )
        return upload

    def uploads(self, tenant_id: str) -> list[Upload]:
        return list(self._ns(tenant_id).uploads.values())

    def _discard(self, ns: _Namespace, upload: Upload) -> None:
        ns.uploads.pop(upload.id, None)
        for part in upload.parts.values():
            self._drop_blob(part.blob)

    def put_part(
        self, tenant_id: str, upload_id: str, number: int, blob: Path, size: int, sha256: str
    ) -> Part:
        upload = self.upload(tenant_id, upload_id)
        part = Part(number, size, sha256, self.clock.now(), blob)
        previous = upload.parts.get(number)
        upload.parts[number] = part
        if previous is not None:
            self._drop_blob(previous.blob)
        return part

    def abort_upload(self, tenant_id: str, upload_id: str) -> None:
        self._discard(self._ns(tenant_id), self.upload(tenant_id, upload_id))

    def complete_upload(
        self, tenant_id: str, upload_id: str, listed: list[tuple[int, str]]
    ) -> StoredObject:
        """Assemble the parts (in order) into the file; the upload ends on success."""
        upload = self.upload(tenant_id, upload_id)
        self._check_listed(upload, listed)
        missing = upload.missing_parts()
        if missing:
            raise ApiError(
                "upload_incomplete",
                f"{len(missing)} of {upload.part_count} parts have not arrived.",
                details={"missing_parts": missing},
            )
        for number, sha256 in listed:
            if upload.parts[number].sha256 != sha256:
                raise ApiError(
                    "checksum_mismatch",
                    f"Part {number} as received does not match the SHA-256 listed for it.",
                    details={"part_number": number, "received_sha256": upload.parts[number].sha256},
                )
        self.check_put(tenant_id, upload.path, upload.overwrite, upload.size_bytes)
        writer = self.writer(upload.size_bytes)
        try:
            for number in range(1, upload.part_count + 1):
                for chunk in _read_chunks(upload.parts[number].blob):
                    writer.write(chunk)
        except BaseException:
            writer.discard()
            raise
        digest = writer.close()
        if upload.sha256 is not None and digest != upload.sha256:
            writer.discard()
            raise ApiError(
                "checksum_mismatch",
                "The assembled file does not match the SHA-256 declared at the start.",
                details={"expected_sha256": upload.sha256, "received_sha256": digest},
            )
        obj = self.put_file(
            tenant_id,
            upload.path,
            writer.path,
            writer.size,
            digest,
            upload.overwrite,
            crc32=writer.crc32,
        )
        self._discard(self._ns(tenant_id), upload)
        return obj

    @staticmethod
    def _check_listed(upload: Upload, listed: list[tuple[int, str]]) -> None:
        numbers = [n for n, _ in listed]
        problem = None
        if len(set(numbers)) != len(numbers):
            problem = "a part is listed more than once"
        elif any(n > upload.part_count for n in numbers):
            problem = f"part numbers go from 1 to {upload.part_count}"
        if problem is not None:
            raise ApiError(
                "validation_error",
                f"The parts listed are not valid: {problem}.",
                details={"errors": [{"field": "parts", "reason": problem}]},
            )
        unlisted = sorted(set(range(1, upload.part_count + 1)) - set(numbers))
        received_unlisted = [n for n in unlisted if n in upload.parts]
        if received_unlisted:
            raise ApiError(
                "validation_error",
                "Every part, 1 to part_count, must be listed.",
                details={
                    "errors": [{"field": "parts", "reason": f"parts {received_unlisted} missing"}]
                },
            )

    # -- persistence -------------------------------------------------------------

    def snapshot(self) -> dict[str, Any]:
        """Every tenant's entries and uploads in progress; blobs are named, not copied."""
        tenants = {}
        for tenant_id, ns in list(self._tenants.items()):
            tenants[tenant_id] = {
                "objects": [_with_blob_name(to_plain(o)) for o in list(ns.objects.values())],
                "uploads": [_with_blob_name(to_plain(u)) for u in list(ns.uploads.values())],
            }
        return {"tenants": tenants}

    def restore(self, data: Mapping[str, Any], *, prune: bool = True) -> list[str]:
        """Load a `snapshot()` whose blobs are in this store's folder.

        With `prune` (one process owns the folder), an entry whose blob is gone (the
        process died between deleting the bytes and saving the state) is dropped rather
        than served broken, and blobs no entry names are deleted; the paths dropped are
        returned so the caller can say so. Without it (processes sharing the folder, one
        of which may be receiving a blob this state does not name yet) nothing is touched.
        """
        dropped: list[str] = []
        self._tenants.clear()
        for tenant_id, plain in data.get("tenants", {}).items():
            ns = self._ns(tenant_id)
            for item in plain.get("objects", []):
                obj = from_plain(StoredObject, self._blob_in_root(item))
                if prune and obj.blob is not None and not obj.blob.is_file():
                    dropped.append(obj.path)
                    continue
                ns.objects[obj.path] = obj
            for item in plain.get("uploads", []):
                upload = from_plain(Upload, self._blob_in_root(item))
                if prune:
                    upload.parts = {n: p for n, p in upload.parts.items() if p.blob.is_file()}
                ns.uploads[upload.id] = upload
        if prune:
            self.discard_orphans()
        return dropped

    def discard_orphans(self, *, older_than: float = 0.0) -> None:
        """Delete blob files no entry or upload refers to (left by an earlier run).

        `older_than` (seconds since the file last changed) spares blobs that may be
        uploads in flight in another process sharing the folder.
        """
        kept: set[str] = set()
        for ns in self._tenants.values():
            kept.update(o.blob.name for o in ns.objects.values() if o.blob is not None)
            for upload in ns.uploads.values():
                kept.update(p.blob.name for p in upload.parts.values())
        horizon = time.time() - older_than
        for blob in self.root.glob("blob-*"):
            try:
                if blob.name not in kept and (not older_than or blob.stat().st_mtime < horizon):
                    blob.unlink(missing_ok=True)
            except FileNotFoundError:
                continue  # another process removed it meanwhile

    def _blob_in_root(self, item: dict[str, Any]) -> dict[str, Any]:
        located = dict(item)
        if located.get("blob"):
            located["blob"] = str(self.root / located["blob"])
        if "parts" in located:
            located["parts"] = [
                [n, {**part, "blob": str(self.root / part["blob"])}] for n, part in located["parts"]
            ]
        return located


def _read_chunks(path: Path) -> Iterator[bytes]:
    with path.open("rb") as source:
        while chunk := source.read(COPY_CHUNK):
            yield chunk


def _with_blob_name(item: dict[str, Any]) -> dict[str, Any]:
    """Blob paths as bare names: the data folder may be moved between runs."""
    if item.get("blob"):
        item["blob"] = Path(item["blob"]).name
    for _, part in item.get("parts") or []:
        part["blob"] = Path(part["blob"]).name
    return item
