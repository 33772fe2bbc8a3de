"""How a download is verified: a checksum the platform sends, computed as the bytes arrive.

The platform sends two checksums of a file's whole content, `X-Content-CRC32` and
`X-Content-SHA256`. Either catches bytes corrupted on the way or on a disk; neither
proves who sent them (TLS does that), since both arrive with the bytes. CRC-32 costs
a fraction of SHA-256's CPU (zlib ~4.4 GiB/s, SHA-256 ~1.8 GiB/s even with the CPU's
SHA extensions), and on a fast link that CPU is what a download waits for: downloads
verify CRC-32 unless asked for SHA-256, and take whichever of the two the answer has.
"""

from __future__ import annotations

import hashlib
import queue
import threading
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal, Protocol, get_args

from ..errors import ArgumentError

Checksum = Literal["crc32", "sha256"]
"""What a download verifies: `crc32` (the default, cheap) or `sha256`."""

CHECKSUMS: tuple[Checksum, ...] = get_args(Checksum)
_HEADERS: dict[Checksum, str] = {"crc32": "x-content-crc32", "sha256": "x-content-sha256"}
_LABELS: dict[Checksum, str] = {"crc32": "CRC-32", "sha256": "SHA-256"}


class Digest(Protocol):
    def update(self, data: bytes, /) -> None: ...

    def hexdigest(self) -> str: ...


class Crc32:
    """zlib's CRC-32 (ISO-HDLC, as gzip and zip use) with hashlib's `update` / `hexdigest`."""

    def __init__(self) -> None:
        self._value = 0

    def update(self, data: bytes, /) -> None:
        self._value = zlib.crc32(data, self._value)

    def hexdigest(self) -> str:
        return f"{self._value:08x}"


def checked_checksum(checksum: object) -> Checksum:
    """`checksum` as given to a download, refused with a clear error when unknown."""
    for known in CHECKSUMS:
        if checksum == known:
            return known
    raise ArgumentError(f"checksum must be one of {', '.join(CHECKSUMS)} (got {checksum!r})")


@dataclass(frozen=True)
class Expected:
    """The checksum an answer announces for the content."""

    algorithm: Checksum
    value: str

    @property
    def label(self) -> str:
        return _LABELS[self.algorithm]

    def digest(self) -> Digest:
        return Crc32() if self.algorithm == "crc32" else hashlib.sha256()


def expected_checksum(headers: Mapping[str, str], preferred: Checksum) -> Expected | None:
    """The preferred checksum where the answer carries it, else the other one, else None."""
    others = [name for name in CHECKSUMS if name != preferred]
    for algorithm in (preferred, *others):
        value = headers.get(_HEADERS[algorithm])
        if value:
            return Expected(algorithm, value.strip().lower())
    return None


class BackgroundDigest:
    """A digest computed on a thread of its own while the caller goes on receiving.

    hashlib and zlib release the GIL on large buffers, so a download's checksum
    overlaps its network reads and file writes instead of adding to them. At most
    `depth` chunks wait, so memory stays bounded when the digest falls behind.
    """

    _END = b""

    def __init__(self, digest: Digest, depth: int = 16) -> None:
        self._digest = digest
        self._chunks: queue.Queue[bytes] = queue.Queue(maxsize=depth)
        self._thread = threading.Thread(target=self._run, name="gpuaas-checksum", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while chunk := self._chunks.get():
            self._digest.update(chunk)

    def update(self, chunk: bytes) -> None:
        if chunk:
            self._chunks.put(chunk)

    def hexdigest(self) -> str:
        """The digest of everything given so far; the thread ends."""
        self.close()
        return self._digest.hexdigest()

    def close(self) -> None:
        if self._thread.is_alive():
            self._chunks.put(self._END)
            self._thread.join()
