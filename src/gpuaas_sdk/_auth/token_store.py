"""Where refreshable tokens live between runs and between processes: the token store.

`TokenStore` is the interface the refresh flow uses: tokens per profile, and a lock that
makes one process at a time exchange a profile's tokens (`lock` returns a `Lease`; a
store whose locks can expire gives each lease a higher fence, and refuses a write from a
lease older than the one that wrote last). A store also keeps the fleet's refresh pause
(`StoredTokens.retry_refresh_at`), so a failing refresh backs off every process at once.

Two backends: `FileTokenStore`, the file shared with the CLI on one host, and
`RedisTokenStore` (`gpuaas_sdk[redis]`), shared by every host of a fleet. Each answers
the sync calls of `Client`; `AsyncClient` awaits the `a...` twins, which run the sync
ones on a thread unless the backend has its own (Redis does).

The file (`$XDG_CONFIG_HOME/gpuaas/tokens.json` by default) is private (mode 0600),
replaced atomically, and changed only under a cross-process lock, so two processes
refreshing at once never spend each other's rotated refresh token: the second one
re-reads the file under the lock and uses what the first one stored.

An entry records where its tokens were obtained (`origin`) and for which tenant hint,
so a handler never sends a profile's tokens to another platform or uses another
tenant's sign-in: such an entry counts as absent (and a new sign-in replaces it).
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from filelock import FileLock, Timeout

from ..errors import ConfigurationError

__all__ = [
    "FileTokenStore",
    "Lease",
    "StoredTokens",
    "TokenStore",
    "default_token_path",
]

R = TypeVar("R")

LOCK_TIMEOUT = 600.0
"""Long enough for another process's browser sign-in to finish."""


def default_token_path(env: Mapping[str, str] | None = None) -> Path:
    """`$XDG_CONFIG_HOME/gpuaas/tokens.json` (`~/.config/...` without it), as the CLI uses."""
    env = os.environ if env is None else env
    base = env.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "gpuaas" / "tokens.json"


@dataclass(frozen=True)
class StoredTokens:
    access_token: str = field(repr=False)
    refresh_token: str | None = field(repr=False)
    expires_at: float
    """Wall-clock time (`time.time()`) at which the access token expires."""
    origin: str | None = None
    """`scheme://host:port` of the platform that issued them; None in older entries."""
    tenant_hint: str | None = None
    """The tenant hint of the browser sign-in that obtained them, if it had one."""

    retry_refresh_at: float = 0.0
    """Wall-clock time before which no process refreshes: a refresh failed, the token is
    still valid, and the fleet backs off together."""
    refresh_backoff: float = 0.0
    """The pause that led to `retry_refresh_at` (seconds); the next failure doubles it."""

    def fits(self, origin: str | None, tenant_hint: str | None) -> bool:
        """Whether a handler bound for `origin` (and `tenant_hint`, if any) may use them."""
        same_platform = origin is None or self.origin is None or self.origin == origin
        return same_platform and (tenant_hint is None or self.tenant_hint == tenant_hint)


@dataclass(frozen=True)
class Lease:
    """The right to exchange one profile's tokens, held by one process at a time."""

    profile: str
    fence: int = 0
    """Grows with every lease of the profile: the store refuses a write from a lease older
    than the newest one that wrote (a holder whose lease ran out while it waited)."""
    holder: str = field(default="", repr=False)


class TokenStore(ABC):
    """Tokens per profile shared by processes, and the lock under which they are exchanged.

    Implement `load`, `save`, `clear`, `lock` and `unlock` for a backend of your own;
    the async twins run them on a thread unless overridden.
    """

    @abstractmethod
    def load(self, profile: str = "default") -> StoredTokens | None:
        """The profile's tokens, or None when there are none (or they cannot be read)."""

    @abstractmethod
    def save(
        self, tokens: StoredTokens, profile: str = "default", *, lease: Lease | None = None
    ) -> bool:
        """Keep `tokens` for `profile`; False when a newer lease has written meanwhile.

        Saved under `lease` (the one `lock` gave), a write is refused once a later lease
        of the profile has written: the caller then re-loads and uses the newer tokens.
        """

    @abstractmethod
    def clear(self, profile: str = "default") -> None:
        """Forget the profile's tokens: every process using it signs in again."""

    @abstractmethod
    def lock(self, profile: str = "default") -> Lease:
        """Wait for the profile's exchange lock (raises `ConfigurationError` if it never frees)."""

    @abstractmethod
    def unlock(self, lease: Lease) -> None:
        """Give the lock back (a lease that already ran out is left alone)."""

    def close(self) -> None:  # noqa: B027 (optional: a backend without connections keeps it)
        """Release connections the store holds (none for a file)."""

    async def aload(self, profile: str = "default") -> StoredTokens | None:
        return await _on_thread(self.load, profile)

    async def asave(
        self, tokens: StoredTokens, profile: str = "default", *, lease: Lease | None = None
    ) -> bool:
        return await _on_thread(lambda: self.save(tokens, profile, lease=lease))

    async def aclear(self, profile: str = "default") -> None:
        await _on_thread(self.clear, profile)

    async def alock(self, profile: str = "default") -> Lease:
        return await _on_thread(self.lock, profile)

    async def aunlock(self, lease: Lease) -> None:
        await _on_thread(self.unlock, lease)

    async def aclose(self) -> None:
        self.close()


