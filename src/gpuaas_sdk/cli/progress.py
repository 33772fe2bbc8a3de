"""What a person sees while a command works: transfer bars (rich) and wait states.

A bar is drawn on stderr only when the command talks to a person: stdout and stderr
are terminals and the output is a table. Under a pipe, in a script or with
`--output json`, nothing is drawn, so captured output holds the result alone.
"""

from __future__ import annotations

import contextlib
import sys
import threading
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from .._smoke import wait_line
from .session import current, stderr_is_terminal, stdout_is_terminal

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

    from .._waiters.waiter import WaitProgress

TransferProgress = Callable[[int, int], None]


def draws_bars() -> bool:
    """Whether this run shows progress bars: a person at a terminal, reading a table."""
    return not current().for_scripts and stdout_is_terminal() and stderr_is_terminal()


class TransferBar:
    """A `progress=` callback for one transfer, drawn with rich on stderr.

    Parts report from worker threads, so a count lower than the one shown is stale
    and ignored; a download that starts over (the file changed) reports 0.
    """

    def __init__(self, progress: Progress, task: TaskID) -> None:
        self._progress = progress
        self._task = task
        self._lock = threading.Lock()
        self.done = 0

    def __call__(self, done: int, total: int) -> None:
        with self._lock:
            if done == 0 and self.done:
                self.done = 0
                self._progress.reset(self._task, total=total)
            if done >= self.done:
                self.done = done
                self._progress.update(self._task, completed=done, total=total)


@contextlib.contextmanager
def transfer_bar(description: str) -> Iterator[TransferProgress | None]:
    """A bar for one transfer when `draws_bars()`, else None (the SDK then reports nothing)."""
    if not draws_bars():
        yield None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        DownloadColumn,
        Progress,
        TaskProgressColumn,
        TextColumn,
        TimeRemainingColumn,
        TransferSpeedColumn,
    )

    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        TaskProgressColumn(),
        DownloadColumn(binary_units=True),
        TransferSpeedColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=Console(file=sys.stderr), transient=False) as progress:
        yield TransferBar(progress, progress.add_task(description, total=None))


def state_lines(stream: str = "stderr") -> Callable[[WaitProgress], None]:
    """A waiter's `progress=` callback: one line per state the resource passes.

    The lines are the smoke check's (`_smoke.wait_line`); a failed look goes to stderr.
    """

    def show(progress: WaitProgress) -> None:
        line = wait_line(progress)
        if line is not None:
            to_stdout = stream == "stdout" and progress.error is None
            print(line, file=sys.stdout if to_stdout else sys.stderr, flush=True)

    return show


def wait_states() -> Callable[[WaitProgress], None] | None:
    """State lines on stderr for a person reading a table; nothing for scripts."""
    return None if current().for_scripts else state_lines()
