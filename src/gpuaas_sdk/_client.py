"""What `Client` and `AsyncClient` share: settings, options, the caller's context.

The clients themselves are in `_async/client.py` (and its generated sync twin). Both
build one httpx client (auth, retries, typed errors) and hand it to the generated
layer too, so `client.raw` calls behave exactly like the facade's.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Self, TypedDict

import httpx

from ._core.http import HTTPSettings, RequestHook, ResponseHook
from ._core.retry import RetryPolicy, TransportStats
from .auth import StaticTokenAuth
from .errors import ConfigurationError

if TYPE_CHECKING:
    from gpuaas_api.client import Client as GeneratedClient
    from gpuaas_api.models import Principal

    from ._auth.token_store import TokenStore
    from ._core.ratelimit import RateLimiter


@dataclass(frozen=True)
class Context:
    """Who the client acts as, and where by default."""

    principal_id: str
    tenant_id: str
    project_id: str | None
    roles: tuple[str, ...]

    @classmethod
    def of(cls, principal: Principal) -> Context:
        return cls(
            principal_id=principal.principal_id,
            tenant_id=principal.tenant_id,
            project_id=principal.default_project_id,
            roles=tuple(principal.roles),
        )


_UNCHANGED: Any = object()
DEFAULT_TIMEOUT = 60.0
DEFAULT_MAX_RETRIES = 3


class ClientOptions(TypedDict, total=False):
    """The keyword arguments `Client(...)` and `AsyncClient(...)` share (all but `transport`)."""

    auth: httpx.Auth | str | None
    timeout: float | None
    max_retries: int | None
    retry: RetryPolicy | None
    headers: dict[str, str] | None
    on_request: RequestHook | None
    on_response: ResponseHook | None
    max_connections: int
    token_store: TokenStore | str | None
    rate_limiter: RateLimiter | str | None


class SyncClientOptions(ClientOptions, total=False):
    transport: httpx.BaseTransport | None


class AsyncClientOptions(ClientOptions, total=False):
    transport: httpx.AsyncBaseTransport | None


def settings_of(
    base_url: str | Sequence[str] | None,
    auth: httpx.Auth | str | None,
    timeout: float | None,
    max_retries: int | None,
    retry: RetryPolicy | None,
    headers: dict[str, str] | None,
    on_request: RequestHook | None,
    on_response: ResponseHook | None,
    max_connections: int,
    token_store: TokenStore | str | None = None,
    rate_limiter: RateLimiter | str | None = None,
) -> HTTPSettings:
    if isinstance(auth, str):
        auth = StaticTokenAuth(auth)
    if base_url is None:
        from ._config import ClientConfig  # credentials and auth stacks load only when used

        config = ClientConfig.from_env(auth=auth)
        base_url, auth = list(config.base_urls), config.auth
        timeout = config.timeout if timeout is None else timeout
        max_retries = config.max_retries if max_retries is None else max_retries
        rate_limiter = config.rate_limiter if rate_limiter is None else rate_limiter
    if token_store is not None or rate_limiter is not None:
        from ._fleet import rate_limiter_from, share_tokens, token_store_from

        if token_store is not None:
            share_tokens(auth, token_store_from(token_store))
        if rate_limiter is not None:
            rate_limiter = rate_limiter_from(rate_limiter, getattr(auth, "profile", "default"))
    timeout = DEFAULT_TIMEOUT if timeout is None else timeout
    max_retries = DEFAULT_MAX_RETRIES if max_retries is None else max_retries
    urls = [base_url] if isinstance(base_url, str) else list(base_url)
    if not urls or not all(urls):
        raise ConfigurationError(
            f"base_url must name at least one URL (got {base_url!r}); leave it out to read "
            "GPUAAS_BASE_URL and the credentials from the environment or the profile"
        )
    if timeout <= 0:
        raise ConfigurationError(f"timeout must be positive seconds (got {timeout})")
    if max_retries < 0:
        raise ConfigurationError(f"max_retries must be 0 or more (got {max_retries})")
    if max_connections < 1:
        raise ConfigurationError(f"max_connections must be at least 1 (got {max_connections})")
    return HTTPSettings(
        base_url=urls[0].rstrip("/"),
        fallback_urls=tuple(u.rstrip("/") for u in urls[1:]),
        auth=auth,
        timeout=timeout,
        retry=retry or RetryPolicy(max_retries=max_retries),
        headers=dict(headers or {}),
        on_request=(on_request,) if on_request else (),
        on_response=(on_response,) if on_response else (),
        max_connections=max_connections,
        max_keepalive_connections=min(20, max_connections),
        rate_limiter=rate_limiter,
    )


def _with_options(
    settings: HTTPSettings, timeout: float, max_retries: int, headers: dict[str, str] | None
) -> HTTPSettings:
    changes: dict[str, Any] = {}
    if timeout is not _UNCHANGED:
        if timeout <= 0:
            raise ConfigurationError(f"timeout must be positive seconds (got {timeout})")
        changes["timeout"] = timeout
    if max_retries is not _UNCHANGED:
        if max_retries < 0:
            raise ConfigurationError(f"max_retries must be 0 or more (got {max_retries})")
        changes["retry"] = replace(settings.retry, max_retries=max_retries)
    if headers is not None:
        changes["headers"] = {**settings.headers, **headers}
    return replace(settings, **changes)


def generated_client(settings: HTTPSettings) -> GeneratedClient:
    from gpuaas_api.client import Client as GeneratedClient  # attrs: loaded by the first client

    return GeneratedClient(base_url=settings.base_url, raise_on_unexpected_status=True)


class ClientBase(ABC):
    """What `Client` and `AsyncClient` share beyond their resources and I/O."""

    base_url: str
    raw: GeneratedClient
    _settings: HTTPSettings
    _transport: Any
    _stats: TransportStats

    @abstractmethod
    def __init__(self, base_url: str | Sequence[str] | None = None, **kwargs: Any) -> None: ...

    @abstractmethod
    def _setup(self, settings: HTTPSettings, transport: Any, owns_transport: bool) -> None:
        """Build the HTTP client and the resources on `transport`."""

    def with_options(
        self,
        *,
        timeout: float = _UNCHANGED,
        max_retries: int = _UNCHANGED,
        headers: dict[str, str] | None = None,
    ) -> Self:
        """A copy with other settings that shares this client's connections and auth.

        Close the original, not the copy: the copy does not own the connection pool.
        """
        copy = object.__new__(type(self))
        copy._setup(
            _with_options(self._settings, timeout, max_retries, headers), self._transport, False
        )
        return copy

    @property
    def transport_stats(self) -> dict[str, int]:
        """Requests, attempts, retries and errors of this client so far."""
        return self._stats.snapshot()

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self.base_url!r})"


class ContextMixin:
    """`client.context` of the sync client: fetched on first read."""

    _context: Context | None

    @property
    def context(self) -> Context:
        """Tenant and default project of the caller (fetched once, on first use)."""
        if self._context is None:
            self._context = Context.of(self.auth.whoami())  # type: ignore[attr-defined]
        return self._context


class AsyncContextMixin:
    """`client.context` of the async client: fetched by `await client.load_context()`."""

    _context: Context | None

    @property
    def context(self) -> Context:
        """The context fetched by `await client.load_context()`."""
        if self._context is None:
            raise ConfigurationError("call `await client.load_context()` before reading context")
        return self._context
