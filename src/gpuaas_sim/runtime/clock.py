"""Simulated time: real time scaled by a speed factor, plus jumps the tests ask for."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

__all__ = ["SimClock", "format_time"]


class SimClock:
    """`now() = start + real elapsed * speed + manual advances`.

    Every state transition in the simulator is computed from this clock when it
    is read, so a test that calls `advance()` sees the platform jump forward
    deterministically, and `speed=0` freezes time entirely.
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

    def now(self) -> datetime:
        """The current simulated time, timezone-aware UTC."""
        with self._lock:
            elapsed = (self._monotonic() - self._origin) * self.speed + self._advanced
        return self._start + timedelta(seconds=elapsed)

    def set_speed(self, speed: float) -> None:
        """Run at `speed` from now on; the time already elapsed is kept, so nothing jumps."""
        if speed < 0:
            raise ValueError("clock speed must not be negative")
        with self._lock:
            now = self._monotonic()
            self._advanced += (now - self._origin) * self.speed
            self._origin = now
            self.speed = speed

    def advance(self, seconds: float) -> None:
        """Jump simulated time forward; time never runs backwards."""
        if seconds < 0:
            raise ValueError("the clock cannot go backwards")
        with self._lock:
            self._advanced += seconds

    def resume_from(self, moment: datetime) -> None:
        """Go on from a persisted `moment`: later of it and the clock's own now, never earlier.

        At speed 1 a restart after a pause lands on real time (lifecycles went on
        meanwhile); a sped-up clock that ran ahead of real time continues from where it was.
        """
        with self._lock:
            elapsed = (self._monotonic() - self._origin) * self.speed + self._advanced
            current = self._start + timedelta(seconds=elapsed)
            if moment > current:
                self._advanced += (moment - current).total_seconds()


def format_time(moment: datetime) -> str:
    """RFC 3339 in UTC with a `Z`, millisecond precision, as the contract's timestamps."""
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
