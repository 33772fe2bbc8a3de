"""The client: the entry point of the SDK."""

from __future__ import annotations

import os
from collections.abc import Sequence
from types import TracebackType
from typing import TYPE_CHECKING, Self, Unpack

from gpuaas_api.http_stack import httpx

from .._client import (
    AsyncClientOptions,
    AsyncContextMixin,
    ClientBase,
    Context,
    generated_client,
    settings_of,
    several_urls,
)
from .._config import ClientConfig
from .._core._async.http import AsyncHTTPClient, build, default_transport
from .._core.http import HTTPSettings, RequestHook, ResponseHook
from .._core.retry import RetryPolicy, TransportStats
from .._deprecation import deprecated
from ..auth import RefreshingAuth
from ..resources._async._resources import AsyncResources

if TYPE_CHECKING:
    from .._auth.token_store import TokenStore
    from .._core.ratelimit import RateLimiter


class AsyncClient(AsyncResources, AsyncContextMixin, ClientBase):
    """The GPUaaS client. Close it (or use it as a context manager) to release its connections.

    `AsyncClient()` reads its settings as the CLI does: GPUAAS_BASE_URL with a token, a
    dev login or a service account from the environment, else the profile in the
    credentials file (see `ClientConfig.from_env`); GPUAAS_TIMEOUT, GPUAAS_MAX_RETRIES
    and GPUAAS_CA_BUNDLE too. Given a `base_url` (or `base_urls`, or a `config`), it
    reads nothing, and without `auth` it sends no credentials. Keyword arguments win
    over the `config`'s fields (`ClientConfig`: every setting in one value, with
    separate connect/read/write/pool timeouts and pool limits).

    `base_urls` lists several addresses of the same platform: requests take them in
    turn, and one that cannot be reached rests for the config's `failover_cooldown`
    while the others answer. `on_request` sees each request with the URL chosen for
    it, `on_response` the response, whose `request.url` is the URL that answered.
    `verify` is True (the public CAs), False, or the path of a CA bundle. An async
    client belongs to the event loop that first uses it: make one per loop.

    A fleet of workers on one account shares its sign-in and its rate budget:
    `token_store` (a `TokenStore`, or a `redis://` URL) keeps the auth handler's tokens
    where every worker refreshes them once for all, and `rate_limiter` (a
    `RateLimiter`, `"local"`, or a `redis://` URL) paces every request to the
    platform's `X-RateLimit-*` budget; GPUAAS_TOKEN_STORE and GPUAAS_RATE_LIMITER (or
    a profile's `token_store` and `rate_limiter` keys) say the same (docs/fleet.md).
    """

    @deprecated(
        since="0.2.0",
        instead="base_urls=[...] for several URLs of one platform",
        argument="base_url",
        when=several_urls,
        what="AsyncClient(base_url=[...several URLs...])",
    )
    def __init__(
        self,
        base_url: str | Sequence[str] | None = None,
        *,
        base_urls: Sequence[str] | None = None,
        config: ClientConfig | None = None,
        auth: httpx.Auth | str | None = None,
        timeout: float | None = None,
        max_retries: int | None = None,
        retry: RetryPolicy | None = None,
        headers: dict[str, str] | None = None,
        on_request: RequestHook | None = None,
        on_response: ResponseHook | None = None,
        max_connections: int | None = None,
        verify: bool | str | os.PathLike[str] | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        token_store: TokenStore | str | None = None,
        rate_limiter: RateLimiter | str | None = None,
    ) -> None:
        given = {
            "auth": auth, "timeout": timeout, "max_retries": max_retries, "retry": retry,
            "headers": headers, "on_request": on_request, "on_response": on_response,
            "max_connections": max_connections, "verify": verify,
            "token_store": token_store, "rate_limiter": rate_limiter,
        }  # fmt: skip
        settings = settings_of(base_url, base_urls, config, given)
        own = transport is None
        self._setup(settings, transport or default_transport(settings), own)

    @classmethod
    def from_default_credentials(cls, **options: Unpack[AsyncClientOptions]) -> Self:
        """`AsyncClient(**options)` spelled out: settings from GPUAAS_* or the profile file."""
        return cls(None, **options)

    def _setup(
        self, settings: HTTPSettings, transport: httpx.AsyncBaseTransport, owns_transport: bool
    ) -> None:
        if isinstance(settings.auth, RefreshingAuth):
            settings.auth.bind_origin(settings.base_url)  # its stored login must be from here
        self._settings = settings
        self._transport = transport
        self._owns_transport = owns_transport
        self._stats = TransportStats()
        self._http: AsyncHTTPClient = build(settings, self._stats, transport)
        self.base_url = settings.base_url
        self.raw = generated_client(settings).set_async_httpx_client(self._http)
        self._context: Context | None = None

    async def load_context(self) -> Context:
        """Tenant and default project of the caller (fetched once); `client.context` after."""
        if self._context is None:
            self._context = Context.of(await self.auth.whoami())
        return self._context

    async def aclose(self) -> None:
        """Close the connections (of a client built on a transport it owns)."""
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
