"""Pacing requests to the platform's rate limit, for one client or a whole fleet.

A `RateLimiter` hands every request attempt a slot before it goes out, from a token
bucket: `rate` requests a second, at most `burst` at once; a slot not yet due is a wait.
The bucket is learnt from the platform's answers: `X-RateLimit-Policy` (`100;w=1`)
gives the rate (limit / window; the burst is a tenth of the limit, leaving the server's
own bucket room for requests that arrive bunched), `X-RateLimit-Remaining` below the
burst trims it (someone else spends the same budget), and a 429's `Retry-After(-Ms)`
pauses every request until then (the pause is a debt the bucket pays back).

`LocalRateLimiter` keeps the bucket in this process: each client paces itself, so N
processes on one account let N times the limit through. `RedisRateLimiter`
(`gpuaas_sdk[redis]`) keeps it in Redis, changed only by atomic scripts, so every client
of a fleet draws on one budget. Both run the rules of `Bucket`; the Redis script is their
transcription (`_redis/scripts.py`), and a unit test runs both on the same answers.
"""

from __future__ import annotations

import math
import re
import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass

from gpuaas_api.exceptions import RateLimitExceeded

from .headers import retry_after

__all__ = [
    "Bucket",
    "Feedback",
    "LocalRateLimiter",
    "RateLimiter",
    "feedback_of",
]

BURST_SHARE = 0.1
"""The client's burst as a share of the server's: the rest absorbs bunched arrivals."""
MAX_WAIT = 60.0
"""The longest a request waits for its slot; past it, `RateLimitExceeded` without sending."""

_POLICY = re.compile(r"^\s*(\d+)\s*;\s*w\s*=\s*(\d+(?:\.\d+)?)\s*$")


@dataclass(frozen=True)
class Feedback:
    """What one answer says about the budget; None where it says nothing."""

    rate: float | None = None
    burst: float | None = None
    remaining: int | None = None
    pause: float | None = None
    """Seconds to send nothing (a 429's Retry-After)."""


def feedback_of(status_code: int, headers: Mapping[str, str]) -> Feedback:
    """Read the rate-limit headers of an answer (unreadable values count as absent)."""
    rate = burst = None
    policy = _POLICY.match(headers.get("x-ratelimit-policy", ""))
    if policy is not None:
        limit, window = int(policy[1]), float(policy[2])
        if limit > 0 and window > 0:
            rate, burst = limit / window, max(1.0, math.floor(limit * BURST_SHARE))
    remaining = None
    raw = headers.get("x-ratelimit-remaining")
    if raw is not None and raw.strip().isdigit():
        remaining = int(raw)
    pause = retry_after(headers) if status_code == 429 else None
    if status_code == 429 and pause is None:
        pause = 1.0  # refused without saying for how long: a second, as the retries would
    return Feedback(rate, burst, remaining, pause)


@dataclass
class Bucket:
    """The pacing rules, on a token bucket whose tokens may go negative.

    A negative level is the queue: each reservation takes a token and waits until the
    level it left is paid back at `rate`. Until a policy is known (`rate` None) nothing
    is paced: the first answers teach it. Run by `LocalRateLimiter` in Python and by
    `RedisRateLimiter` as a Lua script, with the same arithmetic.
    """

    rate: float | None = None
    burst: float = 1.0
    tokens: float = 1.0
    at: float = 0.0
    """When `tokens` was counted."""

    def refill(self, now: float) -> None:
        if self.rate is not None:
            self.tokens = min(self.burst, self.tokens + max(0.0, now - self.at) * self.rate)
        self.at = max(self.at, now)

    def reserve(self, now: float, max_wait: float) -> float:
        """Seconds until this request's slot; when that is past `max_wait`, its opposite
        (negative), and nothing was reserved."""
        self.refill(now)
        if self.rate is None:
            return 0.0
        wait = (1 - self.tokens) / self.rate if self.tokens < 1 else 0.0
        if wait > max_wait:
            return -wait
        self.tokens -= 1
        return wait

    def observe(self, now: float, feedback: Feedback, *, learn: bool = True) -> None:
        self.refill(now)
        if learn and feedback.rate is not None and feedback.burst is not None:
            if self.rate is None:
                self.tokens = feedback.burst
            self.rate, self.burst = feedback.rate, feedback.burst
            self.tokens = min(self.tokens, self.burst)
        if feedback.remaining is not None:
            self.tokens = min(self.tokens, float(feedback.remaining))
        if feedback.pause is not None and self.rate is not None:
            self.tokens = min(self.tokens, -feedback.pause * self.rate)

    def worth_telling(self, feedback: Feedback, *, learn: bool = True) -> bool:
        """Whether an answer changes anything: a new policy, a low remainder, a pause."""
        new_policy = (
            learn
            and feedback.rate is not None
            and (feedback.rate != self.rate or feedback.burst != self.burst)
        )
        low = feedback.remaining is not None and feedback.remaining < self.burst
        return new_policy or low or feedback.pause is not None


