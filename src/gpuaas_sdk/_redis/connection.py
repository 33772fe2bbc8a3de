"""Reaching Redis: the optional import, the clients of both flavours, failures as typed errors."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from .._extras import missing_extra
from ..errors import SharedStoreError

if TYPE_CHECKING:
    import redis
    import redis.asyncio

CONNECT_TIMEOUT = 5.0
"""Seconds to reach Redis before a call fails with `SharedStoreError`."""
SOCKET_TIMEOUT = 5.0
"""Seconds a Redis command may take (each is one short script)."""


def require_redis() -> None:
    """Fail at once, naming the extra, when redis-py is not installed."""
    try:
        import redis  # noqa: F401
    except ModuleNotFoundError as exc:
        raise missing_extra(
            exc, extra="redis", needs="a Redis token store or rate limiter needs redis-py"
        ) from exc


def _options() -> dict[str, Any]:
    return {
        "socket_connect_timeout": CONNECT_TIMEOUT,
        "socket_timeout": SOCKET_TIMEOUT,
        "decode_responses": True,
        "health_check_interval": 30,
    }


def connect(url: str) -> redis.Redis:
    import redis

    return redis.Redis.from_url(url, **_options())


def async_connect(url: str) -> redis.asyncio.Redis:
    import redis.asyncio

    return redis.asyncio.Redis.from_url(url, **_options())


@contextmanager
def failures(url: str, doing: str) -> Iterator[None]:
    """Turn what redis-py raises into `SharedStoreError`, saying which Redis and what for."""
    import redis

    try:
        yield
    except redis.RedisError as exc:
        raise SharedStoreError(
            f"the Redis at {redacted(url)} failed while {doing}: {exc or type(exc).__name__}; "
            "check that it is running and reachable from this host"
        ) from exc


def redacted(url: str) -> str:
    """A URL without its password, for messages and reprs."""
    scheme, sep, rest = url.partition("://")
    if not sep:
        return url
    credentials, at, host = rest.rpartition("@")
    if not at:
        return url
    user = credentials.partition(":")[0]
    return f"{scheme}{sep}{user}:***@{host}" if user else f"{scheme}{sep}***@{host}"
