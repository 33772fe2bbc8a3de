"""The one HTTP layer shared by the facade and the generated client.

`HTTPClient` and `AsyncHTTPClient` are httpx clients that raise the typed error of
any error answer once auth has had its chance to refresh, and that turn transport
failures into `APIConnectionError` / `APITimeoutError`. Retries sit in the
transport beneath them (see `_retry`).
"""

from __future__ import annotations

import platform
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import httpx
from gpuaas_api.exceptions import APIConnectionError, APITimeoutError

from .._version import __version__
from ..errors import ClientClosedError
from .errors import error_from_response
from .failover import AsyncFailoverTransport, FailoverTransport
from .retry import AsyncRetryTransport, RetryPolicy, RetryTransport, TransportStats

if TYPE_CHECKING:
    import asyncio

USER_AGENT = (
    f"gpuaas-sdk/{__version__} python/{platform.python_version()} httpx/{httpx.__version__}"
)


def _target(request: httpx.Request) -> str:
    """`METHOD scheme://host/path` of a request: never its query string, which may hold secrets."""
    return f"{request.method} {request.url.copy_with(query=None, fragment=None)}"


@contextmanager
def typed_transport_errors(request: httpx.Request) -> Iterator[None]:
    try:
        yield
    except httpx.TimeoutException as exc:
        raise APITimeoutError(
            f"request timed out: {exc or type(exc).__name__} ({_target(request)})", code="timeout"
        ) from exc
    except httpx.TransportError as exc:
        raise APIConnectionError(
            f"connection failed: {exc or type(exc).__name__} ({_target(request)}); "
            "check that the platform is reachable at that address (GPUAAS_BASE_URL)",
            code="connection_error",
        ) from exc


class HTTPClient(httpx.Client):
    def send(self, request: httpx.Request, **kwargs: Any) -> httpx.Response:
        if self.is_closed:
            raise ClientClosedError("this client is closed; create a new one")
        with typed_transport_errors(request):
            response = super().send(request, **kwargs)
            if response.is_error:
                response.read()
        if response.is_error:
            response.close()
            raise error_from_response(response)
        return response


class AsyncHTTPClient(httpx.AsyncClient):
    """An async client bound to the event loop that first uses it.

    httpx's connection pool cannot move between loops; failing with a clear
    error beats "Event loop is closed" from deep inside the pool.
    """

    _loop: asyncio.AbstractEventLoop | None = None

    async def send(self, request: httpx.Request, **kwargs: Any) -> httpx.Response:
        self._check_loop()
        with typed_transport_errors(request):
            response = await super().send(request, **kwargs)
            if response.is_error:
                await response.aread()
        if response.is_error:
            await response.aclose()
            raise error_from_response(response)
        return response

    def _check_loop(self) -> None:
        if self.is_closed:
            raise ClientClosedError("this client is closed; create a new one")
        from asyncio import get_running_loop  # asyncio loads with the first async request

        loop = get_running_loop()
        if self._loop is None:
            self._loop = loop
        elif self._loop is not loop:
            raise ClientClosedError(
                "this AsyncClient belongs to another event loop; "
                "create one AsyncClient per event loop (e.g. inside asyncio.run)"
            )


RequestHook = Callable[[httpx.Request], None]
ResponseHook = Callable[[httpx.Response], None]


@dataclass(frozen=True)
class HTTPSettings:
    """Everything that shapes the shared HTTP layer of one client."""

    base_url: str
    auth: httpx.Auth | None
    timeout: float
    retry: RetryPolicy
    headers: dict[str, str] = field(default_factory=dict)
    on_request: tuple[RequestHook, ...] = ()
    on_response: tuple[ResponseHook, ...] = ()
    max_connections: int = 100
    max_keepalive_connections: int = 20
    fallback_urls: tuple[str, ...] = ()
    """Other base URLs of the same platform, tried in turn when one cannot be reached."""

    def limits(self) -> httpx.Limits:
        return httpx.Limits(
            max_connections=self.max_connections,
            max_keepalive_connections=self.max_keepalive_connections,
        )

    def client_kwargs(self) -> dict[str, Any]:
        return {
            "base_url": self.base_url,
            "auth": self.auth,
            "timeout": httpx.Timeout(self.timeout, connect=min(self.timeout, 10.0)),
            "headers": {"User-Agent": USER_AGENT, **self.headers},
            "follow_redirects": False,
        }


def _as_async(hook: Callable[[Any], None]) -> Callable[[Any], Awaitable[None]]:
    async def call(message: Any) -> None:
        hook(message)

    return call


def build_sync(
    settings: HTTPSettings, stats: TransportStats, transport: httpx.BaseTransport | None = None
) -> HTTPClient:
    inner = transport or httpx.HTTPTransport(limits=settings.limits())
    if settings.fallback_urls:
        inner = FailoverTransport(inner, [settings.base_url, *settings.fallback_urls])
    return HTTPClient(
        transport=RetryTransport(inner, settings.retry, stats),
        event_hooks={"request": list(settings.on_request), "response": list(settings.on_response)},
        **settings.client_kwargs(),
    )


def build_async(
    settings: HTTPSettings,
    stats: TransportStats,
    transport: httpx.AsyncBaseTransport | None = None,
) -> AsyncHTTPClient:
    inner = transport or httpx.AsyncHTTPTransport(limits=settings.limits())
    if settings.fallback_urls:
        inner = AsyncFailoverTransport(inner, [settings.base_url, *settings.fallback_urls])
    return AsyncHTTPClient(
        transport=AsyncRetryTransport(inner, settings.retry, stats),
        event_hooks={
            "request": [_as_async(h) for h in settings.on_request],
            "response": [_as_async(h) for h in settings.on_response],
        },
        **settings.client_kwargs(),
    )