async def _on_thread(work: Callable[..., R], *args: Any) -> R:
    import asyncio  # an async client has loaded it already

    return await asyncio.to_thread(work, *args)


class FileTokenStore(TokenStore):
    """A JSON file of tokens per profile, guarded by a lock file beside it (one host)."""

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        self.path = Path(path) if path is not None else default_token_path()
        # Not thread-local: an async client acquires it in a worker thread.
        self._lock = FileLock(f"{self.path}.lock", timeout=LOCK_TIMEOUT, thread_local=False)

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the cross-process lock (re-entrant within this process)."""
        self.acquire()
        try:
            yield
        finally:
            self.release()

    def acquire(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        try:
            self._lock.acquire()
        except Timeout:
            raise ConfigurationError(
                f"the token store {self.path} stayed locked by another process"
            ) from None

    def release(self) -> None:
        self._lock.release()

    def lock(self, profile: str = "default") -> Lease:
        """The file's one lock (for every profile): the OS frees it if the process dies."""
        self.acquire()
        return Lease(profile)

    def unlock(self, lease: Lease) -> None:
        self.release()

    # An async client waits for the lock on a thread; the small local file it reads and
    # writes inline. (Reading on threads too would deadlock many clients of one loop:
    # the waiters fill the thread pool the holder needs to finish.)

    async def aload(self, profile: str = "default") -> StoredTokens | None:
        return self.load(profile)

    async def asave(
        self, tokens: StoredTokens, profile: str = "default", *, lease: Lease | None = None
    ) -> bool:
        return self.save(tokens, profile, lease=lease)

    async def aclear(self, profile: str = "default") -> None:
        self.clear(profile)

    async def aunlock(self, lease: Lease) -> None:
        self.unlock(lease)

    def load(self, profile: str = "default") -> StoredTokens | None:
        entry = self._read().get(profile)
        if not isinstance(entry, dict):
            return None
        try:
            refresh, origin, hint = (
                entry.get(k) for k in ("refresh_token", "origin", "tenant_hint")
            )
            return StoredTokens(
                access_token=str(entry["access_token"]),
                refresh_token=str(refresh) if refresh else None,
                expires_at=float(entry["expires_at"]),
                origin=str(origin) if origin else None,
                tenant_hint=str(hint) if hint else None,
                retry_refresh_at=float(entry.get("retry_refresh_at", 0.0)),
                refresh_backoff=float(entry.get("refresh_backoff", 0.0)),
            )
        except (KeyError, TypeError, ValueError):
            return None  # an entry we cannot read is as good as none: sign in again

    def save(
        self, tokens: StoredTokens, profile: str = "default", *, lease: Lease | None = None
    ) -> bool:
        with self.locked():
            data = self._read()
            entry: dict[str, Any] = {
                "access_token": tokens.access_token,
                "refresh_token": tokens.refresh_token,
                "expires_at": tokens.expires_at,
                **{k: v for k in ("origin", "tenant_hint") if (v := getattr(tokens, k))},
            }
            if tokens.retry_refresh_at:
                entry["retry_refresh_at"] = tokens.retry_refresh_at
                entry["refresh_backoff"] = tokens.refresh_backoff
            data[profile] = entry
            self._write(data)
        return True

    def clear(self, profile: str = "default") -> None:
        with self.locked():
            data = self._read()
            if data.pop(profile, None) is not None:
                self._write(data)

    def _read(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            raise ConfigurationError(f"the token store {self.path} is unreadable: {exc}") from None
        return data if isinstance(data, dict) else {}

    def _write(self, data: dict[str, Any]) -> None:
        """Write a private temp file beside the target, then swap it in atomically."""
        fd, temp = tempfile.mkstemp(prefix=".tokens-", suffix=".tmp", dir=self.path.parent)
        try:
            os.fchmod(fd, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(data, handle, indent=2, sort_keys=True)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temp, self.path)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temp)
            raise

    def __repr__(self) -> str:
        return f"FileTokenStore(path={str(self.path)!r})"
