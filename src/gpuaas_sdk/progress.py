"""Progress bars for storage transfers on a terminal.

`client.storage.upload(..., progress=...)` and `download` call `progress(done, total)`
with bytes. Pass `progress=True` for a bar on stderr when stderr is a terminal (and
nothing otherwise, so logs of scripts and CI stay clean), or a `ProgressBar` of your
own (another stream, a description). tqdm draws the bar; it is imported only when a
bar is made, so `import gpuaas_sdk` does not pay for it.
"""

from __future__ import annotations

import contextlib
import sys
import threading
from collections.abc import Iterator
from types import TracebackType
from typing import IO, TYPE_CHECKING, Any, Self

from ._transfers.plan import Progress

if TYPE_CHECKING:
    from tqdm import tqdm

__all__ = ["ProgressBar", "ProgressOption", "progress_reporter"]

ProgressOption = Progress | bool | None
"""What `progress=` takes: a callback `(done, total)`, True for a terminal bar, or nothing."""


class ProgressBar:
    """A `progress=` callback that draws a bar of bytes (tqdm); close it, or use `with`.

    Thread-safe: transfers may report from worker threads or tasks, so a count lower
    than the one shown is ignored as stale. One bar follows one transfer; a download
    that starts over (the file changed) reports 0 and starts the bar over.
    """

    def __init__(
        self, description: str | None = None, *, file: IO[str] | None = None, leave: bool = True
    ) -> None:
        from tqdm import tqdm

        self._lock = threading.Lock()
        self._bar: tqdm[Any] = tqdm(
            desc=description,
            total=None,
            unit="B",
            unit_scale=True,
            unit_divisor=1024,
            file=file if file is not None else sys.stderr,
            leave=leave,
            dynamic_ncols=True,
        )

    @property
    def done(self) -> int:
        """Bytes shown as transferred."""
        return int(self._bar.n)

    @property
    def total(self) -> int | None:
        return None if self._bar.total is None else int(self._bar.total)

    def __call__(self, done: int, total: int) -> None:
        with self._lock:
            bar = self._bar
            if done == 0 and bar.n:
                bar.reset(total=total)  # a download that starts over from the beginning
            elif bar.total != total:
                bar.total = total
            if done > bar.n:  # a smaller count is a stale report from a slower worker
                bar.update(done - bar.n)

    def close(self) -> None:
        with self._lock:
            self._bar.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def _stderr_is_a_terminal() -> bool:
    stream = sys.stderr
    return stream is not None and hasattr(stream, "isatty") and stream.isatty()


@contextlib.contextmanager
def progress_reporter(progress: ProgressOption, description: str) -> Iterator[Progress | None]:
    """The callback for one transfer; a bar made for `progress=True` is closed at the end."""
    if progress is None or progress is False:
        yield None
    elif progress is True:
        if not _stderr_is_a_terminal():
            yield None
            return
        with ProgressBar(description) as bar:
            yield bar
    elif callable(progress):
        yield progress  # the caller's own callback or bar: theirs to close
    else:
        raise TypeError(
            f"progress must be a callable (done, total), True or None, not {progress!r}"
        )
