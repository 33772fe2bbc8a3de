"""What `Client` and `AsyncClient` share: settings, options, the caller's context.

The clients themselves are in `_async/client.py` (and its generated sync twin). Both
build one httpx client (auth, retries, typed errors) and hand it to the generated
layer too, so `client.raw` calls behave exactly like the facade's.
"""

from __future__ import annotations

import os
from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields, replace
from typing import TYPE_CHECKING, Any, Self, TypedDict

from gpuaas_api.http_stack import httpx

from ._config import ClientConfig
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


class ClientOptions(TypedDict, total=False):
    """The keyword arguments `Client(...)` and `AsyncClient(...)` share (all but `transport`)."""

    auth: httpx.Auth | str | None
    timeout: float | None
    max_retries: int | None
    retry: RetryPolicy | None
    headers: dict[str, str] | None
    on_request: RequestHook | None
    on_response: ResponseHook | None
    max_connections: int | None
    verify: bool | str | os.PathLike[str] | None
    token_store: TokenStore | str | None
    rate_limiter: RateLimiter | str | None


class SyncClientOptions(ClientOptions, total=False):
    transport: httpx.BaseTransport | None


class AsyncClientOptions(ClientOptions, total=False):
    transport: httpx.AsyncBaseTransport | None


def several_urls(value: object) -> bool:
    """Whether `base_url=` was given a list of URLs (deprecated: `base_urls=` says it)."""
    return value is not None and not isinstance(value, str)


def settings_of(
    base_url: str | Sequence[str] | None,
    base_urls: Sequence[str] | None,
    config: ClientConfig | None,
    given: Mapping[str, Any],
) -> HTTPSettings:
    """The client's settings: what it was `given` (None: not given) over `config`.

    Without a URL anywhere (no `base_url`, `base_urls` or config), the environment
    and the profile are read, as the CLI does.
    """
    auth = given.get("auth")
    if isinstance(auth, str):
        auth = StaticTokenAuth(auth)
    if base_url is not None and base_urls is not None:
        raise ConfigurationError(
            "give base_url (one URL) or base_urls (several of one platform), not both"
        )
    if config is None and base_url is None and base_urls is None:
        config = ClientConfig.from_env(auth=auth)  # credentials stacks load only here
    config = config or ClientConfig()
    values = {f.name: getattr(config, f.name) for f in fields(config)}
    values.update({name: value for name, value in given.items() if value is not None})
    values["headers"] = {**config.headers, **(given.get("headers") or {})}
    if isinstance(values["auth"], str):
        values["auth"] = StaticTokenAuth(values["auth"])
    if values["token_store"] is not None or values["rate_limiter"] is not None:
        _fleet_settings(values)
    if base_url is not None:
        urls = [base_url] if isinstance(base_url, str) else list(base_url)
    else:
        urls = list(base_urls if base_urls is not None else config.base_urls)
    if not urls or not all(isinstance(u, str) and u for u in urls):
        shown = base_url if base_url is not None else base_urls or list(config.base_urls)
        raise ConfigurationError(
            f"base_url must name at least one URL (got {shown!r}); leave it out to read "
            "GPUAAS_BASE_URL and the credentials from the environment or the profile"
        )
    return _checked(urls, values)


def _checked(urls: list[str], values: dict[str, Any]) -> HTTPSettings:
    """The settings, once every value is one the HTTP layer can use."""
    for name in ("timeout", "connect_timeout", "read_timeout", "write_timeout", "pool_timeout"):
        value = values[name]
        if value is not None and (isinstance(value, bool) or value <= 0):
            raise ConfigurationError(f"{name} must be positive seconds (got {value})")
    for name, least in (
        ("max_retries", 0),
        ("max_connections", 1),
        ("keepalive_expiry", 0),
        ("failover_cooldown", 0),
    ):
        if values[name] < least:
            raise ConfigurationError(f"{name} must be at least {least} (got {values[name]})")
    keepalive = values["max_keepalive_connections"]
    if keepalive is not None and keepalive < 0:
        raise ConfigurationError(f"max_keepalive_connections must be 0 or more (got {keepalive})")
    max_connections = values["max_connections"]
    return HTTPSettings(
        base_url=urls[0].rstrip("/"),
        fallback_urls=tuple(u.rstrip("/") for u in urls[1:]),
        auth=values["auth"],
        timeout=values["timeout"],
        connect_timeout=values["connect_timeout"],
        read_timeout=values["read_timeout"],
        write_timeout=values["write_timeout"],
        pool_timeout=values["pool_timeout"],
        verify=_verify(values["verify"]),
        retry=values["retry"] or RetryPolicy(max_retries=values["max_retries"]),
        headers=values["headers"],
        on_request=(values["on_request"],) if values["on_request"] else (),
        on_response=(values["on_response"],) if values["on_response"] else (),
        max_connections=max_connections,
        max_keepalive_connections=min(20, max_connections) if keepalive is None else keepalive,
        keepalive_expiry=values["keepalive_expiry"],
        failover_cooldown=values["failover_cooldown"],
        rate_limiter=values["rate_limiter"],
    )


def _fleet_settings(values: dict[str, Any]) -> None:
    """Share the tokens through the store named, and make the rate limiter named."""
    from ._fleet import rate_limiter_from, share_tokens, token_store_from

    auth = values["auth"]
    if values["token_store"] is not None:
        share_tokens(auth, token_store_from(values["token_store"]))
    if values["rate_limiter"] is not None:
        key = getattr(auth, "profile", "default")
        values["rate_limiter"] = rate_limiter_from(values["rate_limiter"], key)


def _verify(verify: bool | str | os.PathLike[str]) -> bool | str:
    """True, False, or the path of an existing CA bundle (a PEM file or a folder)."""
    if isinstance(verify, bool):
        return verify
    path = os.fspath(verify)
    if not os.path.exists(path):
        raise ConfigurationError(
            f"verify={path!r} names no file or folder: pass True (the public CAs), False (no"
            " check, for a test platform only) or the path of the CA bundle (PEM) that signed"
            " the platform's certificate"
        )
    return path


_PHASES = ("connect_timeout", "read_timeout", "write_timeout", "pool_timeout")


def _with_options(
    settings: HTTPSettings, timeout: float, max_retries: int, headers: dict[str, str] | None
) -> HTTPSettings:
    changes: dict[str, Any] = {}
    if timeout is not _UNCHANGED:
        if timeout <= 0:
            raise ConfigurationError(f"timeout must be positive seconds (got {timeout})")
        changes["timeout"] = timeout  # for every phase: the config's own phase timeouts go
        changes.update(dict.fromkeys(_PHASES))
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
