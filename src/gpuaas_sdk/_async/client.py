"""The client: the entry point of the SDK."""

from __future__ import annotations

from collections.abc import Sequence
from types import TracebackType
from typing import TYPE_CHECKING, Self, Unpack

import httpx

from .._client import (
    AsyncClientOptions,
    AsyncContextMixin,
    ClientBase,
    Context,
    generated_client,
    settings_of,
)
from .._core._async.http import AsyncHTTPClient, build
from .._core.http import HTTPSettings, RequestHook, ResponseHook
from .._core.retry import RetryPolicy, TransportStats
from ..resources._async._resources import AsyncResources

if TYPE_CHECKING:
    from .._auth.token_store import TokenStore
    from .._core.ratelimit import RateLimiter


class AsyncClient(AsyncResources, AsyncContextMixin, ClientBase):
    """The GPUaaS client. Close it (or use it as a context manager) to release its connections.

    `AsyncClient()` reads its settings as the CLI does: GPUAAS_BASE_URL with a token, a
    dev login or a service account from the environment, else the profile in the
    credentials file (see `ClientConfig`); GPUAAS_TIMEOUT and GPUAAS_MAX_RETRIES too.
    Arguments win over what it reads. Given a `base_url`, it reads nothing, and
    without `auth` it sends no credentials.

    `base_url` may list several URLs of the same platform: when one cannot be
    reached, the next is used (and preferred from then on). An async client belongs
    to the event loop that first uses it: make one per loop.

    A fleet of workers on one account shares its sign-in and its rate budget:
    `token_store` (a `TokenStore`, or a `redis://` URL) keeps the auth handler's tokens
    where every worker refreshes them once for all, and `rate_limiter` (a
    `RateLimiter`, `"local"`, or a `redis://` URL) paces every request to the
    platform's `X-RateLimit-*` budget; GPUAAS_TOKEN_STORE and GPUAAS_RATE_LIMITER (or
    a profile's `token_store` and `rate_limiter` keys) say the same (docs/fleet.md).
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
        token_store: TokenStore | str | None = None,
        rate_limiter: RateLimiter | str | None = None,
    ) -> None:
        settings = settings_of(
            base_url, auth, timeout, max_retries, retry, headers, on_request, on_response,
            max_connections, token_store, rate_limiter,
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
