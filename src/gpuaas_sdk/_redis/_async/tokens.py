"""The Redis token store's I/O, written once for both flavours of client.

The lock is a key with a lease, taken by a script that also counts the lease's fence;
while it is held, a keeper renews the lease every third of its time, so a slow token
exchange (a browser sign-in) keeps it, while a holder that died frees it within one lease.
"""

from __future__ import annotations

import logging
import random
import time
import uuid

from redis.asyncio import Redis

from ..._auth.token_store import Lease, StoredTokens
from ..._core.concurrency import AsyncBackground, AsyncFlag, async_sleep
from ...errors import SharedStoreError
from ..connection import async_connect, failures
from ..scripts import LOCK, RENEW, SAVE, UNLOCK, save_args, token_keys, tokens_from

log = logging.getLogger("gpuaas_sdk")

FIRST_POLL, LONGEST_POLL = 0.002, 0.05
"""Seconds between tries for a held lock: from the first, growing by half, up to the longest."""


class AsyncRedisTokens:
    """Tokens per profile in Redis hashes, and the fenced, leased exchange lock."""

    def __init__(self, url: str, *, namespace: str, lease: float, lock_timeout: float) -> None:
        self.url = url
        self.namespace = namespace
        self.lease_ms = max(1, round(lease * 1000))
        self.lock_timeout = lock_timeout
        self._redis: Redis = async_connect(url)
        self._lock = self._redis.register_script(LOCK)
        self._renew = self._redis.register_script(RENEW)
        self._unlock = self._redis.register_script(UNLOCK)
        self._save = self._redis.register_script(SAVE)
        self._keepers: dict[str, tuple[AsyncFlag, AsyncBackground]] = {}

    async def load(self, profile: str) -> StoredTokens | None:
        tokens, _, _ = token_keys(self.namespace, profile)
        with failures(self.url, f"reading the tokens of profile {profile!r}"):
            entry = await self._redis.hgetall(tokens)
        return tokens_from(entry)

    async def save(self, stored: StoredTokens, profile: str, lease: Lease | None) -> bool:
        tokens, _, _ = token_keys(self.namespace, profile)
        with failures(self.url, f"writing the tokens of profile {profile!r}"):
            kept = await self._save(keys=[tokens], args=save_args(stored, lease))
        if not kept:
            log.warning(
                "token store: a newer lease of profile %r wrote first; using its tokens", profile
            )
        return bool(kept)

    async def clear(self, profile: str) -> None:
        tokens, _, _ = token_keys(self.namespace, profile)
        with failures(self.url, f"clearing the tokens of profile {profile!r}"):
            await self._redis.delete(tokens)

    async def lock(self, profile: str) -> Lease:
        _, lock, fence_key = token_keys(self.namespace, profile)
        holder = uuid.uuid4().hex
        deadline = time.monotonic() + self.lock_timeout
        pause = FIRST_POLL
        while True:
            with failures(self.url, f"locking profile {profile!r} to refresh its tokens"):
                fence = await self._lock(keys=[lock, fence_key], args=[holder, self.lease_ms])
            if fence:
                break
            if time.monotonic() >= deadline:
                raise SharedStoreError(
                    f"profile {profile!r} stayed locked by another process for "
                    f"{self.lock_timeout:g} s (its token exchange never finished)"
                )
            await async_sleep(pause * random.uniform(0.5, 1.5))
            pause = min(LONGEST_POLL, pause * 1.5)
        lease = Lease(profile, int(fence), holder)
        self._keep(lease, lock)
        return lease

    async def unlock(self, lease: Lease) -> None:
        _, lock, _ = token_keys(self.namespace, lease.profile)
        await self._stop_keeping(lease)
        with failures(self.url, f"unlocking profile {lease.profile!r}"):
            await self._unlock(keys=[lock], args=[lease.holder])

    def _keep(self, lease: Lease, lock: str) -> None:
        """Renew the lease in the background until it is given back."""
        stop = AsyncFlag()
        interval = self.lease_ms / 3000

        async def renew() -> None:
            while not await stop.wait(interval):
                try:
                    held = await self._renew(keys=[lock], args=[lease.holder, self.lease_ms])
                except Exception as exc:  # the save's fence still guards the tokens
                    log.debug("token store: renewing the lease failed: %s", exc)
                    continue
                if not held:
                    log.warning(
                        "token store: the lease on profile %r ran out before it was renewed",
                        lease.profile,
                    )
                    return

        self._keepers[lease.holder] = (stop, AsyncBackground(renew, "gpuaas-lease-keeper"))

    async def _stop_keeping(self, lease: Lease) -> None:
        keeper = self._keepers.pop(lease.holder, None)
        if keeper is not None:
            stop, background = keeper
            stop.set()
            await background.stop()

    async def aclose(self) -> None:
        for holder in list(self._keepers):
            stop, background = self._keepers.pop(holder)
            stop.set()
            await background.stop()
        await self._redis.aclose()