class RateLimiter(ABC):
    """Hands each request attempt its slot, and learns the budget from the answers.

    `rate` / `burst` fix the budget instead of learning it from `X-RateLimit-Policy`
    (the remainder and 429s are still heeded).
    """

    def __init__(
        self, *, rate: float | None = None, burst: float | None = None, max_wait: float = MAX_WAIT
    ) -> None:
        if rate is not None and rate <= 0:
            raise ValueError(f"rate must be positive requests per second (got {rate})")
        if burst is not None and burst < 1:
            raise ValueError(f"burst must be at least 1 (got {burst})")
        if max_wait < 0:
            raise ValueError(f"max_wait must be 0 or more seconds (got {max_wait})")
        self.learn = rate is None
        self.rate = rate
        """The fixed rate, or None: learnt from the platform's answers."""
        self.burst = burst if burst is not None else max(1.0, math.floor((rate or 0) * BURST_SHARE))
        self.max_wait = max_wait

    @abstractmethod
    def reserve(self) -> float:
        """Take a slot: the seconds to wait before sending (raises when past `max_wait`)."""

    @abstractmethod
    def observe(self, status_code: int, headers: Mapping[str, str]) -> None:
        """Learn from an answer."""

    async def areserve(self) -> float:
        return self.reserve()

    async def aobserve(self, status_code: int, headers: Mapping[str, str]) -> None:
        self.observe(status_code, headers)

    def close(self) -> None:  # noqa: B027 (optional: an in-process limiter keeps it)
        """Release connections the limiter holds (none in-process)."""

    async def aclose(self) -> None:
        self.close()

    def _too_long(self, wait: float) -> RateLimitExceeded:
        return RateLimitExceeded(
            f"the rate budget has no slot for {wait:.1f} s, longer than max_wait="
            f"{self.max_wait:g} s; nothing was sent (slow down, or raise max_wait)",
            code="rate_limit_exceeded",
            retry_after=wait,
        )


class LocalRateLimiter(RateLimiter):
    """The budget of this process alone (shared by the clients given the same limiter)."""

    def __init__(
        self, *, rate: float | None = None, burst: float | None = None, max_wait: float = MAX_WAIT
    ) -> None:
        super().__init__(rate=rate, burst=burst, max_wait=max_wait)
        self._bucket = Bucket(self.rate, self.burst, self.burst, time.monotonic())
        self._lock = threading.Lock()

    def reserve(self) -> float:
        with self._lock:
            wait = self._bucket.reserve(time.monotonic(), self.max_wait)
        if wait < 0:
            raise self._too_long(-wait)
        return wait

    def observe(self, status_code: int, headers: Mapping[str, str]) -> None:
        feedback = feedback_of(status_code, headers)
        with self._lock:
            if self._bucket.worth_telling(feedback, learn=self.learn):
                self._bucket.observe(time.monotonic(), feedback, learn=self.learn)

    @property
    def bucket(self) -> Bucket:
        """A copy of the bucket's state (for dashboards and tests)."""
        with self._lock:
            return Bucket(
                self._bucket.rate, self._bucket.burst, self._bucket.tokens, self._bucket.at
            )

    def __repr__(self) -> str:
        bucket = self._bucket
        rate = "learning" if bucket.rate is None else f"{bucket.rate:g}"
        return f"LocalRateLimiter(rate={rate}, burst={bucket.burst:g})"
