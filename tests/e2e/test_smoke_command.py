"""`python -m gpuaas_sdk` as a person runs it: what it prints where, and how it ends."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from gpuaas_sdk import Client, __version__
from gpuaas_sdk.auth import DevPasswordAuth
from gpuaas_sim import SimConfig, Simulator
from gpuaas_sim.runtime.faults import Fault

MiB = 1024 * 1024


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "gpuaas_sdk", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _start(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "gpuaas_sdk", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _until(condition, what: str, timeout: float = 30.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.02)


def test_version_is_printed_without_credentials() -> None:
    result = _run("--version")

    assert result.returncode == 0
    assert result.stdout == f"gpuaas-sdk {__version__}\n"


# `pending` lasts 1 simulated second: at x5 that is 200 ms, time enough for a fresh process
# (compiling what it imports when bytecode is not cached) to open the stream and look once.
@pytest.mark.parametrize("sim_config", [SimConfig(clock_speed=5)])
def test_the_round_trip_shows_each_state_the_allocation_passes(env: str, sim: Simulator) -> None:
    result = _run("--round-trip")

    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    created = next(line for line in lines if line.startswith("round trip: created "))
    alloc_id = created.split()[3]
    states = [
        line.split(": ", 1)[1].split(" after ")[0]
        for line in lines
        if line.startswith(f"  allocation {alloc_id}: ")
    ]
    assert states[0] == "pending"
    assert states.index("active") < states.index("released")
    assert lines[-1] == f"round trip: {alloc_id} released"
    assert sim.allocations[alloc_id].lease_seconds == 300  # a killed check leaks nothing for long


def test_a_download_into_a_directory_writes_inside_it(env: str, tmp_path: Path) -> None:
    data = os.urandom(MiB)
    (tmp_path / "src.bin").write_bytes(data)
    assert _run("upload", str(tmp_path / "src.bin"), "/datasets/big.bin").returncode == 0
    (tmp_path / "SOME_DIR").mkdir()

    result = _run("download", "/datasets/big.bin", f"{tmp_path}/SOME_DIR/")

    assert result.returncode == 0, result.stderr
    assert (tmp_path / "SOME_DIR" / "big.bin").read_bytes() == data
    assert sorted(p.name for p in tmp_path.iterdir()) == ["SOME_DIR", "src.bin"]


def test_ctrl_c_while_a_download_waits_exits_130_with_one_line_and_leaves_nothing(
    env: str, sim: Simulator, tmp_path: Path
) -> None:
    (tmp_path / "src.bin").write_bytes(os.urandom(MiB))
    assert _run("upload", str(tmp_path / "src.bin"), "/big.bin").returncode == 0
    sim.faults.add(Fault("GET", "/v1/storage/object/content", kind="latency", delay=30.0))
    mark = len(sim.requests_log)

    process = _start("download", "/big.bin", str(tmp_path / "out.bin"))
    _until(
        lambda: any(r.path.endswith("/content") for r in sim.requests_log[mark:]),
        "the download request",
    )
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=30)

    assert process.returncode == 130
    assert stdout == ""
    assert stderr == "download: interrupted; nothing was kept of out.bin\n"
    assert not any(".gpuaas-" in p.name for p in tmp_path.iterdir())


def test_ctrl_c_during_a_multipart_upload_says_it_can_resume_and_the_next_run_does(
    env: str, base_url: str, sim: Simulator, tmp_path: Path
) -> None:
    source = tmp_path / "big.bin"
    data = os.urandom(20 * MiB)  # three 8 MiB parts
    source.write_bytes(data)
    sim.faults.add(Fault("PUT", "/v1/storage/uploads/*", kind="latency", delay=30.0, times=None))
    sidecar = tmp_path / "big.bin.gpuaas-upload"

    process = _start("upload", str(source), "/big.bin")
    _until(sidecar.is_file, "the upload to start")
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)

    assert process.returncode == 130
    assert stderr == (
        f"upload: interrupted; the upload of big.bin can resume from {sidecar}: "
        "run the same upload again to send only the missing parts\n"
    )
    sim.faults.clear()
    assert _run("upload", str(source), "/big.bin").returncode == 0
    assert not sidecar.exists()
    with Client(base_url, auth=DevPasswordAuth("dev-user", "dev123")) as client:
        assert client.storage.stat("/big.bin").size_bytes == len(data)


@pytest.mark.parametrize("args", [["--round-trip"], ["download", "/missing.bin", "x"]])
def test_failures_go_to_stderr_as_one_line(env: str, args: list[str], tmp_path: Path) -> None:
    os.chdir(tmp_path)
    result = _run(*args, *(["--sku", "no-such-sku"] if args == ["--round-trip"] else []))

    assert result.returncode == 1
    assert len(result.stderr.splitlines()) == 1
    assert "FAILED: " in result.stderr
