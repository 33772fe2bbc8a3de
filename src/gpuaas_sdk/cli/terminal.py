"""`gpuaas allocations connect`: this terminal attached to the allocation's shell.

Keystrokes go to the platform's terminal WebSocket as they are typed (the local
terminal in raw mode, its size sent on start and on every SIGWINCH); the shell's
output is written as it comes. With stdin not a terminal, its text is sent as typed
lines and, at its end, Ctrl-D ends the shell. POSIX only (select on stdin).
"""

from __future__ import annotations

import contextlib
import os
import select
import shutil
import signal
import sys
import termios
import tty
from collections.abc import Iterator
from types import FrameType
from typing import TYPE_CHECKING

from gpuaas_api.models import TerminalExit, TerminalStderr

from ..errors import APIConnectionError
from .exits import UNAVAILABLE, CommandError

if TYPE_CHECKING:
    from .._streams._sync.terminal import Terminal
    from .._sync.client import Client

END_OF_INPUT = "\x04"
POLL = 0.05
"""Seconds one look for output may take before stdin is looked at again."""


def attach(client: Client, allocation_id: str) -> int:
    """Run the session until the shell exits; its exit status."""
    cols, rows = _size()
    with (
        client.allocations.open_terminal(allocation_id, cols=cols, rows=rows) as term,
        _raw_input() as raw,
        _resizes(term),
    ):
        stdin = sys.stdin.fileno()
        reading = True
        while term.exit_code is None:
            frame = term.read(timeout=POLL)
            if frame is not None and not isinstance(frame, TerminalExit):
                out = sys.stderr if isinstance(frame, TerminalStderr) else sys.stdout
                out.write(frame.data)
                out.flush()
            if term.closed and term.exit_code is None:
                raise CommandError(
                    "the terminal closed before the shell exited", UNAVAILABLE, code="closed"
                )
            if reading and select.select([stdin], [], [], 0)[0]:
                typed = os.read(stdin, 4096).decode(errors="replace")
                if not typed:
                    reading = False
                    typed = END_OF_INPUT
                elif not raw:
                    typed = typed.replace("\n", "\r")
                try:
                    term.send(typed)
                except APIConnectionError:  # the shell has exited: read what it wrote last
                    reading = False
        return term.exit_code


def _size() -> tuple[int, int]:
    size = shutil.get_terminal_size((80, 24))
    return max(1, min(size.columns, 1000)), max(1, min(size.lines, 1000))


@contextlib.contextmanager
def _raw_input() -> Iterator[bool]:
    """Raw mode while attached, when stdin is a terminal (keys go through as typed)."""
    if not sys.stdin.isatty():
        yield False
        return
    fd = sys.stdin.fileno()
    saved = termios.tcgetattr(fd)
    tty.setraw(fd)
    try:
        yield True
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)


@contextlib.contextmanager
def _resizes(term: Terminal) -> Iterator[None]:
    """Tell the shell the new size whenever the local window changes."""

    def resized(signum: int, frame: FrameType | None) -> None:
        term.resize(*_size())

    previous = signal.signal(signal.SIGWINCH, resized)
    try:
        yield
    finally:
        signal.signal(signal.SIGWINCH, previous)
