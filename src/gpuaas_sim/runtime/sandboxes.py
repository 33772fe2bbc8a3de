"""Sandboxes: isolated platforms beside the main one, so many CI runners share one simulator.

A sandbox is a world of its own (`World`): the seed state with its own users, keys,
projects and ids (a seed of its own), its own clock, faults, event log and stored
files, served under `/_sandboxes/{id}/` (`http/sandboxes.py`). It is kept where the
main world is (memory, SQLite or PostgreSQL), so every simulator process sharing a
database serves every sandbox. Its id is its only key: 64 random bits, never listed.

It lives `ttl` seconds of real time (its own clock may run years ahead). Then a janitor
thread, in any process that has seen a sandbox, deletes it: its row, books, events and
stored bytes. Deleting it early is `delete()`.
"""

from __future__ import annotations

import logging
import math
import secrets
import shutil
import threading
import time
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from .stores import WorldGone

if TYPE_CHECKING:
    from ..simulator import Simulator

__all__ = ["MAX_TTL", "SWEEP_INTERVAL", "SandboxInfo", "Sandboxes"]

log = logging.getLogger("gpuaas_sim")

MAX_TTL = 7 * 24 * 3600.0
"""The longest a sandbox may live (real seconds)."""

SWEEP_INTERVAL = 1.0
"""Real seconds between the janitor's looks for expired sandboxes."""


@dataclass(frozen=True)
class SandboxInfo:
    id: str
    seed: int
    created_at: float
    """Wall-clock seconds (`time.time()`), like `expires_at`."""
    expires_at: float


class Sandboxes:
    """The sandboxes of one main simulator: made, opened (here or in another process), deleted."""

    def __init__(self, main: Simulator) -> None:
        self._main = main
        self._store = main.persistence.store if main.persistence is not None else None
        self._live: dict[str, Simulator] = {}
        self._known: dict[str, SandboxInfo] = {}
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._janitor: threading.Thread | None = None
        if self._store is not None and self._store.expired_worlds(math.inf):
            self._start_janitor()  # sandboxes left by an earlier run still expire

    def create(self, ttl: float | None = None) -> SandboxInfo:
        """A new sandbox with the seed state, living `ttl` real seconds (the config's default)."""
        ttl = self._main.config.sandbox_ttl if ttl is None else ttl
        if not 0 < ttl <= MAX_TTL:
            raise ValueError(f"a sandbox lives more than 0 and at most {MAX_TTL:g} seconds")
        now = time.time()
        info = SandboxInfo(f"sbx-{secrets.token_hex(8)}", secrets.randbits(31), now, now + ttl)
        if self._store is not None:
            self._store.ensure_world(info.id, info.seed, info.expires_at)
        sandbox = self._build(info)
        with self._lock:
            self._live[info.id] = sandbox
            self._known[info.id] = info
        self._start_janitor()
        return info

    def info(self, sandbox_id: str) -> SandboxInfo | None:
        """The sandbox's record, None when it does not exist (or has expired)."""
        with self._lock:
            known = self._known.get(sandbox_id)
        if known is None and self._store is not None:
            row = self._store.world(sandbox_id)
            if row is not None and row.expires_at is not None:
                known = SandboxInfo(row.id, row.seed, row.created_at, row.expires_at)
        if known is None or known.expires_at <= time.time():
            return None
        return known

    def live(self, sandbox_id: str) -> Simulator | None:
        """The sandbox's simulator if this process has it open and it has not expired."""
        with self._lock:
            sandbox = self._live.get(sandbox_id)
            info = self._known.get(sandbox_id)
        if sandbox is None or info is None or info.expires_at <= time.time():
            return None
        return sandbox

    def open(self, sandbox_id: str) -> Simulator | None:
        """The sandbox's simulator in this process (built from the store at first use)."""
        with self._lock:
            sandbox = self._live.get(sandbox_id)
        if sandbox is not None:
            return sandbox if self.info(sandbox_id) is not None else None
        info = self.info(sandbox_id)
        if info is None:
            return None
        try:
            built = self._build(info)
        except WorldGone:
            return None  # deleted while this process was loading it
        with self._lock:
            sandbox = self._live.setdefault(sandbox_id, built)
            self._known[sandbox_id] = info
        if sandbox is not built:
            built.close()  # another thread got there first
        self._start_janitor()
        return sandbox

    def delete(self, sandbox_id: str) -> bool:
        """Delete the sandbox everywhere: state, stored bytes; False if there was none."""
        existed = self.info(sandbox_id) is not None
        if self._store is not None:
            existed = self._store.delete_world(sandbox_id) or existed
        self._forget(sandbox_id)
        folder = self._main.data_dir_of(sandbox_id)
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)
        return existed

    def sweep(self) -> list[str]:
        """Delete every sandbox whose time is up; drop those deleted by another process."""
        now = time.time()
        with self._lock:
            expired = {i for i, info in self._known.items() if info.expires_at <= now}
            live = list(self._live)
        if self._store is not None:
            expired.update(self._store.expired_worlds(now))
            for sandbox_id in live:
                if sandbox_id not in expired and self._store.world(sandbox_id) is None:
                    self._forget(sandbox_id)
        for sandbox_id in sorted(expired):
            self.delete(sandbox_id)
        return sorted(expired)

    def close(self) -> None:
        """Stop the janitor and close every sandbox open here (they live on in the store)."""
        self._stop.set()
        janitor = self._janitor
        if janitor is not None and janitor is not threading.current_thread():
            janitor.join(10)
        with self._lock:
            sandboxes, self._live = list(self._live.values()), {}
        for sandbox in sandboxes:
            sandbox.close()

    def __len__(self) -> int:
        with self._lock:
            return len(self._live)

    def _forget(self, sandbox_id: str) -> None:
        with self._lock:
            sandbox = self._live.pop(sandbox_id, None)
            self._known.pop(sandbox_id, None)
        if sandbox is not None:
            sandbox.close(save=False)

    def _build(self, info: SandboxInfo) -> Simulator:
        from ..simulator import Simulator, World

        main = self._main
        config = replace(
            main.config.with_data_dir(main.data_dir_of(info.id)),
            seed=info.seed,
            fault_profile=None,  # a sandbox's faults are the ones its runner arms
        )
        world = World(info.id, main.state_lock, self._store, info.expires_at)
        return Simulator(config, world=world)

    def _start_janitor(self) -> None:
        with self._lock:
            if self._janitor is not None or self._stop.is_set():
                return
            self._janitor = threading.Thread(
                target=self._run, name="gpuaas-sim-sandboxes", daemon=True
            )
            self._janitor.start()

    def _run(self) -> None:
        while not self._stop.wait(SWEEP_INTERVAL):
            try:
                self.sweep()
            except Exception:  # a store that failed now may answer next time
                log.warning("could not delete expired sandboxes", exc_info=True)
