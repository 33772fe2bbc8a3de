"""What a download is verified against: the platform's CRC-32 unless SHA-256 is asked for,
whichever of the two the answer carries, computed on a thread as the bytes arrive."""

from __future__ import annotations

import hashlib
import zlib
from pathlib import Path

import pytest

from gpuaas_sdk._transfers.checksums import (
    BackgroundDigest,
    Crc32,
    checked_checksum,
    expected_checksum,
)
from gpuaas_sdk._transfers.plan import DownloadState
from gpuaas_sdk.errors import ArgumentError, ChecksumMismatch

DATA = b"0123456789" * 1000
BOTH = {
    "x-content-crc32": f"{zlib.crc32(DATA):08x}",
    "x-content-sha256": hashlib.sha256(DATA).hexdigest(),
    "content-length": str(len(DATA)),
    "etag": '"e1"',
}


def test_crc32_is_the_iso_hdlc_crc_as_8_hex_digits() -> None:
    digest = Crc32()
    digest.update(b"1234")
    digest.update(b"56789")
    assert digest.hexdigest() == "cbf43926"  # the standard check value of CRC-32


@pytest.mark.parametrize(
    ("preferred", "headers", "expected"),
    [
        ("crc32", BOTH, ("crc32", BOTH["x-content-crc32"])),
        ("sha256", BOTH, ("sha256", BOTH["x-content-sha256"])),
        ("crc32", {"x-content-sha256": "AB" * 32}, ("sha256", "ab" * 32)),
        ("sha256", {"x-content-crc32": "0000000f"}, ("crc32", "0000000f")),
    ],
)
def test_the_preferred_checksum_is_verified_where_the_answer_has_it_else_the_other(
    preferred: str, headers: dict[str, str], expected: tuple[str, str]
) -> None:
    found = expected_checksum(headers, checked_checksum(preferred))
    assert found is not None and (found.algorithm, found.value) == expected


def test_an_answer_without_a_checksum_has_nothing_to_verify() -> None:
    assert expected_checksum({"content-length": "3"}, "crc32") is None


def test_an_unknown_checksum_is_refused_naming_the_known_ones() -> None:
    with pytest.raises(ArgumentError, match="checksum must be one of crc32, sha256"):
        checked_checksum("md5")


@pytest.mark.parametrize("digest", [Crc32, hashlib.sha256])
def test_a_background_digest_equals_the_digest_of_the_whole_and_its_thread_ends(
    digest: type[Crc32],
) -> None:
    chunks = [bytes([n]) * (n * 997 + 1) for n in range(200)]  # small and large, GIL or not
    background = BackgroundDigest(digest(), depth=2)  # a short queue: the caller waits

    for chunk in chunks:
        background.update(chunk)

    whole = digest()
    whole.update(b"".join(chunks))
    assert background.hexdigest() == whole.hexdigest()
    assert not background._thread.is_alive()
    assert background.hexdigest() == whole.hexdigest()  # asked again


def test_an_abandoned_background_digest_ends_its_thread_on_close() -> None:
    background = BackgroundDigest(Crc32())
    background.update(b"partial")

    background.close()

    assert not background._thread.is_alive()


def _download(tmp_path: Path, headers: dict[str, str], body: bytes, checksum: str) -> Path:
    state = DownloadState(tmp_path / "out.bin", resume=False, checksum=checked_checksum(checksum))
    assert state.begin(200, headers)
    state.write(body[:5000])
    state.write(body[5000:])
    return state.finish()


@pytest.mark.parametrize("checksum", ["crc32", "sha256"])
def test_a_download_matching_its_checksum_is_kept(tmp_path: Path, checksum: str) -> None:
    written = _download(tmp_path, BOTH, DATA, checksum)
    assert written.read_bytes() == DATA
    assert [p.name for p in tmp_path.iterdir()] == ["out.bin"]


@pytest.mark.parametrize(
    ("checksum", "headers", "algorithm", "label"),
    [
        ("crc32", BOTH, "crc32", "CRC-32"),
        ("sha256", BOTH, "sha256", "SHA-256"),
        ("crc32", {**BOTH, "x-content-crc32": ""}, "sha256", "SHA-256"),  # none sent: the other
    ],
)
def test_corrupt_bytes_are_a_checksum_mismatch_that_keeps_nothing(
    tmp_path: Path, checksum: str, headers: dict[str, str], algorithm: str, label: str
) -> None:
    corrupt = DATA[:1234] + b"X" + DATA[1235:]
    with pytest.raises(ChecksumMismatch, match=f"does not match its {label}") as caught:
        _download(tmp_path, headers, corrupt, checksum)
    assert caught.value.details[f"expected_{algorithm}"] == headers[f"x-content-{algorithm}"]
    assert list(tmp_path.iterdir()) == []


def test_without_any_checksum_the_bytes_are_kept_unverified(tmp_path: Path) -> None:
    plain = {"content-length": str(len(DATA)), "etag": '"e1"'}
    assert _download(tmp_path, plain, DATA, "crc32").read_bytes() == DATA
