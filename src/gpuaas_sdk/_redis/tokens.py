"""`RedisTokenStore`: one token store for every process on every host of a fleet."""

from __future__ import annotations

import threading
import weakref
from typing import TYPE_CHECKING, Any

from .._auth.token_store import Lease, StoredTokens, TokenStore
from .connection import redacted, require_redis

if TYPE_CHECKING:
    import asyncio

    from ._async.tokens import AsyncRedisTokens
    from ._sync.tokens import RedisTokens

__all__ = ["RedisTokenStore"]

LEASE = 10.0
"""Seconds the exchange lock outlives a holder that died (a living one renews it)."""
LOCK_TIMEOUT = 600.0
"""The longest a process waits for another's token exchange (a browser sign-in)."""


class RedisTokenStore(TokenStore):
    """Tokens per profile in Redis, refreshed once for the whole fleet (`gpuaas-sdk[redis]`).

    `RedisTokenStore("redis://host:6379/0")` (`rediss://` for TLS, `unix:///path.sock`,
    a password as `redis://:secret@host`). Every process given the same URL and profile
    shares one sign-in: a refresh happens under a lock with a lease (renewed while held,
    so a process that dies frees it within `lease` seconds) and a fence (a write from a
    lease that ran out never overwrites a newer one); the store is re-read once the lock
    is won, and the rotated tokens are written before they are used. `namespace` prefixes
    every key (`gpuaas:{profile}:tokens`).
    """

    def __init__(
        self,
        url: str = "redis://127.0.0.1:6379/0",
        *,
        namespace: str = "gpuaas",
        lease: float = LEASE,
        lock_timeout: float = LOCK_TIMEOUT,
    ) -> None:
        require_redis()
        if lease <= 0 or lock_timeout <= 0:
            raise ValueError("lease and lock_timeout must be positive seconds")
        self.url = url
        self.namespace = namespace
        self.lease = lease
        self.lock_timeout = lock_timeout
        self._guard = threading.Lock()
        self._sync: RedisTokens | None = None
        self._async: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, AsyncRedisTokens] = (
            weakref.WeakKeyDictionary()
        )
        """An engine per event loop: redis-py's async connections belong to one."""

    def _options(self) -> dict[str, Any]:
        return {"namespace": self.namespace, "lease": self.lease, "lock_timeout": self.lock_timeout}

    def _engine(self) -> RedisTokens:
        with self._guard:
            if self._sync is None:
                from ._sync.tokens import RedisTokens

                self._sync = RedisTokens(self.url, **self._options())
            return self._sync

    def _aengine(self) -> AsyncRedisTokens:
        """The async engine of the running loop (redis-py's async connections belong to one)."""
        import asyncio

        from ._async.tokens import AsyncRedisTokens

        loop = asyncio.get_running_loop()
        with self._guard:
            engine = self._async.get(loop)
            if engine is None:
                engine = self._async[loop] = AsyncRedisTokens(self.url, **self._options())
        return engine

    def load(self, profile: str = "default") -> StoredTokens | None:
        return self._engine().load(profile)

    def save(
        self, tokens: StoredTokens, profile: str = "default", *, lease: Lease | None = None
    ) -> bool:
        return self._engine().save(tokens, profile, lease)

    def clear(self, profile: str = "default") -> None:
        self._engine().clear(profile)

    def lock(self, profile: str = "default") -> Lease:
        return self._engine().lock(profile)

    def unlock(self, lease: Lease) -> None:
        self._engine().unlock(lease)

    async def aload(self, profile: str = "default") -> StoredTokens | None:
        return await self._aengine().load(profile)

    async def asave(
        self, tokens: StoredTokens, profile: str = "default", *, lease: Lease | None = None
    ) -> bool:
        return await self._aengine().save(tokens, profile, lease)

    async def aclear(self, profile: str = "default") -> None:
        await self._aengine().clear(profile)

    async def alock(self, profile: str = "default") -> Lease:
        return await self._aengine().lock(profile)

    async def aunlock(self, lease: Lease) -> None:
        await self._aengine().unlock(lease)

    def close(self) -> None:
        """Close the sync connections (the async ones: `await store.aclose()`)."""
        with self._guard:
            engine, self._sync = self._sync, None
        if engine is not None:
            engine.close()

    async def aclose(self) -> None:
        import asyncio

        with self._guard:
            engine = self._async.pop(asyncio.get_running_loop(), None)
        if engine is not None:
            await engine.aclose()

    def __repr__(self) -> str:
        return f"RedisTokenStore({redacted(self.url)!r}, namespace={self.namespace!r})"
