"""The planning half of storage transfers, shared by the sync and async drivers.

Part ranges, hashing, request bodies streamed from the file, the upload sidecar that
makes an upload resumable, and the download state (partial file, resume offset,
verification, atomic rename). The drivers (`_async/transfer.py` and its generated
sync twin) add the I/O loop.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
from collections.abc import AsyncIterator, Callable, Generator, Iterator, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path, PurePosixPath
from typing import Any, BinaryIO

from gpuaas_api.exceptions import ChecksumMismatch
from gpuaas_api.http_stack import httpx

from ..errors import ArgumentError
from .checksums import BackgroundDigest, Checksum, Expected, expected_checksum

Progress = Callable[[int, int], None]
"""Called with `(bytes_done, bytes_total)` as a transfer advances."""

MIN_PART_SIZE = 1024 * 1024
DEFAULT_PART_SIZE = 8 * 1024 * 1024
MULTIPART_THRESHOLD = 8 * 1024 * 1024
MAX_PARTS = 10_000
MAX_SINGLE_REQUEST = 64 * 1024 * 1024
DEFAULT_CONCURRENCY = 4
CHUNK = 1024 * 1024
"""Read and hash files in pieces this big: few calls, little memory per part in flight."""
UPLOAD_SIDECAR_SUFFIX = ".gpuaas-upload"
PARTIAL_SUFFIX = ".gpuaas-partial"
DOWNLOAD_SIDECAR_SUFFIX = ".gpuaas-download"


def file_sha256(path: Path, length: int | None = None, offset: int = 0) -> str:
    """Hex SHA-256 of the file (or `length` bytes of it from `offset`), read in chunks."""
    digest = hashlib.sha256()
    for chunk in _read_chunks(path, offset, length):
        digest.update(chunk)
    return digest.hexdigest()


def _read_chunks(path: Path, offset: int, length: int | None) -> Generator[bytes, None, None]:
    """The file's bytes from `offset`, CHUNK at a time; a short file is an `ArgumentError`."""
    remaining = length
    with path.open("rb") as source:
        source.seek(offset)
        while remaining is None or remaining > 0:
            chunk = source.read(CHUNK if remaining is None else min(CHUNK, remaining))
            if not chunk:
                break
            if remaining is not None:
                remaining -= len(chunk)
            yield chunk
    if remaining:
        raise ArgumentError(f"{path} changed size during the upload")


class FileSlice(httpx.ByteStream):
    """A request body read from a file range, CHUNK by CHUNK, each time it is sent.

    Parts never sit in memory whole (nor copied by the HTTP stack), yet the body can
    be replayed: it subclasses `ByteStream`, which the retry layer resends, and every
    iteration reads the file again.
    """

    def __init__(self, path: Path, offset: int, size: int) -> None:
        super().__init__(b"")
        self.path, self.offset, self.size = path, offset, size

    def __iter__(self) -> Iterator[bytes]:
        yield from _read_chunks(self.path, self.offset, self.size)

    async def __aiter__(self) -> AsyncIterator[bytes]:
        chunks = _read_chunks(self.path, self.offset, self.size)
        try:
            while chunk := await asyncio.to_thread(next, chunks, b""):
                yield chunk
        finally:
            chunks.close()


def with_file_body(
    http: httpx.Client | httpx.AsyncClient, request: httpx.Request, path: Path, part: PartRange
) -> httpx.Request:
    """`request` (built with an empty body) with the file range `part` as its body.

    The body streams from the file. An auth that needs the body first (it signs the
    bytes: `requires_request_body`) gets them read once, so what it signs is what goes.
    """
    headers = request.headers.copy()
    headers["Content-Length"] = str(part.size)
    if getattr(http.auth, "requires_request_body", False):
        body: dict[str, Any] = {"content": part.read(path)}
    else:
        body = {"stream": FileSlice(path, part.offset, part.size)}
    return httpx.Request(
        request.method, request.url, headers=headers, extensions=request.extensions, **body
    )


@dataclass(frozen=True)
class PartRange:
    number: int
    offset: int
    size: int

    def read(self, path: Path) -> bytes:
        """This part's bytes, for the rare auth that must sign them (see `file_body_request`)."""
        return b"".join(_read_chunks(path, self.offset, self.size))

    def sha256(self, path: Path) -> str:
        return file_sha256(path, self.size, self.offset)


