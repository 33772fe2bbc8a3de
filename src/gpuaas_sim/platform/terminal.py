"""The shell behind an allocation's browser terminal: small, deterministic, shell-like.

It is transport-free: `ShellSession.feed(text)` takes keystrokes (as a `stdin` frame
carries them) and returns the frames to send back, so the WebSocket route only moves
frames and the behaviour is testable on its own. Like a pty, it echoes what is typed,
runs a line on Enter (`\\r` or `\\n`), and knows a handful of commands: `echo` (with
`$?`), `pwd`, `whoami`, `hostname`, `nvidia-smi`, `stty size`, `exit [code]`, with `;`
between commands.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from .catalog import Sku

__all__ = ["Frame", "ShellSession", "TerminalSessions"]

Frame = dict[str, Any]
"""One server frame as JSON: `stdout`, `stderr` or `exit` (components/terminal.yaml)."""

_BACKSPACES = ("\x7f", "\b")
_INTERRUPT = "\x03"
_END_OF_INPUT = "\x04"


def _row(left: str, middle: str, right: str) -> str:
    """One row of the `nvidia-smi` table: three right-aligned cells, as the real one prints."""
    return f"| {left:<39} | {middle:>20} | {right:>20} |"


def _stdout(data: str) -> Frame:
    return {"type": "stdout", "data": data}


def _stderr(data: str) -> Frame:
    return {"type": "stderr", "data": data}


@dataclass
class ShellSession:
    """One login shell on an allocation; `exit_code` is set once the shell has ended."""

    user: str
    hostname: str
    sku: Sku | None
    gpus: int
    cols: int = 80
    rows: int = 24
    last_status: int = 0
    exit_code: int | None = None
    _line: list[str] = field(default_factory=list)

    @property
    def home(self) -> str:
        return f"/home/{self.user}"

    @property
    def prompt(self) -> str:
        return f"{self.user}@{self.hostname}:~$ "

    def start(self) -> list[Frame]:
        """The banner and the first prompt, sent as soon as the connection opens."""
        model = self.sku.gpu_model if self.sku else "GPU"
        banner = (
            "Welcome to GPUaaS (Ubuntu 22.04.4 LTS, GNU/Linux 5.15.0-105-generic x86_64)\r\n"
            f"\r\n  Allocation {self.hostname}: {self.gpus} x {model}\r\n\r\n"
        )
        return [_stdout(banner + self.prompt)]

    def resize(self, cols: int, rows: int) -> None:
        """Remember the window size (acknowledged silently, as a pty does)."""
        self.cols, self.rows = cols, rows

    def feed(self, data: str) -> list[Frame]:
        """Process typed text; return the frames it produced (an `exit` frame comes last)."""
        frames: list[Frame] = []
        echo: list[str] = []

        def flush_echo() -> None:
            if echo:
                frames.append(_stdout("".join(echo)))
                echo.clear()

        for char in data:
            if self.exit_code is not None:
                break
            if char in ("\r", "\n"):
                echo.append("\r\n")
                flush_echo()
                frames.extend(self._run_line("".join(self._line)))
                self._line.clear()
            elif char in _BACKSPACES:
                if self._line:
                    self._line.pop()
                    echo.append("\b \b")
            elif char == _INTERRUPT:
                echo.append("^C\r\n" + self.prompt)
                self._line.clear()
                self.last_status = 130
            elif char == _END_OF_INPUT and not self._line:
                echo.append("logout\r\n")
                flush_echo()
                frames.extend(self._exit(self.last_status))
            elif char.isprintable() or char == "\t":
                self._line.append(char)
                echo.append(char)
        flush_echo()
        return frames

    # -- commands --------------------------------------------------------------

    def _run_line(self, line: str) -> list[Frame]:
        frames: list[Frame] = []
        for command in line.split(";"):
            words = command.split()
            if not words:
                continue
            frames.extend(self._run(words))
            if self.exit_code is not None:
                return frames
        frames.append(_stdout(self.prompt))
        return frames

    def _run(self, words: list[str]) -> list[Frame]:
        name, args = words[0], [self._expand(w) for w in words[1:]]
        previous, self.last_status = self.last_status, 0
        if name == "exit":
            return self._exit_command(args, previous)
        if name == "echo":
            return [_stdout(" ".join(args) + "\r\n")]
        if name == "pwd":
            return [_stdout(self.home + "\r\n")]
        if name == "whoami":
            return [_stdout(self.user + "\r\n")]
        if name == "hostname":
            return [_stdout(self.hostname + "\r\n")]
        if name == "nvidia-smi":
            return [_stdout(self._nvidia_smi())]
        if name == "stty" and args == ["size"]:
            return [_stdout(f"{self.rows} {self.cols}\r\n")]
        if name == "true":
            return []
        if name == "false":
            self.last_status = 1
            return []
        self.last_status = 127
        return [_stderr(f"bash: {name}: command not found\r\n")]

    def _expand(self, word: str) -> str:
        return word.replace("$?", str(self.last_status)).replace("$USER", self.user)

    def _exit_command(self, args: list[str], previous: int) -> list[Frame]:
        """`exit [n]`; without `n`, the status of the command before it."""
        if not args:
            return self._exit(previous)
        try:
            code = int(args[0])
        except ValueError:
            self.last_status = 2
            return [
                _stderr(f"bash: exit: {args[0]}: numeric argument required\r\n"),
                *self._exit(2),
            ]
        return self._exit(code % 256)

    def _exit(self, code: int) -> list[Frame]:
        self.exit_code = code
        return [{"type": "exit", "code": code}]

    def _nvidia_smi(self) -> str:
        model = self.sku.gpu_model if self.sku else "NVIDIA GPU"
        memory_mib = (self.sku.gpu_memory_gb if self.sku else 80) * 1024
        rule = "+" + "-" * 41 + "+" + "-" * 22 + "+" + "-" * 22 + "+"
        lines = [
            "+" + "-" * 87 + "+",
            "| NVIDIA-SMI 550.54.15"
            + " " * 12
            + "Driver Version: 550.54.15      CUDA Version: 12.4     |",
            rule,
            _row(
                "GPU  Name                 Persistence-M",
                "Bus-Id        Disp.A",
                "Volatile Uncorr. ECC",
            ),
            _row("Fan  Temp   Perf          Pwr:Usage/Cap", "Memory-Usage", "GPU-Util  Compute M."),
            rule.replace("-", "="),
        ]
        for index in range(self.gpus):
            lines.append(
                _row(
                    f"{index:>3}  {model[:24]:<24}      On",
                    f"00000000:{index + 0x18:02X}:00.0 Off",
                    f"{0:>20}",
                )
            )
            lines.append(
                _row(
                    "N/A   31C    P0     72W /  700W", f"0MiB / {memory_mib}MiB", "0%      Default"
                )
            )
            lines.append(rule)
        lines += [
            "",
            "+" + "-" * 87 + "+",
            "| Processes:" + " " * 76 + "|",
            "|  No running processes found" + " " * 59 + "|",
            "+" + "-" * 87 + "+",
        ]
        return "\r\n".join(lines) + "\r\n"


class TerminalSessions:
    """The shells open right now, by allocation: what a test asks "did the resize arrive?"."""

    def __init__(self) -> None:
        self._open: list[tuple[str, ShellSession]] = []
        self._lock = threading.Lock()

    @contextmanager
    def opened(self, allocation_id: str, session: ShellSession) -> Iterator[ShellSession]:
        """Count `session` as open on the allocation for the duration of the block."""
        entry = (allocation_id, session)
        with self._lock:
            self._open.append(entry)
        try:
            yield session
        finally:
            with self._lock:
                self._open.remove(entry)

    def of(self, allocation_id: str) -> list[ShellSession]:
        """The allocation's open sessions, oldest first."""
        with self._lock:
            return [session for owner, session in self._open if owner == allocation_id]
