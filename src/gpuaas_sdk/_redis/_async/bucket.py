"""The Redis rate budget's I/O, written once for both flavours of client."""

from __future__ import annotations

from redis.asyncio import Redis

from ..._core.ratelimit import Feedback
from ..connection import async_connect, failures
from ..scripts import OBSERVE, RESERVE, Pacing, bucket_key, reservation


class AsyncRedisBucket:
    """One budget's bucket in Redis: one script call per request, one more per news."""

    def __init__(self, url: str, *, namespace: str, key: str) -> None:
        self.url = url
        self.key = key
        self._bucket = bucket_key(namespace, key)
        self._redis: Redis = async_connect(url)
        self._reserve = self._redis.register_script(RESERVE)
        self._observe = self._redis.register_script(OBSERVE)

    async def reserve(self, pacing: Pacing) -> tuple[float, float | None, float]:
        """(wait, rate, burst): the slot's wait (negative: past the maximum, nothing taken)."""
        with failures(self.url, f"reserving a slot of rate budget {self.key!r}"):
            reply = await self._reserve(keys=[self._bucket], args=pacing.reserve_args())
        return reservation(reply)

    async def observe(self, pacing: Pacing, feedback: Feedback) -> None:
        with failures(self.url, f"telling rate budget {self.key!r} what the platform said"):
            await self._observe(keys=[self._bucket], args=pacing.observe_args(feedback))

    async def aclose(self) -> None:
        await self._redis.aclose()
