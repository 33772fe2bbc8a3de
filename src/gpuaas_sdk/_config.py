"""Client settings read from the environment.

GPUAAS_BASE_URL      one URL, or several comma-separated for failover
GPUAAS_TIMEOUT       seconds per request (default 60)
GPUAAS_MAX_RETRIES   retries of transient failures (default 3)
+ the credentials of `from_default_credentials()` (token, dev login, or a profile)
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

import httpx

from ._auth.credentials import default_credentials
from .errors import ConfigurationError


@dataclass(frozen=True)
class ClientConfig:
    base_urls: tuple[str, ...]
    auth: httpx.Auth
    timeout: float = 60.0
    max_retries: int = 3

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> ClientConfig:
        env = os.environ if env is None else env
        found = default_credentials(env)
        urls = tuple(u.strip() for u in found.base_url.split(",") if u.strip())
        return cls(
            base_urls=urls,
            auth=found.auth,
            timeout=_number(env, "GPUAAS_TIMEOUT", 60.0, float, minimum=0.001),
            max_retries=int(_number(env, "GPUAAS_MAX_RETRIES", 3, int, minimum=0)),
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
