"""Per-caller request budget: a token bucket of `limit` requests refilled over `window` seconds.

A caller may send `limit` requests at once, then `limit` per `window` seconds of real
time, evenly (each request's slot comes back `window / limit` seconds later), as a
gateway's token bucket does. So a budget of 100 per second lets a steady 100 requests a
second through whatever their spacing, and a client pacing itself at that rate is never
refused, while 101 a second are refused the excess. Every answer says so in headers:
`X-RateLimit-Limit` (the bucket), `-Remaining` (what is left of it now), `-Reset`
(seconds until it is whole again) and `-Policy` (`limit;w=window`, the quota policy of the
IETF rate-limit headers draft), from which a client learns the rate to pace itself at.
"""

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
    window: float = WINDOW_SECONDS
    retry_after_ms: int = 0
    """When refused: milliseconds until one request's slot is back."""

    def headers(self) -> dict[str, str]:
        return {
            "X-RateLimit-Limit": str(self.limit),
            "X-RateLimit-Remaining": str(self.remaining),
            "X-RateLimit-Reset": str(self.reset_seconds),
            "X-RateLimit-Policy": f"{self.limit};w={self.window:g}",
        }

    @property
    def retry_after_seconds(self) -> int:
        """`Retry-After` of a refusal: whole seconds, at least 1 (`Retry-After-Ms` is exact)."""
        return max(1, math.ceil(self.retry_after_ms / 1000))


class RateLimiter:
    """Counts requests per key (an access token or a client address) in a token bucket."""

    def __init__(
        self,
        limit: int,
        *,
        window: float = WINDOW_SECONDS,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        if limit < 1 or window <= 0:
            raise ValueError("a rate limit needs at least 1 request per a positive window")
        self.limit = limit
        self.window = window
        self._refill = limit / window
        self._monotonic = monotonic
        self._buckets: dict[str, tuple[float, float]] = {}  # key -> (tokens, when counted)
        self._lock = threading.Lock()

    def hit(self, key: str) -> RateDecision:
        now = self._monotonic()
        with self._lock:
            tokens = self._tokens(key, now)
            allowed = tokens >= 1
            if allowed:
                tokens -= 1
            self._buckets[key] = (tokens, now)
            if len(self._buckets) > 10_000:
                self._forget_full(now)
        reset = max(1, math.ceil((self.limit - tokens) / self._refill))
        wait_ms = 0 if allowed else math.ceil((1 - tokens) / self._refill * 1000)
        return RateDecision(
            self.limit, math.floor(tokens), reset, allowed, self.window, retry_after_ms=wait_ms
        )

    def _tokens(self, key: str, now: float) -> float:
        tokens, then = self._buckets.get(key, (float(self.limit), now))
        return min(float(self.limit), tokens + (now - then) * self._refill)

    def _forget_full(self, now: float) -> None:
        """Drop the buckets that have refilled: a new one starts full anyway."""
        self._buckets = {
            key: (tokens, then)
            for key, (tokens, then) in self._buckets.items()
            if tokens + (now - then) * self._refill < self.limit
        }