def plan_parts(size: int, part_size: int) -> list[PartRange]:
    count = max(1, -(-size // part_size))
    return [
        PartRange(n + 1, n * part_size, min(part_size, size - n * part_size)) for n in range(count)
    ]


@dataclass(frozen=True)
class UploadSidecar:
    """What `<local_path>.gpuaas-upload` remembers so a later call can resume the upload."""

    upload_id: str
    remote_path: str
    size_bytes: int
    part_size_bytes: int
    sha256: str


@dataclass
class UploadPlan:
    """One upload of a local file: simple or multipart, and where its sidecar lives."""

    local_path: Path
    remote_path: str
    size: int
    part_size: int
    multipart: bool

    @classmethod
    def of(
        cls,
        local_path: str | os.PathLike[str],
        remote_path: str,
        part_size: int | None,
        multipart_threshold: int | None,
        concurrency: int,
    ) -> UploadPlan:
        path = Path(local_path)
        if not path.is_file():
            raise ArgumentError(f"{path} is not a file")
        if not remote_path.startswith("/") or remote_path.endswith("/"):
            raise ArgumentError(f"remote_path must be a file path like /a/b (got {remote_path!r})")
        if concurrency < 1:
            raise ArgumentError("max_concurrency must be at least 1")
        size = path.stat().st_size
        chosen = part_size or max(DEFAULT_PART_SIZE, -(-size // MAX_PARTS))
        if chosen < MIN_PART_SIZE:
            raise ArgumentError(f"part_size must be at least {MIN_PART_SIZE} bytes")
        threshold = MULTIPART_THRESHOLD if multipart_threshold is None else multipart_threshold
        # A single request takes at most 64 MiB, whatever the caller's threshold.
        multipart = size > min(threshold, MAX_SINGLE_REQUEST)
        return cls(path, remote_path, size, chosen, multipart=multipart)

    @property
    def sidecar_path(self) -> Path:
        return self.local_path.with_name(self.local_path.name + UPLOAD_SIDECAR_SUFFIX)

    def whole(self) -> PartRange:
        """The file as one part, for a single-request upload."""
        return PartRange(1, 0, self.size)

    def parts(self) -> list[PartRange]:
        return plan_parts(self.size, self.part_size)

    def resumable(self, sha256: str) -> str | None:
        """The upload id of a sidecar left by an interrupted upload of this same file."""
        try:
            data = json.loads(self.sidecar_path.read_text())
            sidecar = UploadSidecar(**data)
        except (OSError, ValueError, TypeError):
            return None
        same = (
            sidecar.remote_path == self.remote_path
            and sidecar.size_bytes == self.size
            and sidecar.sha256 == sha256
        )
        if not same:
            return None
        self.part_size = sidecar.part_size_bytes  # the upload was started with it
        return sidecar.upload_id

    def remember(self, upload_id: str, sha256: str) -> None:
        sidecar = UploadSidecar(upload_id, self.remote_path, self.size, self.part_size, sha256)
        _atomic_write(self.sidecar_path, json.dumps(asdict(sidecar)))

    def forget(self) -> None:
        self.sidecar_path.unlink(missing_ok=True)

    def abandoned(self) -> str:
        """After a failure or an interruption: what a next run of the same upload will reuse."""
        if self.multipart and self.sidecar_path.is_file():
            return (
                f"the upload of {self.local_path.name} can resume from {self.sidecar_path}: "
                "run the same upload again to send only the missing parts"
            )
        return f"nothing was kept of the upload of {self.local_path.name}; it starts over"

    def to_send(self, received: Mapping[int, str]) -> tuple[list[PartRange], dict[int, str]]:
        """Parts still to send, and the SHA-256 of those already received intact."""
        missing, done = [], {}
        for part in self.parts():
            sha = received.get(part.number)
            if sha is not None and sha == part.sha256(self.local_path):
                done[part.number] = sha
            else:
                missing.append(part)
        return missing, done


def report(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None:
        progress(done, total)


def download_target(remote_path: str, local_path: str | os.PathLike[str]) -> Path:
    """Where a download goes: `local_path`, or inside it when it names a directory (as `cp`).

    Checked before anything is sent, so a bad target costs no transfer and leaves nothing.
    """
    text = os.fspath(local_path)
    path = Path(text)
    if path.is_dir() or text.endswith(("/", os.sep)):
        if not path.is_dir():
            raise ArgumentError(f"{path} is not a directory; create it first")
        name = PurePosixPath(remote_path).name
        if not name:
            raise ArgumentError(f"remote_path must name a file (got {remote_path!r})")
        path = path / name
    if path.is_dir():
        raise ArgumentError(f"{path} is a directory; pass a file path to write to")
    if not path.parent.is_dir():
        raise ArgumentError(f"{path.parent} is not a directory; create it first")
    return path


class DownloadState:
    """One download into `local_path` through a partial file beside it.

    The partial file and a sidecar holding the ETag survive an interruption, so the
    next attempt asks only for the bytes after it. Nothing is under the final name
    until the whole content has been verified against the checksum the platform
    sends (`checksums.py`: CRC-32 unless `checksum="sha256"`), and a failed download
    leaves its partial file only when the next run can resume from it.
    """

    def __init__(self, local_path: Path, resume: bool, checksum: Checksum = "crc32") -> None:
        self.local_path = local_path
        self.checksum = checksum
        self.partial = self.local_path.with_name(self.local_path.name + PARTIAL_SUFFIX)
        self.sidecar = self.local_path.with_name(self.local_path.name + DOWNLOAD_SIDECAR_SUFFIX)
        self.offset = 0
        self.etag: str | None = None
        if resume and self.partial.is_file():
            try:
                self.etag = json.loads(self.sidecar.read_text())["etag"]
                self.offset = self.partial.stat().st_size
            except (OSError, ValueError, KeyError, TypeError):
                self.etag = None
        if not self.etag:
            self.restart()
        self._digest: BackgroundDigest | None = None
        self._file: BinaryIO | None = None
        self.total = 0
        self.expected: Expected | None = None

    def restart(self) -> None:
        """Forget any partial content: the next request asks for the whole file."""
        self.offset = 0
        self.etag = None
        self.partial.unlink(missing_ok=True)
        self.sidecar.unlink(missing_ok=True)

    @property
    def range_header(self) -> str | None:
        return f"bytes={self.offset}-" if self.offset else None

    def begin(self, status: int, headers: Mapping[str, str]) -> bool:
        """Take the response head; False when a resume was refused (start over)."""
        etag = headers.get("etag")
        if self.offset and (status != 206 or etag != self.etag):
            return False
        self.expected = expected_checksum(headers, self.checksum)
        if status == 206:
            self.total = int(headers.get("content-range", "/0").rsplit("/", 1)[-1])
        else:
            self.total = int(headers.get("content-length", "0"))
        self.etag = etag
        _atomic_write(self.sidecar, json.dumps({"etag": etag}))
        self._digest = None if self.expected is None else BackgroundDigest(self.expected.digest())
        if self.offset and self._digest is not None:
            with self.partial.open("rb") as existing:
                while chunk := existing.read(CHUNK):
                    self._digest.update(chunk)
        self._file = self.partial.open("ab" if self.offset else "wb")
        return True

    def write(self, chunk: bytes) -> None:
        assert self._file is not None
        self._file.write(chunk)
        if self._digest is not None:
            self._digest.update(chunk)
        self.offset += len(chunk)

    def close(self) -> None:
        """Close the partial file and let the hashing catch up (done, failed or abandoned)."""
        if self._file is not None:
            self._file.close()
            self._file = None
        if self._digest is not None:
            self._digest.close()

    @property
    def resumable(self) -> bool:
        """Whether the partial file holds a prefix the next download can continue from."""
        complete = self.total > 0 and self.offset >= self.total
        return bool(self.etag) and self.offset > 0 and not complete and self.partial.is_file()

    def abandon(self) -> str:
        """After a failure or an interruption: keep a resumable partial file, else none.

        Returns what was kept, in a sentence for the person who will run it again.
        """
        self.close()
        if self.resumable:
            return (
                f"kept {self.offset:,} bytes of {self.local_path.name} in {self.partial}: "
                "run the same download again to resume"
            )
        self.restart()
        return f"nothing was kept of {self.local_path.name}"

    def finish(self) -> Path:
        """Verify the content and move it under its final name."""
        self.close()
        expected = self.expected
        actual = None if self._digest is None else self._digest.hexdigest()
        if expected is not None and actual != expected.value:
            self.restart()
            raise ChecksumMismatch(
                f"the downloaded content of {self.local_path.name} does not match its "
                f"{expected.label}; nothing was kept: download it again",
                code="checksum_mismatch",
                details={
                    f"expected_{expected.algorithm}": expected.value,
                    f"received_{expected.algorithm}": actual,
                },
            )
        os.replace(self.partial, self.local_path)
        self.sidecar.unlink(missing_ok=True)
        return self.local_path


def _atomic_write(path: Path, text: str) -> None:
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(text)
    os.replace(temporary, path)
