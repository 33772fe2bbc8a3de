"""Request bodies read from a file range (`FileSlice`): replayable, chunked, strict on size."""

from __future__ import annotations

import asyncio
import hashlib
from pathlib import Path

import httpx
import pytest

from gpuaas_sdk._transfers.plan import (
    CHUNK,
    FileSlice,
    PartRange,
    file_sha256,
    with_file_body,
)
from gpuaas_sdk.errors import ArgumentError


def _async_bytes(body: FileSlice) -> list[bytes]:
    async def collect() -> list[bytes]:
        return [chunk async for chunk in body]

    return asyncio.run(collect())


def test_a_slice_yields_its_range_in_chunks_every_time_it_is_read(tmp_path: Path) -> None:
    data = bytes(range(256)) * (3 * CHUNK // 256 + 7)
    (tmp_path / "f").write_bytes(data)
    body = FileSlice(tmp_path / "f", 100, 2 * CHUNK + 5)
    first = list(body)
    assert [len(c) for c in first] == [CHUNK, CHUNK, 5]
    assert b"".join(first) == data[100 : 100 + 2 * CHUNK + 5]
    assert list(body) == first  # a retry reads the file again
    assert _async_bytes(body) == first
    assert isinstance(body, httpx.ByteStream)  # what the retry layer resends


def test_a_file_shorter_than_its_range_is_a_typed_error(tmp_path: Path) -> None:
    (tmp_path / "f").write_bytes(b"x" * 10)
    body = FileSlice(tmp_path / "f", 4, 20)
    with pytest.raises(ArgumentError, match="changed size"):
        list(body)
    with pytest.raises(ArgumentError, match="changed size"):
        _async_bytes(body)


def test_file_sha256_of_a_range_matches_hashlib(tmp_path: Path) -> None:
    data = b"abc" * 1000
    (tmp_path / "f").write_bytes(data)
    assert file_sha256(tmp_path / "f") == hashlib.sha256(data).hexdigest()
    assert file_sha256(tmp_path / "f", 10, 5) == hashlib.sha256(data[5:15]).hexdigest()


class _Signing(httpx.Auth):
    requires_request_body = True


def test_bodies_stream_unless_the_auth_must_read_them_first(tmp_path: Path) -> None:
    (tmp_path / "f").write_bytes(b"0123456789")
    part = PartRange(1, 2, 5)
    kwargs = {"method": "put", "url": "/x", "headers": {"X-A": "1"}, "content": b"ignored"}
    with httpx.Client(base_url="http://sdk.invalid") as plain:
        streamed = with_file_body(plain, plain.build_request(**kwargs), tmp_path / "f", part)
    assert isinstance(streamed.stream, FileSlice)
    assert streamed.headers["Content-Length"] == "5" and streamed.headers["X-A"] == "1"
    assert b"".join(streamed.stream) == b"23456"
    with httpx.Client(base_url="http://sdk.invalid", auth=_Signing()) as signing:
        read = with_file_body(signing, signing.build_request(**kwargs), tmp_path / "f", part)
    assert read.content == b"23456"
