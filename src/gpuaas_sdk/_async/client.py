"""The client: the entry point of the SDK."""

from __future__ import annotations

from collections.abc import Sequence
from types import TracebackType
from typing import Self, Unpack

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
from ..auth import RefreshingAuth
from ..resources._async._resources import AsyncResources


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
        settings = settings_of(
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
