"""Simulated time: real time scaled by a speed factor, plus jumps the tests ask for."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from datetime import UTC, datetime, timedelta
from typing import Any

__all__ = ["SimClock", "format_time"]


class SimClock:
    """`now() = anchor + (source() - origin) * speed`, where `advance()` moves the anchor.

    Every state transition in the simulator is computed from this clock when it
    is read, so a test that calls `advance()` sees the platform jump forward
    deterministically, and `speed=0` freezes time entirely.

    `monotonic` is the source of real seconds. A clock whose state is kept in a
    database uses the wall clock (`time.time`), so its `snapshot()` (anchor, origin,
    speed) means the same time to every process that restores it; `now()` never
    returns less than it returned before, even if the wall clock is set back.
    """

    def __init__(
        self,
        speed: float = 1.0,
        *,
        start: datetime | None = None,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        if speed < 0:
            raise ValueError("clock speed must not be negative")
        self.speed = speed
        self._monotonic = monotonic
        self._lock = threading.Lock()
        self._fixed_start = start
        self.guard: Callable[[], AbstractContextManager[Any]] = nullcontext
        """Wraps `advance()` and `set_speed()`: a shared state makes them transactions."""
        self.reset()

    def reset(self) -> None:
        """Restart the clock at the real current time (or the fixed start) with no advances."""
        with self._lock:
            # Whole milliseconds, the precision of the API's timestamps, so a frozen
            # clock yields exactly the times the API reports.
            start = self._fixed_start or datetime.now(UTC)
            self._start = start.replace(microsecond=start.microsecond // 1000 * 1000)
            self._origin = self._monotonic()
            self._advanced = 0.0
            self._latest: datetime | None = None

    def now(self) -> datetime:
        """The current simulated time, timezone-aware UTC."""
        with self._lock:
            elapsed = (self._monotonic() - self._origin) * self.speed + self._advanced
            moment = self._start + timedelta(seconds=elapsed)
            if self._latest is not None and moment < self._latest:
                return self._latest
            self._latest = moment
            return moment

    def set_speed(self, speed: float) -> None:
        """Run at `speed` from now on; the time already elapsed is kept, so nothing jumps."""
        if speed < 0:
            raise ValueError("clock speed must not be negative")
        if speed == self.speed:
            return  # nothing moves: the saved clock stays as it is
        with self.guard(), self._lock:
            now = self._monotonic()
            self._advanced += (now - self._origin) * self.speed
            self._origin = now
            self.speed = speed

    def advance(self, seconds: float) -> None:
        """Jump simulated time forward; time never runs backwards."""
        if seconds < 0:
            raise ValueError("the clock cannot go backwards")
        with self.guard(), self._lock:
            self._advanced += seconds

    def resume_from(self, moment: datetime) -> None:
        """Go on from a persisted `moment`: later of it and the clock's own now, never earlier."""
        with self._lock:
            elapsed = (self._monotonic() - self._origin) * self.speed + self._advanced
            current = self._start + timedelta(seconds=elapsed)
            if moment > current:
                self._advanced += (moment - current).total_seconds()

    # -- persistence -------------------------------------------------------------

    def snapshot(self) -> dict[str, Any]:
        """Anchor, origin and speed: the same data for as long as nobody steers the clock."""
        with self._lock:
            anchor = self._start + timedelta(seconds=self._advanced)
            return {"anchor": anchor.isoformat(), "origin": self._origin, "speed": self.speed}

    def restore(self, data: dict[str, Any]) -> None:
        """Take a `snapshot()` over (from this process or another one on the same wall clock)."""
        anchor = datetime.fromisoformat(str(data["anchor"]))
        origin, speed = float(data["origin"]), float(data["speed"])
        if speed < 0 or anchor.tzinfo is None:
            raise ValueError("a saved clock needs a timezone and a speed of 0 or more")
        with self._lock:
            self._start, self._origin, self._advanced = anchor, origin, 0.0
            self.speed = speed
            self._latest = None


def format_time(moment: datetime) -> str:
    """RFC 3339 in UTC with a `Z`, millisecond precision, as the contract's timestamps."""
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
