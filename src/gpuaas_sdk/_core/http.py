"""The settings of the one HTTP layer, and how transport failures become typed errors.

The clients and transports themselves are in `_async/http.py` (and its sync twin).
"""

from __future__ import annotations

import os
import platform
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import httpx
from gpuaas_api.exceptions import APIConnectionError, APITimeoutError

from .._version import __version__
from ..errors import ConfigurationError
from .retry import RetryPolicy

if TYPE_CHECKING:
    import ssl

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
    keepalive_expiry: float = 5.0
    fallback_urls: tuple[str, ...] = ()
    """Other base URLs of the same platform, taken in turn with `base_url`."""
    failover_cooldown: float = 30.0
    """Seconds a base URL that could not be reached rests before it is tried again."""
    connect_timeout: float | None = None
    read_timeout: float | None = None
    write_timeout: float | None = None
    pool_timeout: float | None = None
    verify: bool | str = True
    """True, False, or the path of a CA bundle (file or folder)."""
    rate_limiter: RateLimiter | None = None
    """Paces every attempt to the platform's rate limit (this process's or a fleet's budget)."""

    def limits(self) -> httpx.Limits:
        return httpx.Limits(
            max_connections=self.max_connections,
            max_keepalive_connections=self.max_keepalive_connections,
            keepalive_expiry=self.keepalive_expiry,
        )

    def timeouts(self) -> httpx.Timeout:
        """Each phase's own timeout, else `timeout` (connecting: at most 10 s by default)."""

        def phase(value: float | None) -> float:
            return self.timeout if value is None else value

        connect = min(self.timeout, 10.0) if self.connect_timeout is None else self.connect_timeout
        return httpx.Timeout(
            connect=connect,
            read=phase(self.read_timeout),
            write=phase(self.write_timeout),
            pool=phase(self.pool_timeout),
        )

    def transport_options(self) -> dict[str, Any]:
        """What the default transport is built with: the pool limits and the TLS check."""
        return {"limits": self.limits(), "verify": tls_verification(self.verify)}

    def client_kwargs(self) -> dict[str, Any]:
        return {
            "base_url": self.base_url,
            "auth": self.auth,
            "timeout": self.timeouts(),
            "headers": {"User-Agent": USER_AGENT, **self.headers},
            "follow_redirects": False,
        }


def tls_verification(verify: bool | str) -> bool | ssl.SSLContext:
    """`verify` as httpx takes it: a CA bundle path becomes an SSL context that trusts it."""
    if isinstance(verify, bool):
        return verify
    import ssl  # only clients given their own CA bundle need it here

    try:
        if os.path.isdir(verify):
            return ssl.create_default_context(capath=verify)
        return ssl.create_default_context(cafile=verify)
    except (ssl.SSLError, OSError) as exc:
        raise ConfigurationError(
            f"verify={verify!r} is not a CA bundle this client can read ({exc}); pass the"
            " path of a PEM file (or folder) of CA certificates"
        ) from None
