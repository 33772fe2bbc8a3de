"""`Client` and `AsyncClient`: the entry points of the SDK.

Both build one httpx client (auth, retries, typed errors) and hand it to the
generated layer too, so `client.raw` calls behave exactly like the facade's.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass, replace
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self, TypedDict, Unpack

import httpx

from ._core.http import (
    AsyncHTTPClient,
    HTTPClient,
    HTTPSettings,
    RequestHook,
    ResponseHook,
    build_async,
    build_sync,
)
from ._core.retry import RetryPolicy, TransportStats
from .auth import StaticTokenAuth
from .errors import ConfigurationError
from .resources._async._resources import AsyncResources
from .resources._sync._resources import Resources

if TYPE_CHECKING:
    from gpuaas_api.client import Client as GeneratedClient
    from gpuaas_api.models import Principal


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


class SyncClientOptions(ClientOptions, total=False):
    transport: httpx.BaseTransport | None


class AsyncClientOptions(ClientOptions, total=False):
    transport: httpx.AsyncBaseTransport | None


def _settings(
    base_url: str | Sequence[str] | None,
    auth: httpx.Auth | str | None,
    timeout: float | None,
    max_retries: int | None,
    retry: RetryPolicy | None,
    headers: dict[str, str] | None,
    on_request: RequestHook | None,
    on_response: ResponseHook | None,
    max_connections: int,
) -> HTTPSettings:
    if isinstance(auth, str):
        auth = StaticTokenAuth(auth)
    if base_url is None:
        from ._config import ClientConfig  # credentials and auth stacks load only when used

        config = ClientConfig.from_env(auth=auth)
        base_url, auth = list(config.base_urls), config.auth
        timeout = config.timeout if timeout is None else timeout
        max_retries = config.max_retries if max_retries is None else max_retries
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


def _generated(settings: HTTPSettings) -> GeneratedClient:
    from gpuaas_api.client import Client as GeneratedClient  # attrs: loaded by the first client

    return GeneratedClient(base_url=settings.base_url, raise_on_unexpected_status=True)


class _ClientBase(ABC):
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


class Client(Resources, _ClientBase):
    """The GPUaaS client. Close it (or use `with`) to release its connections.

    `Client()` reads its settings as the CLI does: GPUAAS_BASE_URL with a token, a dev
    login or a service account from the environment, else the profile in the
    credentials file (see `ClientConfig`); GPUAAS_TIMEOUT and GPUAAS_MAX_RETRIES too.
    Arguments win over what it reads. Given a `base_url`, it reads nothing, and
    without `auth` it sends no credentials.

    `base_url` may list several URLs of the same platform: when one cannot be
    reached, the next is used (and preferred from then on).
    """

    def __init__(
        self,
        base_url: str | Sequence[str] | None = None,
        *,
        auth: httpx.Auth | str | None = None,
        timeout: float | None = None,
        max_retries: int | None = None,
        retry: RetryPolicy | None = None,
        headers: dict[str, str] | None = None,
        on_request: RequestHook | None = None,
        on_response: ResponseHook | None = None,
        max_connections: int = 100,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        settings = _settings(
            base_url, auth, timeout, max_retries, retry, headers, on_request, on_response,
            max_connections,
        )  # fmt: skip
        self._setup(settings, transport or httpx.HTTPTransport(limits=settings.limits()), True)

    @classmethod
    def from_default_credentials(cls, **options: Unpack[SyncClientOptions]) -> Self:
        """`Client(**options)` spelled out: settings from GPUAAS_* or the profile file."""
        return cls(None, **options)

    def _setup(
        self, settings: HTTPSettings, transport: httpx.BaseTransport, owns_transport: bool
    ) -> None:
        self._settings = settings
        self._transport = transport
        self._owns_transport = owns_transport
        self._stats = TransportStats()
        self._http: HTTPClient = build_sync(settings, self._stats, transport)
        self.base_url = settings.base_url
        self.raw = _generated(settings).set_httpx_client(self._http)
        self._context: Context | None = None

    @property
    def context(self) -> Context:
        """Tenant and default project of the caller (fetched once, on first use)."""
        if self._context is None:
            self._context = Context.of(self.auth.whoami())
        return self._context

    def close(self) -> None:
        if self._owns_transport:
            self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class AsyncClient(AsyncResources, _ClientBase):
    """The asyncio GPUaaS client: the same resources and settings, every call awaitable.

    Use one per event loop; close it with `await client.aclose()` or `async with`.
    """

    def __init__(
        self,
        base_url: str | Sequence[str] | None = None,
        *,
        auth: httpx.Auth | str | None = None,
        timeout: float | None = None,
        max_retries: int | None = None,
        retry: RetryPolicy | None = None,
        headers: dict[str, str] | None = None,
        on_request: RequestHook | None = None,
        on_response: ResponseHook | None = None,
        max_connections: int = 100,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        settings = _settings(
            base_url, auth, timeout, max_retries, retry, headers, on_request, on_response,
            max_connections,
        )  # fmt: skip
        self._setup(settings, transport or httpx.AsyncHTTPTransport(limits=settings.limits()), True)

    @classmethod
    def from_default_credentials(cls, **options: Unpack[AsyncClientOptions]) -> Self:
        """`AsyncClient(**options)` spelled out: settings from GPUAAS_* or the profile file."""
        return cls(None, **options)

    def _setup(
        self, settings: HTTPSettings, transport: httpx.AsyncBaseTransport, owns_transport: bool
    ) -> None:
        self._settings = settings
        self._transport = transport
        self._owns_transport = owns_transport
        self._stats = TransportStats()
        self._http: AsyncHTTPClient = build_async(settings, self._stats, transport)
        self.base_url = settings.base_url
        self.raw = _generated(settings).set_async_httpx_client(self._http)
        self._context: Context | None = None

    async def load_context(self) -> Context:
        """Tenant and default project of the caller (fetched once)."""
        if self._context is None:
            self._context = Context.of(await self.auth.whoami())
        return self._context

    @property
    def context(self) -> Context:
        """The context fetched by `await client.load_context()`."""
        if self._context is None:
            raise ConfigurationError("call `await client.load_context()` before reading context")
        return self._context

    async def aclose(self) -> None:
        if self._owns_transport:
            await self._http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()
