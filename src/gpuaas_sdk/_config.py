"""Every setting of a client in one value (`ClientConfig`), and reading them from the environment.

GPUAAS_BASE_URL      one URL, or several comma-separated (taken in turn, see `base_urls`)
GPUAAS_TIMEOUT       seconds per request (default 60)
GPUAAS_MAX_RETRIES   retries of transient failures (default 3)
GPUAAS_CA_BUNDLE     a CA bundle (PEM file or folder) to verify the platform's certificate
GPUAAS_TOKEN_STORE   where refreshable tokens are shared (`redis://...`: by a fleet)
GPUAAS_RATE_LIMITER  `local` or `redis://...`: pace requests to the platform's rate limit
+ the credentials (a token, a dev login, a service account, or a profile: `_credentials`)
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from gpuaas_api.http_stack import httpx

from ._core.http import RequestHook, ResponseHook
from ._core.retry import RetryPolicy
from .errors import ConfigurationError

if TYPE_CHECKING:
    from ._auth.token_store import TokenStore
    from ._core.ratelimit import RateLimiter

DEFAULT_TIMEOUT = 60.0
DEFAULT_MAX_RETRIES = 3
DEFAULT_MAX_CONNECTIONS = 100
DEFAULT_FAILOVER_COOLDOWN = 30.0


@dataclass(frozen=True)
class ClientConfig:
    """Every setting of a client in one value: `Client(config=ClientConfig(...))`.

    Keep one per deployment (or build it with `ClientConfig.from_env()`) and hand it
    to each client; keyword arguments given to the client win over its fields.

    Timeouts: `timeout` is the default of every phase of a request; `connect_timeout`
    (default the smaller of `timeout` and 10 s), `read_timeout`, `write_timeout` and
    `pool_timeout` (waiting for a free connection of the pool) override it phase by
    phase. `verify` is True (the public CAs), False (no check: only for a test
    platform), or the path of a CA bundle (a PEM file, or a folder of them) that
    signed the platform's certificate; the pool limits hold whichever it is.

    With several `base_urls` (the same platform behind several addresses) requests
    take them in turn (round-robin); one that cannot be reached, or times out, rests
    for `failover_cooldown` seconds, its requests going to the others, then comes
    back. `on_request` sees each request with the URL chosen for it; `on_response`
    sees `response.request.url`, the URL that answered.
    """

    base_urls: Sequence[str] = ()
    auth: httpx.Auth | str | None = None
    """An auth handler (`gpuaas_sdk.auth`), a static token, or None for no credentials."""
    timeout: float = DEFAULT_TIMEOUT
    max_retries: int = DEFAULT_MAX_RETRIES
    connect_timeout: float | None = None
    read_timeout: float | None = None
    write_timeout: float | None = None
    pool_timeout: float | None = None
    verify: bool | str | os.PathLike[str] = True
    max_connections: int = DEFAULT_MAX_CONNECTIONS
    max_keepalive_connections: int | None = None
    """Idle connections kept open; the smaller of 20 and `max_connections` if None."""
    keepalive_expiry: float = 5.0
    """Seconds an idle connection is kept open."""
    failover_cooldown: float = DEFAULT_FAILOVER_COOLDOWN
    retry: RetryPolicy | None = None
    """The whole retry policy; `max_retries` alone changes just its number of retries."""
    headers: Mapping[str, str] = field(default_factory=dict)
    on_request: RequestHook | None = None
    on_response: ResponseHook | None = None
    token_store: TokenStore | str | None = None
    """Where refreshable tokens are shared: a store, a token file's path or `redis://...`."""
    rate_limiter: RateLimiter | str | None = None
    """Pacing to the platform's rate limit: a limiter, `local` or `redis://...` (a fleet)."""

    def __post_init__(self) -> None:
        urls = self.base_urls
        if isinstance(urls, str):  # one URL given bare
            urls = [urls]
        object.__setattr__(self, "base_urls", tuple(urls))
        object.__setattr__(self, "headers", dict(self.headers))

    @classmethod
    def from_env(
        cls,
        env: Mapping[str, str] | None = None,
        *,
        auth: httpx.Auth | None = None,
        **settings: Any,
    ) -> ClientConfig:
        """Settings from `env` (default: `os.environ`) and the profile; `auth` skips the search.

        Other keyword arguments are fields of the config, and win over what is read.
        """
        from ._auth.credentials import (  # the auth stacks load only here
            default_base_url,
            default_credentials,
            fleet_setting,
        )

        env = os.environ if env is None else env
        if auth is None:
            found = default_credentials(env)
            base_url, auth = found.base_url, found.auth
        else:
            base_url = default_base_url(env)
        read: dict[str, Any] = {
            "base_urls": tuple(u.strip() for u in base_url.split(",") if u.strip()),
            "auth": auth,
            "timeout": _number(env, "GPUAAS_TIMEOUT", DEFAULT_TIMEOUT, float, minimum=0.001),
            "max_retries": int(
                _number(env, "GPUAAS_MAX_RETRIES", DEFAULT_MAX_RETRIES, int, minimum=0)
            ),
            "rate_limiter": fleet_setting("rate_limiter", env),
        }
        if env.get("GPUAAS_CA_BUNDLE"):
            read["verify"] = env["GPUAAS_CA_BUNDLE"]
        return cls(**{**read, **settings})


def _number(
    env: Mapping[str, str], name: str, default: float, kind: type[float] | type[int], minimum: float
) -> float:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = kind(raw)
    except ValueError:
        raise ConfigurationError(f"{name}={raw!r} is not a {kind.__name__}") from None
    if value < minimum:
        raise ConfigurationError(f"{name}={raw!r} must be at least {minimum:g}")
    return value
