"""Progress bars of storage transfers: a ready-made bar, `progress=True`, the CLI."""

import asyncio
import fcntl
import io
import os
import struct
import subprocess
import sys
import termios
import threading
from pathlib import Path

import pytest

from gpuaas_sdk import AsyncClient, Client
from gpuaas_sdk.auth import DevPasswordAuth
from gpuaas_sdk.progress import ProgressBar

MiB = 1024 * 1024
SMALL_PARTS = {"part_size": MiB, "multipart_threshold": MiB, "max_concurrency": 3}


def _file(path: Path, size: int) -> Path:
    path.write_bytes(os.urandom(size))
    return path


def test_a_bar_follows_a_parallel_multipart_upload_and_its_download(
    client: Client, tmp_path: Path
) -> None:
    source = _file(tmp_path / "big.bin", 5 * MiB + 123)
    out = io.StringIO()
    with ProgressBar("big.bin", file=out) as bar:
        client.storage.upload(source, "/big.bin", progress=bar, **SMALL_PARTS)
        assert (bar.done, bar.total) == (source.stat().st_size, source.stat().st_size)
    assert "big.bin" in out.getvalue()
    assert "100%" in out.getvalue()

    down = io.StringIO()
    with ProgressBar(file=down) as bar:
        target = client.storage.download("/big.bin", tmp_path / "back.bin", progress=bar)
        assert bar.done == bar.total == source.stat().st_size
    assert target.read_bytes() == source.read_bytes()
    assert "100%" in down.getvalue()


def test_the_same_bar_works_for_the_async_client(base_url: str, tmp_path: Path) -> None:
    source = _file(tmp_path / "big.bin", 4 * MiB + 7)

    async def main() -> tuple[int, int, int]:
        auth = DevPasswordAuth("dev-user", "dev123")
        async with AsyncClient(base_url, auth=auth) as client:
            with ProgressBar(file=io.StringIO()) as up:
                await client.storage.upload(source, "/a.bin", progress=up, **SMALL_PARTS)
            with ProgressBar(file=io.StringIO()) as down:
                await client.storage.download("/a.bin", tmp_path / "a.bin", progress=down)
            return up.done, down.done, down.total or 0

    assert asyncio.run(main()) == (source.stat().st_size,) * 3


def test_progress_true_draws_nothing_when_stderr_is_not_a_terminal(
    client: Client, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _file(tmp_path / "big.bin", 2 * MiB)
    client.storage.upload(source, "/big.bin", progress=True, **SMALL_PARTS)
    client.storage.download("/big.bin", tmp_path / "back.bin", progress=True)

    assert capsys.readouterr().err == ""
    assert (tmp_path / "back.bin").read_bytes() == source.read_bytes()


def test_a_progress_that_is_not_a_callback_is_refused(client: Client, tmp_path: Path) -> None:
    source = _file(tmp_path / "f.bin", 10)
    with pytest.raises(TypeError, match="progress must be a callable"):
        client.storage.upload(source, "/f.bin", progress="yes")  # type: ignore[arg-type]


def test_reports_from_many_threads_never_count_twice() -> None:
    """Parallel workers report running totals; the bar shows the highest, once."""
    total = 64 * 1000
    with ProgressBar(file=io.StringIO()) as bar:

        def worker(offset: int) -> None:
            for step in range(offset, total + 1, 8 * 1000):
                bar(step, total)

        threads = [threading.Thread(target=worker, args=(k * 1000,)) for k in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert (bar.done, bar.total) == (total, total)


def test_a_download_that_starts_over_starts_the_bar_over() -> None:
    with ProgressBar(file=io.StringIO()) as bar:
        bar(0, 100)
        bar(60, 100)
        bar(0, 120)  # the file changed on the server: the download begins again
        assert (bar.done, bar.total) == (0, 120)
        bar(120, 120)
        assert bar.done == 120


def _run_on_a_terminal(args: list[str]) -> tuple[int, str, str]:
    """Run `python -m gpuaas_sdk ...` with stderr on a real pseudo-terminal (80 columns)."""
    leader, follower = os.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "gpuaas_sdk", *args],
            stdout=subprocess.PIPE,
            stderr=follower,
            text=True,
        )
    finally:
        os.close(follower)
    chunks: list[bytes] = []
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    stdout, _ = process.communicate(timeout=60)
    return process.returncode, stdout, b"".join(chunks).decode(errors="replace")


def test_the_cli_uploads_with_a_bar_on_a_terminal_and_downloads_quietly_in_a_pipe(
    env: str, tmp_path: Path
) -> None:
    source = _file(tmp_path / "weights.bin", 3 * MiB)

    code, stdout, terminal = _run_on_a_terminal(["upload", str(source), "/weights.bin"])
    assert code == 0, stdout + terminal
    assert stdout.startswith(f"uploaded: /weights.bin ({3 * MiB} bytes, sha256 ")
    assert "upload" in terminal
    assert "100%" in terminal

    result = subprocess.run(
        [sys.executable, "-m", "gpuaas_sdk", "download", "/weights.bin", str(tmp_path / "w")],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == f"downloaded: /weights.bin to {tmp_path / 'w'}\n"
    assert result.stderr == ""
    assert (tmp_path / "w").read_bytes() == source.read_bytes()


def test_the_cli_names_a_failed_transfer(env: str, tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "gpuaas_sdk", "download", "/missing.bin", str(tmp_path / "m")],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.startswith("download: FAILED: ")
    assert len(result.stderr.splitlines()) == 1
