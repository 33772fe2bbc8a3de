"""`Client` and `AsyncClient`: the entry points of the SDK.

Both build one httpx client (auth, retries, typed errors) and hand it to the
generated layer too, so `client.raw` calls behave exactly like the facade's.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import TracebackType
from typing import Any, Self

import httpx
from gpuaas_api.client import Client as GeneratedClient
from gpuaas_api.models import Principal

from ._credentials import default_credentials
from ._http import AsyncHTTPClient, HTTPClient, build_async, build_sync
from ._retry import RetryPolicy
from .auth import StaticTokenAuth
from .errors import ConfigurationError
from .resources.allocations import AllocationsResource, AsyncAllocationsResource
from .resources.auth import AsyncAuthResource, AuthResource
from .resources.catalog import AsyncCatalogResource, CatalogResource
from .resources.health import AsyncHealthResource, HealthResource


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


@dataclass(frozen=True)
class _Settings:
    base_url: str
    auth: httpx.Auth | None
    timeout: float
    retry: RetryPolicy
    headers: dict[str, str]

    @classmethod
    def of(
        cls,
        base_url: str | None,
        auth: httpx.Auth | str | None,
        timeout: float,
        max_retries: int,
        retry: RetryPolicy | None,
        headers: dict[str, str] | None,
    ) -> _Settings:
        if not base_url:
            raise ConfigurationError("base_url is required (or use from_default_credentials())")
        if timeout <= 0:
            raise ConfigurationError(f"timeout must be positive seconds (got {timeout})")
        if max_retries < 0:
            raise ConfigurationError(f"max_retries must be 0 or more (got {max_retries})")
        return cls(
            base_url=base_url.rstrip("/"),
            auth=StaticTokenAuth(auth) if isinstance(auth, str) else auth,
            timeout=timeout,
            retry=retry or RetryPolicy(max_retries=max_retries),
            headers=dict(headers or {}),
        )

    def generated_client(self) -> GeneratedClient:
        return GeneratedClient(base_url=self.base_url, raise_on_unexpected_status=True)


class Client:
    """The GPUaaS client. Close it (or use `with`) to release its connections."""

    def __init__(
        self,
        base_url: str | None = None,
        *,
        auth: httpx.Auth | str | None = None,
        timeout: float = 60.0,
        max_retries: int = 3,
        retry: RetryPolicy | None = None,
        headers: dict[str, str] | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        settings = _Settings.of(base_url, auth, timeout, max_retries, retry, headers)
        self._http: HTTPClient = build_sync(
            settings.base_url,
            auth=settings.auth,
            timeout=settings.timeout,
            retry=settings.retry,
            headers=settings.headers,
            transport=transport,
        )
        self.base_url = settings.base_url
        self.raw = settings.generated_client().set_httpx_client(self._http)
        self.health = HealthResource(self.raw)
        self.auth = AuthResource(self.raw)
        self.catalog = CatalogResource(self.raw)
        self.allocations = AllocationsResource(self.raw)
        # area: billing
        # area: storage
        # area: apps
        # area: events
        # area: iam
        # area: webhooks-admin
        self._context: Context | None = None

    @classmethod
    def from_default_credentials(cls, **kwargs: Any) -> Self:
        """A client from GPUAAS_* environment variables, else the shared profile file."""
        found = default_credentials()
        return cls(found.base_url, auth=found.auth, **kwargs)

    @property
    def context(self) -> Context:
        """Tenant and default project of the caller (fetched once, on first use)."""
        if self._context is None:
            self._context = Context.of(self.auth.whoami())
        return self._context

    def close(self) -> None:
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

    def __repr__(self) -> str:
        return f"Client(base_url={self.base_url!r})"


class AsyncClient:
    """The asyncio GPUaaS client: the same resources, every call awaitable.

    Use one per event loop; close it with `await client.aclose()` or `async with`.
    """

    def __init__(
        self,
        base_url: str | None = None,
        *,
        auth: httpx.Auth | str | None = None,
        timeout: float = 60.0,
        max_retries: int = 3,
        retry: RetryPolicy | None = None,
        headers: dict[str, str] | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        settings = _Settings.of(base_url, auth, timeout, max_retries, retry, headers)
        self._http: AsyncHTTPClient = build_async(
            settings.base_url,
            auth=settings.auth,
            timeout=settings.timeout,
            retry=settings.retry,
            headers=settings.headers,
            transport=transport,
        )
        self.base_url = settings.base_url
        self.raw = settings.generated_client().set_async_httpx_client(self._http)
        self.health = AsyncHealthResource(self.raw)
        self.auth = AsyncAuthResource(self.raw)
        self.catalog = AsyncCatalogResource(self.raw)
        self.allocations = AsyncAllocationsResource(self.raw)
        # area: billing
        # area: storage
        # area: apps
        # area: events
        # area: iam
        # area: webhooks-admin
        self._context: Context | None = None

    @classmethod
    def from_default_credentials(cls, **kwargs: Any) -> Self:
        """A client from GPUAAS_* environment variables, else the shared profile file."""
        found = default_credentials()
        return cls(found.base_url, auth=found.auth, **kwargs)

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

    def __repr__(self) -> str:
        return f"AsyncClient(base_url={self.base_url!r})"
