"""`RedisRateLimiter`: one rate budget for every client of a fleet."""

from __future__ import annotations

import threading
import weakref
from collections.abc import Mapping
from typing import TYPE_CHECKING

from .._core.ratelimit import MAX_WAIT, Bucket, RateLimiter, feedback_of
from .connection import redacted, require_redis
from .scripts import Pacing

if TYPE_CHECKING:
    import asyncio

    from ._async.bucket import AsyncRedisBucket
    from ._sync.bucket import RedisBucket

__all__ = ["RedisRateLimiter"]


class RedisRateLimiter(RateLimiter):
    """A token bucket in Redis that every client given the same URL and `key` draws on.

    `RedisRateLimiter("redis://host:6379/0", key="default")` (`gpuaas-sdk[redis]`). Each
    request attempt reserves its slot with one atomic script, on Redis's clock (one for
    every host); the budget is learnt from the platform's `X-RateLimit-Policy`, trimmed
    by a low `X-RateLimit-Remaining`, and paused by a 429 for the whole fleet. Give the
    clients that share an account the same `key` (the platform counts per account).
    """

    def __init__(
        self,
        url: str = "redis://127.0.0.1:6379/0",
        *,
        key: str = "default",
        namespace: str = "gpuaas",
        rate: float | None = None,
        burst: float | None = None,
        max_wait: float = MAX_WAIT,
    ) -> None:
        require_redis()
        super().__init__(rate=rate, burst=burst, max_wait=max_wait)
        self.url = url
        self.key = key
        self.namespace = namespace
        self._pacing = Pacing(self.rate, self.burst if self.rate is not None else None, max_wait)
        self._known = Bucket(self.rate, self.burst)
        """The budget as the last reservation saw it: decides which answers are news."""
        self._guard = threading.Lock()
        self._sync: RedisBucket | None = None
        self._async: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, AsyncRedisBucket] = (
            weakref.WeakKeyDictionary()
        )
        """An engine per event loop: redis-py's async connections belong to one."""

    def _engine(self) -> RedisBucket:
        with self._guard:
            if self._sync is None:
                from ._sync.bucket import RedisBucket

                self._sync = RedisBucket(self.url, namespace=self.namespace, key=self.key)
            return self._sync

    def _aengine(self) -> AsyncRedisBucket:
        import asyncio

        from ._async.bucket import AsyncRedisBucket

        loop = asyncio.get_running_loop()
        with self._guard:
            engine = self._async.get(loop)
            if engine is None:
                engine = AsyncRedisBucket(self.url, namespace=self.namespace, key=self.key)
                self._async[loop] = engine
        return engine

    def _slot(self, reply: tuple[float, float | None, float]) -> float:
        wait, rate, burst = reply
        self._known.rate, self._known.burst = rate, burst
        if wait < 0:
            raise self._too_long(-wait)
        return wait

    def reserve(self) -> float:
        return self._slot(self._engine().reserve(self._pacing))

    async def areserve(self) -> float:
        return self._slot(await self._aengine().reserve(self._pacing))

    def observe(self, status_code: int, headers: Mapping[str, str]) -> None:
        feedback = feedback_of(status_code, headers)
        if self._known.worth_telling(feedback, learn=self.learn):
            self._engine().observe(self._pacing, feedback)

    async def aobserve(self, status_code: int, headers: Mapping[str, str]) -> None:
        feedback = feedback_of(status_code, headers)
        if self._known.worth_telling(feedback, learn=self.learn):
            await self._aengine().observe(self._pacing, feedback)

    def close(self) -> None:
        with self._guard:
            engine, self._sync = self._sync, None
        if engine is not None:
            engine.close()

    async def aclose(self) -> None:
        import asyncio

        with self._guard:
            engine = self._async.pop(asyncio.get_running_loop(), None)
        if engine is not None:
            await engine.aclose()

    def __repr__(self) -> str:
        return f"RedisRateLimiter({redacted(self.url)!r}, key={self.key!r})"
