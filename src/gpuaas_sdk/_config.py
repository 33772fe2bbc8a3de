"""Client settings read from the environment.

GPUAAS_BASE_URL      one URL, or several comma-separated for failover
GPUAAS_TIMEOUT       seconds per request (default 60)
GPUAAS_MAX_RETRIES   retries of transient failures (default 3)
GPUAAS_TOKEN_STORE   where refreshable tokens are shared (`redis://...`: by a fleet)
GPUAAS_RATE_LIMITER  `local` or `redis://...`: pace requests to the platform's rate limit
+ the credentials (a token, a dev login, a service account, or a profile: `_credentials`)
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

import httpx

from ._auth.credentials import default_base_url, default_credentials, fleet_setting
from ._client import DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT
from .errors import ConfigurationError


@dataclass(frozen=True)
class ClientConfig:
    """What `Client()` reads when it is given no base URL."""

    base_urls: tuple[str, ...]
    auth: httpx.Auth
    timeout: float = DEFAULT_TIMEOUT
    max_retries: int = DEFAULT_MAX_RETRIES
    rate_limiter: str | None = None
    """GPUAAS_RATE_LIMITER or the profile's `rate_limiter`: `local` or a `redis://` URL."""

    @classmethod
    def from_env(
        cls, env: Mapping[str, str] | None = None, *, auth: httpx.Auth | None = None
    ) -> ClientConfig:
        """Settings from `env` (default: `os.environ`) and the profile; `auth` skips the search."""
        env = os.environ if env is None else env
        if auth is None:
            found = default_credentials(env)
            base_url, auth = found.base_url, found.auth
        else:
            base_url = default_base_url(env)
        return cls(
            base_urls=tuple(u.strip() for u in base_url.split(",") if u.strip()),
            auth=auth,
            timeout=_number(env, "GPUAAS_TIMEOUT", DEFAULT_TIMEOUT, float, minimum=0.001),
            max_retries=int(
                _number(env, "GPUAAS_MAX_RETRIES", DEFAULT_MAX_RETRIES, int, minimum=0)
            ),
            rate_limiter=fleet_setting("rate_limiter", env),
        )


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
