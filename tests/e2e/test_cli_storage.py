"""`gpuaas storage` against the simulator: a bar on a terminal only, files and folders, resume."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

from gpuaas_sdk import Client
from gpuaas_sim import Simulator
from gpuaas_sim.runtime.faults import Fault

from .gpuaas_cli import as_json, gpuaas, on_a_terminal, start

MiB = 1024 * 1024
BAR = "\u2501"  # rich draws its bar as a line of these


def test_cp_draws_a_progress_bar_on_a_terminal(env: str, client: Client, tmp_path: Path) -> None:
    (tmp_path / "data.bin").write_bytes(os.urandom(3 * MiB))

    run = on_a_terminal("storage", "cp", str(tmp_path / "data.bin"), "gpuaas:/d/")

    assert run.returncode == 0, run.screen
    assert "upload data.bin" in run.screen and BAR in run.screen
    assert "100%" in run.screen and "3.0 MiB" in run.screen
    assert "\x1b[" in run.screen  # drawn with the terminal's escapes
    assert f"uploaded: /d/data.bin ({3 * MiB} bytes, sha256 " in run.screen
    assert client.storage.stat("/d/data.bin").size_bytes == 3 * MiB


def test_cp_draws_no_bar_when_stdout_is_a_pipe_even_with_stderr_on_a_terminal(
    env: str, tmp_path: Path
) -> None:
    (tmp_path / "data.bin").write_bytes(os.urandom(3 * MiB))

    run = on_a_terminal("storage", "cp", str(tmp_path / "data.bin"), "gpuaas:/d/", pipe_stdout=True)

    assert run.returncode == 0, run.screen
    assert run.screen == ""  # nothing drawn on the terminal
    assert run.piped.startswith(f"uploaded: /d/data.bin ({3 * MiB} bytes, sha256 ")


def test_cp_in_a_pipe_prints_the_result_alone(env: str, tmp_path: Path) -> None:
    data = os.urandom(3 * MiB)
    (tmp_path / "data.bin").write_bytes(data)

    up = gpuaas("storage", "cp", str(tmp_path / "data.bin"), "gpuaas:/d/")
    down = gpuaas("storage", "cp", "gpuaas:/d/data.bin", str(tmp_path / "back.bin"))

    assert (up.returncode, down.returncode) == (0, 0), up.stderr + down.stderr
    assert up.stderr == down.stderr == ""  # no bar, no escapes
    assert up.stdout.startswith(f"uploaded: /d/data.bin ({3 * MiB} bytes, sha256 ")
    assert down.stdout == f"downloaded: /d/data.bin to {tmp_path / 'back.bin'}\n"
    assert (tmp_path / "back.bin").read_bytes() == data


def test_cp_verifies_a_download_by_sha256_when_asked_and_refuses_unknown_checksums(
    env: str, tmp_path: Path
) -> None:
    data = os.urandom(MiB)
    (tmp_path / "data.bin").write_bytes(data)
    assert gpuaas("storage", "cp", str(tmp_path / "data.bin"), "gpuaas:/d/").returncode == 0

    sha = gpuaas("storage", "cp", "--checksum", "sha256", "gpuaas:/d/data.bin", str(tmp_path / "a"))
    md5 = gpuaas("storage", "cp", "--checksum", "md5", "gpuaas:/d/data.bin", str(tmp_path / "b"))

    assert sha.returncode == 0 and (tmp_path / "a").read_bytes() == data
    assert md5.returncode == 2 and not (tmp_path / "b").exists()
    assert md5.stderr == (
        "gpuaas storage cp: error: checksum must be one of crc32, sha256 (got 'md5')"
        " (code=invalid_argument)\n"
    )


def test_folders_are_made_listed_moved_and_removed(env: str, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("hello")

    made = as_json(gpuaas("storage", "mkdir", "/runs/1", "-o", "json"))
    assert gpuaas("storage", "cp", str(tmp_path / "a.txt"), "gpuaas:/runs/1/").returncode == 0
    moved = as_json(gpuaas("storage", "mv", "/runs/1", "/runs/2", "-o", "json"))
    listed = as_json(gpuaas("storage", "ls", "/runs", "-r", "-o", "json"))
    refused = gpuaas("storage", "rm", "/runs")
    removed = as_json(gpuaas("storage", "rm", "/runs", "-r", "-o", "json"))
    gone = gpuaas("storage", "ls", "/runs")

    assert (made["path"], made["kind"]) == ("/runs/1/", "folder")
    assert (moved["path"], moved["kind"]) == ("/runs/2/", "folder")
    assert [(o["path"], o["kind"]) for o in listed] == [
        ("/runs/2/", "folder"),
        ("/runs/2/a.txt", "file"),
    ]
    assert refused.returncode == 1 and "code=invalid_state" in refused.stderr
    assert removed == {"path": "/runs/", "deleted": True}
    assert gone.returncode == 6 and "code=object_not_found" in gone.stderr


def test_ctrl_c_during_cp_says_what_was_kept_and_the_same_command_resumes(
    env: str, sim: Simulator, client: Client, tmp_path: Path
) -> None:
    source = tmp_path / "big.bin"
    source.write_bytes(os.urandom(20 * MiB))  # three 8 MiB parts
    sim.faults.add(Fault("PUT", "/v1/storage/uploads/*", kind="latency", delay=30.0, times=None))
    sidecar = tmp_path / "big.bin.gpuaas-upload"

    process = start("storage", "cp", str(source), "gpuaas:/big.bin")
    deadline = time.monotonic() + 60
    while not sidecar.is_file():
        assert time.monotonic() < deadline, "the upload did not start"
        time.sleep(0.02)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    sim.faults.clear()
    again = gpuaas("storage", "cp", str(source), "gpuaas:/big.bin")

    assert process.returncode == 130
    assert stderr == (
        f"gpuaas storage cp: interrupted; the upload of big.bin can resume from {sidecar}: "
        "run the same upload again to send only the missing parts\n"
    )
    assert again.returncode == 0, again.stderr
    assert not sidecar.exists()
    assert client.storage.stat("/big.bin").size_bytes == 20 * MiB
