"""The settings of the one HTTP layer, and how transport failures become typed errors.

The clients and transports themselves are in `_async/http.py` (and its sync twin).
"""

from __future__ import annotations

import platform
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from gpuaas_api.exceptions import APIConnectionError, APITimeoutError
from gpuaas_api.http_stack import NAME, httpx

from .._version import __version__
from .retry import RetryPolicy

if TYPE_CHECKING:
    from .ratelimit import RateLimiter

USER_AGENT = (
    f"gpuaas-sdk/{__version__} python/{platform.python_version()} {NAME}/{httpx.__version__}"
)


def _target(request: httpx.Request) -> str:
    """`METHOD scheme://host/path` of a request: never its query string, which may hold secrets."""
    return f"{request.method} {request.url.copy_with(query=None, fragment=None)}"


class typed_transport_errors:
    """Transport failures of `request` as `APITimeoutError` / `APIConnectionError`.

    A class rather than a generator: it wraps every request, and costs a fifth as much.
    """

    __slots__ = ("_request",)

    def __init__(self, request: httpx.Request) -> None:
        self._request = request

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: object, exc: BaseException | None, traceback: object) -> None:
        if isinstance(exc, httpx.TimeoutException):
            raise APITimeoutError(
                f"request timed out: {exc or type(exc).__name__} ({_target(self._request)})",
                code="timeout",
            ) from exc
        if isinstance(exc, httpx.TransportError):
            raise APIConnectionError(
                f"connection failed: {exc or type(exc).__name__} ({_target(self._request)}); "
                "check that the platform is reachable at that address (GPUAAS_BASE_URL)",
                code="connection_error",
            ) from exc


_PLAIN_PATH = re.compile(r"/(?:[A-Za-z0-9\-._~/]|%[0-9A-Fa-f]{2})*")
"""A path httpx's parser keeps exactly as written: unreserved characters, `/` and `%XX`
escapes (what the generated layer's `quote(..., safe="")` gives)."""


_AGREES: dict[type[Any], bool] = {}
"""Whether `PathJoiner` builds the URLs httpx builds, per client class (checked once)."""


class PathJoiner:
    """The client's base URL joined with a plain path, without parsing either again.

    httpx's `build_request` parses the relative URL, then the joined one: on a loopback
    GET that is a tenth of the whole call. A plain path (see `_PLAIN_PATH`) with mapping
    query parameters needs none of it: the joined URL is the base URL's parts with the
    path and query replaced. Anything else takes httpx's way, and so does every URL when
    this httpx builds them differently (checked once against httpx's own join).
    """

    def __init__(self, client: httpx.Client | httpx.AsyncClient) -> None:
        self._client = client
        self._base: httpx.URL | None = None
        self._prefix = ""
        self._parts: Any = None
        self._origin = ""
        self.enabled = True
        kind = type(client)
        if kind not in _AGREES:  # once per client class: a later client costs nothing here
            _AGREES[kind] = self._agrees("/v1/a-b_c.d~e/%2F", {"limit": 2, "cursor": "x y/é"})
        self.enabled = _AGREES[kind]

    def join(self, url: object, params: object) -> httpx.URL | None:
        """The absolute URL of `url` with `params`, or None where httpx must build it."""
        plain = self._plain(url, params)
        if plain is None:
            return None
        path, query = plain
        joined: httpx.URL = httpx.URL.__new__(httpx.URL)
        joined._uri_reference = self._parts._replace(path=self._prefix + path, query=query)
        return joined

    def text(self, url: object, params: object) -> str | None:
        """`str(join(url, params))`, without building the URL object."""
        plain = self._plain(url, params)
        if plain is None:
            return None
        path, query = plain
        return f"{self._origin}{self._prefix}{path}" + (f"?{query}" if query else "")

    def _plain(self, url: object, params: object) -> tuple[str, str | None] | None:
        """The relative path (without its leading /) and the query of a plain call."""
        if not (self.enabled and type(url) is str and _PLAIN_PATH.fullmatch(url)):
            return None
        if params is not None and not isinstance(params, Mapping):
            return None
        base = self._client.base_url
        if base is not self._base:
            parts = base._uri_reference
            if parts.query is not None or parts.fragment is not None:
                return None
            prefix = parts.path if parts.path.endswith("/") else parts.path + "/"
            self._base, self._prefix, self._parts = base, prefix, parts
            self._origin = str(parts._replace(path=""))
        query = str(httpx.QueryParams(params)) if params else None
        return url.lstrip("/"), query or None

    def _agrees(self, path: str, params: dict[str, Any]) -> bool:
        try:
            fast = self.join(path, params)
            client: Any = self._client
            own = httpx.AsyncClient if isinstance(client, httpx.AsyncClient) else httpx.Client
            slow = own.build_request(client, "GET", path, params=params).url  # httpx's, not ours
        except Exception:
            return False
        text = self.text(path, params)
        return fast is not None and fast == slow and str(fast) == str(slow) == text


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
        """What httpx's own transport is built with: the pool limits and the TLS check (the
        process's shared SSL context, see `engine.py`)."""
        from .engine import shared_ssl_context

        return {"limits": self.limits(), "verify": shared_ssl_context(self.verify)}

    def client_kwargs(self) -> dict[str, Any]:
        return {
            "base_url": self.base_url,
            "auth": self.auth,
            "timeout": self.timeouts(),
            "headers": {"User-Agent": USER_AGENT, **self.headers},
            "follow_redirects": False,
        }
