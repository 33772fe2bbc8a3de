"""The installed `gpuaas` executable, run as a script runs it (pipes) or a person (a pty)."""

from __future__ import annotations

import fcntl
import json
import os
import select
import struct
import subprocess
import sys
import termios
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

GPUAAS = str(Path(sys.executable).with_name("gpuaas"))
"""The console script beside this Python (the venv's, or the one nox installed)."""
BROWSER = Path(__file__).with_name("cli_browser.py")


def gpuaas(*args: str, stdin: str | None = None, **env: str) -> subprocess.CompletedProcess[str]:
    """`gpuaas ARGS...` with stdout and stderr on pipes; `env` added to this environment."""
    return subprocess.run(
        [GPUAAS, *args],
        input=stdin,
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=120,
        check=False,
    )


def start(*args: str, **env: str) -> subprocess.Popen[str]:
    """`gpuaas ARGS...` running on, stdout and stderr on pipes."""
    return subprocess.Popen(
        [GPUAAS, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **env},
    )


def as_json(result: subprocess.CompletedProcess[str]) -> Any:
    """The JSON a successful run printed (its stderr in the failure message if not)."""
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def browser(seen: Path) -> str:
    """A `BROWSER` value: `cli_browser.py`, writing each URL it opens to `seen`."""
    return f"{sys.executable} {BROWSER} {seen} %s"


@dataclass(frozen=True)
class TerminalRun:
    returncode: int
    screen: str
    """What was written to the terminal (stdout too, unless it was piped), escapes included."""
    piped: str
    """What went to stdout when it was a pipe."""


def on_a_terminal(*args: str, columns: int = 100, pipe_stdout: bool = False) -> TerminalRun:
    """`gpuaas ARGS...` with stdout and stderr on a pseudo-terminal, as a person runs it;
    with `pipe_stdout`, stdout goes to a pipe (`gpuaas ... | tee`), stderr to the terminal."""
    leader, follower = os.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 30, columns, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": str(columns)}
    env.pop("NO_COLOR", None)
    try:
        process = subprocess.Popen(
            [GPUAAS, *args],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE if pipe_stdout else follower,
            stderr=follower,
            env=env,
        )
    finally:
        os.close(follower)
    seen = b""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        ready, _, _ = select.select([leader], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # EIO: the command closed the terminal, it is done
                break
            if not chunk:
                break
            seen += chunk
        elif process.poll() is not None:
            break
    os.close(leader)
    piped = process.stdout.read() if process.stdout is not None else b""  # a few lines
    return TerminalRun(
        process.wait(timeout=30), seen.decode(errors="replace"), piped.decode(errors="replace")
    )
