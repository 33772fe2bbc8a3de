"""The rate-limit transport: every attempt waits for its slot of the budget, then teaches it.

It sits under the retry transport, so a retried attempt takes a slot too, and under
auth, so token requests are paced as well: the platform counts them all. What the budget
is, and whose it is (this process's or the fleet's), is the limiter's business
(`_core/ratelimit.py`).
"""

from __future__ import annotations

from gpuaas_api.http_stack import httpx

from ..concurrency import async_sleep
from ..ratelimit import RateLimiter


class AsyncRateLimitTransport(httpx.AsyncBaseTransport):
    """Waits for the limiter's slot before each request; tells it each answer's headers."""

    def __init__(self, inner: httpx.AsyncBaseTransport, limiter: RateLimiter) -> None:
        self._inner = inner
        self._limiter = limiter

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        wait = await self._limiter.areserve()
        if wait > 0:
            await async_sleep(wait)
        response = await self._inner.handle_async_request(request)
        await self._limiter.aobserve(response.status_code, response.headers)
        return response

    async def aclose(self) -> None:
        await self._inner.aclose()
