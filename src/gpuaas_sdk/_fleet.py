"""A fleet's shared settings, from what a user wrote to the objects that keep them.

`Client(token_store=..., rate_limiter=...)`, `GPUAAS_TOKEN_STORE` / `GPUAAS_RATE_LIMITER`
and a profile's `token_store = ...` / `rate_limiter = ...` keys all come through here. A
`redis://` URL is the only thing that loads redis-py (`gpuaas_sdk[redis]`).

What a URL names is made once per process and shared by every client that names it (one
connection pool per Redis, one `local` budget), so clients made and dropped by the
thousand open no more connections; it lives as long as the process.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from ._redis.connection import redacted
from .errors import ConfigurationError

if TYPE_CHECKING:
    from gpuaas_api.http_stack import httpx

    from ._auth.token_store import TokenStore
    from ._core.ratelimit import RateLimiter

T = TypeVar("T")
_REDIS_SCHEMES = ("redis", "rediss", "unix")


def _scheme(text: str) -> str:
    return text.partition("://")[0].lower() if "://" in text else ""


def token_store_from(where: TokenStore | str | os.PathLike[str]) -> TokenStore:
    """A store from a store, a `redis://` / `rediss://` / `unix://` URL, or a token file's path
    (`file://` optional)."""
    from ._auth.token_store import FileTokenStore, TokenStore

    if isinstance(where, TokenStore):
        return where
    text = os.fspath(where)
    scheme = _scheme(text)
    if scheme in _REDIS_SCHEMES:
        from ._redis.tokens import RedisTokenStore

        return _shared(("store", text), lambda: RedisTokenStore(text))
    if scheme == "file":
        return FileTokenStore(text.partition("://")[2])
    if scheme or not text:
        raise ConfigurationError(
            f"token store {redacted(text)!r} is not one the SDK knows: use "
            "redis://host:6379/0 (rediss:// for TLS, unix:///path.sock) to share tokens across "
            "hosts, or the path of a token file for one host"
        )
    return FileTokenStore(text)


def rate_limiter_from(where: RateLimiter | str, key: str = "default") -> RateLimiter:
    """A limiter from a limiter, `local` (one budget for this process) or a `redis://` URL
    (the budget `key`: the profile, as the platform counts per account)."""
    from ._core.ratelimit import LocalRateLimiter, RateLimiter

    if isinstance(where, RateLimiter):
        return where
    if _scheme(where) in _REDIS_SCHEMES:
        from ._redis.ratelimit import RedisRateLimiter

        return _shared(("limiter", where, key), lambda: RedisRateLimiter(where, key=key))
    if where.strip().lower() == "local":
        return _shared(("limiter", "local"), LocalRateLimiter)
    raise ConfigurationError(
        f"rate limiter {redacted(where)!r} is not one the SDK knows: use `local` (each client "
        "paces itself) or redis://host:6379/0 (one budget for every client of the fleet)"
    )


_SHARED: dict[tuple[str, ...], Any] = {}
_SHARED_GUARD = threading.Lock()


def _shared(name: tuple[str, ...], make: Callable[[], T]) -> T:
    with _SHARED_GUARD:
        if name not in _SHARED:
            _SHARED[name] = make()
        found: T = _SHARED[name]
        return found


def share_tokens(auth: httpx.Auth | None, store: TokenStore) -> None:
    """Make `auth` keep its tokens in `store` (`Client(token_store=...)`), before any request."""
    from ._auth.refreshing import RefreshingAuth

    if not isinstance(auth, RefreshingAuth):
        kind = "no credentials" if auth is None else type(auth).__name__
        raise ConfigurationError(
            f"token_store= needs credentials that are refreshed (a dev login, a service account, "
            f"a browser sign-in), not {kind}: a static token has nothing to share"
        )
    auth.use_token_store(store)  # the argument wins over a store the profile named
