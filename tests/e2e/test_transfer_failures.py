"""A transfer that fails or is interrupted leaves only what the next run will use, and says so."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import pytest

from gpuaas_sdk import AsyncClient, Client
from gpuaas_sdk.auth import DevPasswordAuth
from gpuaas_sdk.errors import (
    APIConnectionError,
    ArgumentError,
    ObjectNotFound,
    ServiceUnavailable,
)
from gpuaas_sim import Simulator
from gpuaas_sim.runtime.faults import Fault

MiB = 1024 * 1024
CONTENT = "/v1/storage/object/content"


def _client(base_url: str) -> Client:
    return Client(base_url, auth=DevPasswordAuth("dev-user", "dev123"), max_retries=0)


@pytest.fixture
def stored(base_url: str, tmp_path: Path) -> bytes:
    """A 2 MiB object at /datasets/big.bin."""
    data = os.urandom(2 * MiB)
    (tmp_path / "src.bin").write_bytes(data)
    with _client(base_url) as client:
        client.storage.upload(tmp_path / "src.bin", "/datasets/big.bin")
    return data


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".gpuaas-" in p.name)


@pytest.mark.parametrize("spelling", ["dir", "dir/"])
def test_a_directory_target_receives_the_file_under_its_remote_name(
    base_url: str, stored: bytes, tmp_path: Path, spelling: str
) -> None:
    (tmp_path / "dir").mkdir()

    with _client(base_url) as client:
        written = client.storage.download("/datasets/big.bin", f"{tmp_path}/{spelling}")

    assert written == tmp_path / "dir" / "big.bin"
    assert written.read_bytes() == stored
    assert _leftovers(tmp_path) == [] and _leftovers(tmp_path / "dir") == []


def test_an_async_download_into_a_directory_does_the_same(
    base_url: str, stored: bytes, tmp_path: Path
) -> None:
    async def main() -> Path:
        async with AsyncClient(base_url, auth=DevPasswordAuth("dev-user", "dev123")) as client:
            return await client.storage.download("/datasets/big.bin", tmp_path)

    assert asyncio.run(main()) == tmp_path / "big.bin"
    assert (tmp_path / "big.bin").read_bytes() == stored


@pytest.mark.parametrize(
    ("target", "says"),
    [
        ("missing/", "missing is not a directory; create it first"),
        ("missing/out.bin", "missing is not a directory; create it first"),
        ("taken", "taken/big.bin is a directory"),
    ],
)
def test_a_target_that_cannot_be_written_is_refused_before_anything_is_sent(
    base_url: str, sim: Simulator, stored: bytes, tmp_path: Path, target: str, says: str
) -> None:
    (tmp_path / "taken" / "big.bin").mkdir(parents=True)
    mark = len(sim.requests_log)

    with _client(base_url) as client, pytest.raises(ArgumentError) as caught:
        client.storage.download("/datasets/big.bin", f"{tmp_path}/{target}")

    assert says in str(caught.value)
    assert [r for r in sim.requests_log[mark:] if r.path == CONTENT] == []
    assert _leftovers(tmp_path) == []


def test_a_failed_download_leaves_no_partial_file_and_says_so(
    base_url: str, tmp_path: Path
) -> None:
    with _client(base_url) as client, pytest.raises(ObjectNotFound) as caught:
        client.storage.download("/nothing/here.bin", tmp_path / "here.bin")

    assert _leftovers(tmp_path) == []
    assert caught.value.__notes__ == ["nothing was kept of here.bin"]


def test_a_connection_cut_before_the_body_is_a_typed_error_and_leaves_nothing(
    base_url: str, sim: Simulator, stored: bytes, tmp_path: Path
) -> None:
    sim.faults.add(Fault("GET", CONTENT, kind="drop"))

    with _client(base_url) as client, pytest.raises(APIConnectionError) as caught:
        client.storage.download("/datasets/big.bin", tmp_path / "big.bin")

    assert CONTENT in str(caught.value)
    assert _leftovers(tmp_path) == []
    assert not (tmp_path / "big.bin").exists()


def test_an_interrupted_download_keeps_its_partial_file_says_so_and_resumes(
    base_url: str, sim: Simulator, stored: bytes, tmp_path: Path
) -> None:
    def ctrl_c_after_the_first_bytes(done: int, total: int) -> None:
        if 0 < done < total:
            raise KeyboardInterrupt  # as SIGINT would, between two chunks

    target = tmp_path / "big.bin"
    with _client(base_url) as client, pytest.raises(KeyboardInterrupt) as caught:
        client.storage.download("/datasets/big.bin", target, progress=ctrl_c_after_the_first_bytes)

    partial = tmp_path / "big.bin.gpuaas-partial"
    kept = partial.stat().st_size
    assert 0 < kept < len(stored)
    assert caught.value.__notes__ == [
        f"kept {kept:,} bytes of big.bin in {partial}: run the same download again to resume"
    ]

    with _client(base_url) as client:
        client.storage.download("/datasets/big.bin", target)
    assert target.read_bytes() == stored
    assert _leftovers(tmp_path) == []


def test_an_interrupted_multipart_upload_says_it_can_resume(base_url: str, tmp_path: Path) -> None:
    source = tmp_path / "big.bin"
    source.write_bytes(os.urandom(3 * MiB))

    def ctrl_c_after_one_part(done: int, total: int) -> None:
        if done >= MiB:
            raise KeyboardInterrupt

    with _client(base_url) as client, pytest.raises(KeyboardInterrupt) as caught:
        client.storage.upload(
            source,
            "/big.bin",
            part_size=MiB,
            multipart_threshold=MiB,
            max_concurrency=1,
            progress=ctrl_c_after_one_part,
        )

    sidecar = tmp_path / "big.bin.gpuaas-upload"
    assert sidecar.is_file()
    assert caught.value.__notes__ == [
        f"the upload of big.bin can resume from {sidecar}: "
        "run the same upload again to send only the missing parts"
    ]


def test_a_failed_single_request_upload_says_nothing_was_kept(
    base_url: str, sim: Simulator, tmp_path: Path
) -> None:
    source = tmp_path / "small.bin"
    source.write_bytes(b"x" * 1024)
    sim.faults.add(Fault("PUT", CONTENT, status=503))

    with _client(base_url) as client, pytest.raises(ServiceUnavailable) as caught:
        client.storage.upload(source, "/small.bin")

    assert caught.value.__notes__ == ["nothing was kept of the upload of small.bin; it starts over"]
    assert _leftovers(tmp_path) == []
