"""The one HTTP layer shared by the facade and the generated client.

The client is an httpx client that raises the typed error of any error answer once
auth has had its chance to refresh, and turns transport failures into
`APIConnectionError` / `APITimeoutError`. Under it, the retry transport (see
`retry.py`: backoff, Retry-After, one deadline, idempotency keys) and, with several
base URLs, the failover transport (see `failover.py`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from gpuaas_api.http_stack import httpx

from ...errors import ClientClosedError
from ..concurrency import async_hook, async_sleep
from ..errors import error_from_response
from ..failover import Origins
from ..http import HTTPSettings, PathJoiner, RequestHook, typed_transport_errors
from ..retry import Retrier, RetryPolicy, TransportStats, first_attempt, reads_body
from .failover import AsyncFailoverTransport
from .ratelimit import AsyncRateLimitTransport

if TYPE_CHECKING:
    import asyncio

    from ..fast_lane import FastLane  # unasync: async-only


class AsyncHTTPClient(httpx.AsyncClient):
    """The httpx client every facade call and `client.raw` call goes through.

    An async client is bound to the event loop that first uses it: httpx's
    connection pool cannot move between loops, and failing with a clear error beats
    "Event loop is closed" from deep inside the pool.
    """

    _loop: asyncio.AbstractEventLoop | None = None  # unasync: async-only
    fast_lane: FastLane | None = None  # unasync: async-only

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._cookies = _Cookies(self._cookies)
        self._paths = PathJoiner(self)

    def build_request(
        self, method: str, url: httpx.URL | str, *, params: Any = None, **kwargs: Any
    ) -> httpx.Request:
        """httpx's request, with a plain path joined to the base URL without parsing."""
        joined = self._paths.join(url, params)
        if joined is not None:
            return super().build_request(method, joined, **kwargs)
        return super().build_request(method, url, params=params, **kwargs)

    async def send(self, request: httpx.Request, **kwargs: Any) -> httpx.Response:
        self.check_usable()
        with typed_transport_errors(request):
            response = await super().send(request, **kwargs)
            if response.is_error:
                await response.aread()
        if response.is_error:
            await response.aclose()
            raise error_from_response(response)
        return response

    def check_usable(self) -> None:
        """`ClientClosedError` for a client that can no longer send."""
        if self.is_closed:
            raise ClientClosedError("this client is closed; create a new one")
        self._check_loop()  # unasync: async-only

    # unasync: begin async-only
    def _check_loop(self) -> None:
        from asyncio import get_running_loop  # asyncio loads with the first async request

        loop = get_running_loop()
        if self._loop is None:
            self._loop = loop
        elif self._loop is not loop:
            raise ClientClosedError(
                "this AsyncClient belongs to another event loop; "
                "create one AsyncClient per event loop (e.g. inside asyncio.run)"
            )

    # unasync: end


class _Cookies(httpx.Cookies):
    """The client's cookie jar, which skips answers that set no cookie (most of them):
    reading one through the standard library's cookie policy costs ~15 µs a call."""

    def extract_cookies(self, response: httpx.Response) -> None:
        if "set-cookie" in response.headers:
            super().extract_cookies(response)


class AsyncRetryTransport(Retrier, httpx.AsyncBaseTransport):
    """Retries transient failures (see `retry.py` for the policy) beneath auth and hooks."""

    def __init__(
        self, inner: httpx.AsyncBaseTransport, policy: RetryPolicy, stats: TransportStats
    ) -> None:
        super().__init__(policy, stats)
        self._inner = inner

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        made = first_attempt(request)
        may_resend, began = self._begin(request)
        if made is not None:
            began = made.began
        attempt = 0
        try:
            while True:
                attempt += 1
                started = self._start(attempt, request)
                try:
                    if made is not None:
                        replayed, made = made, None
                        response = replayed.result()
                    else:
                        response = await self._inner.handle_async_request(request)
                    if reads_body(request):
                        await response.aread()
                except Exception as exc:
                    outcome = self._outcome(attempt, began, request, started, error=exc)
                else:
                    if not response.is_error:  # a success is final: nothing to weigh
                        return self._succeeded(request, response, started)
                    outcome = self._outcome(attempt, began, request, started, response)
                delay = self._next_delay(outcome, may_resend, request)
                if delay is None:
                    return self._final(outcome)
                if outcome.response is not None:
                    await outcome.response.aclose()
                await async_sleep(delay)
        except httpx.TransportError:
            self._count_error()
            raise

    async def aclose(self) -> None:
        await self._inner.aclose()


def default_transport(settings: HTTPSettings) -> httpx.AsyncBaseTransport:
    """The I/O transport of a client given none: the SDK's own beneath httpx (`engine.py`)."""
    from ..aiohttp_transport import AiohttpTransport

    return AiohttpTransport(settings)


def build(
    settings: HTTPSettings,
    stats: TransportStats,
    transport: httpx.AsyncBaseTransport | None = None,
) -> AsyncHTTPClient:
    """The client of `settings`: retries over failover (when there are fallbacks) over the
    rate limit (when there is a limiter) over I/O."""
    inner = transport or default_transport(settings)
    turns: list[RequestHook] = []
    if settings.rate_limiter is not None:
        inner = AsyncRateLimitTransport(inner, settings.rate_limiter)
    if settings.fallback_urls:
        urls = [settings.base_url, *settings.fallback_urls]
        origins = Origins(urls, settings.failover_cooldown)
        inner = AsyncFailoverTransport(inner, origins)
        turns.append(origins.assign)  # first, so the hooks see the URL chosen
    client = AsyncHTTPClient(
        transport=AsyncRetryTransport(inner, settings.retry, stats),
        event_hooks={
            "request": [async_hook(h) for h in (*turns, *settings.on_request)],
            "response": [async_hook(h) for h in settings.on_response],
        },
        **settings.client_kwargs(),
    )
    # unasync: begin async-only
    from ..aiohttp_transport import AiohttpTransport
    from ..fast_lane import FastLane

    if isinstance(inner, AiohttpTransport):  # the SDK's own I/O, nothing between
        client.fast_lane = FastLane(client, stats, inner, client.check_usable)
    # unasync: end
    return client
