"""The settings of the one HTTP layer, and how transport failures become typed errors.

The clients and transports themselves are in `_async/http.py` (and its sync twin).
"""

from __future__ import annotations

import platform
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import httpx
from gpuaas_api.exceptions import APIConnectionError, APITimeoutError

from .._version import __version__
from .retry import RetryPolicy

if TYPE_CHECKING:
    from .ratelimit import RateLimiter

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
    rate_limiter: RateLimiter | None = None
    """Paces every attempt to the platform's rate limit (this process's or a fleet's budget)."""

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
