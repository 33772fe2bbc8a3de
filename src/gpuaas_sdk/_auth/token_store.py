"""Tokens persisted between runs and shared with the CLI, one entry per profile.

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
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

from ..errors import ConfigurationError

__all__ = ["StoredTokens", "TokenStore", "default_token_path"]

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

    def fits(self, origin: str | None, tenant_hint: str | None) -> bool:
        """Whether a handler bound for `origin` (and `tenant_hint`, if any) may use them."""
        same_platform = origin is None or self.origin is None or self.origin == origin
        return same_platform and (tenant_hint is None or self.tenant_hint == tenant_hint)


class TokenStore:
    """A JSON file of tokens per profile, guarded by a lock file beside it."""

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
            )
        except (KeyError, TypeError, ValueError):
            return None  # an entry we cannot read is as good as none: sign in again

    def save(self, tokens: StoredTokens, profile: str = "default") -> None:
        with self.locked():
            data = self._read()
            data[profile] = {
                "access_token": tokens.access_token,
                "refresh_token": tokens.refresh_token,
                "expires_at": tokens.expires_at,
                **{k: v for k in ("origin", "tenant_hint") if (v := getattr(tokens, k))},
            }
            self._write(data)

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
        return f"TokenStore(path={str(self.path)!r})"
