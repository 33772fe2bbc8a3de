"""Per-caller request budget over fixed one-minute windows of real time."""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["RateDecision", "RateLimiter"]

WINDOW_SECONDS = 60.0


@dataclass(frozen=True)
class RateDecision:
    limit: int
    remaining: int
    reset_seconds: int
    allowed: bool

    def headers(self) -> dict[str, str]:
        return {
            "X-RateLimit-Limit": str(self.limit),
            "X-RateLimit-Remaining": str(self.remaining),
            "X-RateLimit-Reset": str(self.reset_seconds),
        }


class RateLimiter:
    """Counts requests per key (an access token or a client address) per window."""

    def __init__(self, limit: int, *, monotonic: Callable[[], float] = time.monotonic) -> None:
        self.limit = limit
        self._monotonic = monotonic
        self._windows: dict[str, tuple[float, int]] = {}
        self._lock = threading.Lock()

    def hit(self, key: str) -> RateDecision:
        now = self._monotonic()
        with self._lock:
            start, count = self._windows.get(key, (now, 0))
            if now - start >= WINDOW_SECONDS:
                start, count = now, 0
            count += 1
            self._windows[key] = (start, count)
            if len(self._windows) > 10_000:
                self._forget_stale(now)
        reset = max(1, math.ceil(start + WINDOW_SECONDS - now))
        return RateDecision(self.limit, max(0, self.limit - count), reset, count <= self.limit)

    def _forget_stale(self, now: float) -> None:
        self._windows = {
            key: window for key, window in self._windows.items() if now - window[0] < WINDOW_SECONDS
        }
