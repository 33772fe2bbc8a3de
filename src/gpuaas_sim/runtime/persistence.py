"""The simulator's state in a SQLite file, so a restart on the same data folder keeps it.

Design: every book (identity, allocations, billing, ...) gives `snapshot()` plain
data and takes it back with `restore()`. After each request that may change state
(any method but GET/HEAD/OPTIONS, and WebSocket sessions), before its response goes
out, the books whose snapshot changed are written as one row each (with a version
counter) in ONE transaction, together with the events appended since the last save
and the simulated time; a crash mid-write leaves the previous complete state. Reads
save the simulated time only (so it never goes back): what they change lazily
(events that became due, their sources' cursors) is derived again, identically,
after a restart, and `close()` saves everything. The event log is append-only, so it
is written incrementally (one row per event) instead of as a snapshot. Nothing live
(locks, threads, clocks, callables) is ever written: only JSON.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import filelock
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .state_codec import StateError

if TYPE_CHECKING:
    from ..simulator import Simulator

__all__ = [
    "SCHEMA_VERSION",
    "STATE_FILE",
    "Persistence",
    "PersistenceError",
    "StateStore",
    "claim_folder",
]

log = logging.getLogger("gpuaas_sim")

SCHEMA_VERSION = 1
"""Bump when a book's snapshot changes in a way older data cannot be read into."""

STATE_FILE = "state.sqlite3"
LOCK_FILE = "state.lock"

_FIX = "Delete the data folder (its simulated state is lost) or start with another --data-dir."

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS books (
    name TEXT PRIMARY KEY, version INTEGER NOT NULL, data TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS events (id INTEGER PRIMARY KEY, body TEXT NOT NULL);
"""


class PersistenceError(RuntimeError):
    """The data folder's state cannot be used; the message says why and what to do."""


@dataclass
class SavedState:
    """What a data folder holds: each book's snapshot, the event log and the simulated time."""

    books: dict[str, Any] = field(default_factory=dict)
    events: list[dict[str, Any]] = field(default_factory=list)
    clock: datetime | None = None


class StateStore:
    """One SQLite file in WAL mode: `meta`, `books` (a snapshot per book) and `events`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            self._db.execute("PRAGMA busy_timeout = 5000")
            self._db.execute("PRAGMA journal_mode = WAL")
            # A commit survives a crash of the process; NORMAL skips the fsync per commit.
            self._db.execute("PRAGMA synchronous = NORMAL")
            self._check_schema()
        except sqlite3.DatabaseError as exc:
            raise PersistenceError(
                f"{path} is not a readable simulator state file ({exc}). {_FIX}"
            ) from exc
        self._versions = dict(self._db.execute("SELECT name, version FROM books").fetchall())

    def _check_schema(self) -> None:
        tables = {row[0] for row in self._db.execute("SELECT name FROM sqlite_master")}
        if tables and "meta" not in tables:
            raise PersistenceError(f"{self.path} was not written by gpuaas-sim. {_FIX}")
        self._db.executescript(_SCHEMA)
        row = self._db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        if row is None:
            self._db.execute(
                "INSERT INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),)
            )
        elif row[0] != str(SCHEMA_VERSION):
            raise PersistenceError(
                f"{self.path} holds state of schema version {row[0]}; this gpuaas-sim reads"
                f" version {SCHEMA_VERSION}. {_FIX}"
            )

    def load(self) -> SavedState | None:
        """The saved state, or None when the file has none yet (a fresh data folder)."""
        try:
            books = self._db.execute("SELECT name, data FROM books").fetchall()
            events = self._db.execute("SELECT id, body FROM events ORDER BY id").fetchall()
            clock = self._db.execute("SELECT value FROM meta WHERE key = 'clock'").fetchone()
            if not books and clock is None:
                return None
            saved = SavedState({name: json.loads(data) for name, data in books})
            for expected, (event_id, body) in enumerate(events, start=1):
                if event_id != expected:
                    raise ValueError(f"event {expected} is missing")
                saved.events.append(json.loads(body))
            saved.clock = datetime.fromisoformat(clock[0]) if clock else None
            return saved
        except (sqlite3.DatabaseError, ValueError) as exc:
            raise PersistenceError(f"{self.path} is damaged ({exc}). {_FIX}") from exc

    def save(self, books: dict[str, str], events: list[tuple[int, str]], clock: datetime) -> None:
        """Write changed books (JSON text), new events and the time in one transaction."""
        with self._transaction():
            for name, data in books.items():
                version = self._versions.get(name, 0) + 1
                self._db.execute(
                    "INSERT INTO books VALUES (?, ?, ?) ON CONFLICT(name) DO UPDATE"
                    " SET version = excluded.version, data = excluded.data",
                    (name, version, data),
                )
            self._db.executemany("INSERT INTO events VALUES (?, ?)", events)
            self._db.execute(
                "INSERT INTO meta VALUES ('clock', ?) ON CONFLICT(key) DO UPDATE"
                " SET value = excluded.value",
                (clock.isoformat(),),
            )
        for name in books:
            self._versions[name] = self._versions.get(name, 0) + 1

    def clear(self) -> None:
        """Forget every saved book, event and the time (the schema version stays)."""
        with self._transaction():
            self._db.execute("DELETE FROM books")
            self._db.execute("DELETE FROM events")
            self._db.execute("DELETE FROM meta WHERE key != 'schema_version'")
        self._versions.clear()

    def versions(self) -> dict[str, int]:
        """How many times each book was written (for tests and diagnostics)."""
        return dict(self._versions)

    def close(self) -> None:
        self._db.close()

    def _transaction(self) -> _Transaction:
        return _Transaction(self._db)


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK when anything in between fails."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    def __enter__(self) -> None:
        self._db.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        self._db.execute("COMMIT" if kind is None else "ROLLBACK")


Snapshot = Callable[[], Any]
Restore = Callable[[Any], Any]


def claim_folder(data_dir: Path) -> filelock.BaseFileLock:
    """Create the data folder if needed and hold its lock: one simulator per folder.

    The lock is an OS file lock, so a simulator that died without closing leaves none.
    """
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        lock = filelock.FileLock(data_dir / LOCK_FILE, timeout=0, thread_local=False)
        lock.acquire()
    except filelock.Timeout:
        raise PersistenceError(
            f"{data_dir} is in use by another simulator: stop it, or start with another --data-dir."
        ) from None
    except OSError as exc:
        raise PersistenceError(
            f"cannot use {data_dir} as a data folder ({exc}): give a folder you can write to."
        ) from exc
    return lock


class Persistence:
    """Saves a simulator's books to its data folder after every request; loads them at start.

    `lock` is the folder's, from `claim_folder`; `close()` and `abandon()` release it.
    """

    def __init__(self, sim: Simulator, data_dir: Path, lock: filelock.BaseFileLock) -> None:
        self.sim = sim
        self._folder_lock = lock
        try:
            self.store = StateStore(Path(data_dir) / STATE_FILE)
        except BaseException:
            lock.release()
            raise
        self._written: dict[str, Any] = {}
        """Each book's snapshot as last written (compared as data: cheaper than as JSON)."""
        self._events_written = 0
        self._lock = threading.Lock()
        self._closed = False

    def books(self) -> dict[str, tuple[Snapshot, Restore]]:
        """Every book by name, in restore order (what refers to allocations comes after them).

        Looked up on the simulator at each call: `reset()` replaces the book objects.
        """
        sim = self.sim
        return {
            "identity": (sim.identity.snapshot, sim.identity.restore),
            "iam": (sim.iam.snapshot, sim.iam.restore),
            "service_accounts": (sim.service_accounts.snapshot, sim.service_accounts.restore),
            "ssh_keys": (sim.ssh_keys.snapshot, sim.ssh_keys.restore),
            "allocations": (sim.allocation_book.snapshot, sim.allocation_book.restore),
            "allocation_events": (sim.allocation_events.snapshot, sim.allocation_events.restore),
            "pricing": (sim.pricing.snapshot, sim.pricing.restore),
            "quotes": (sim.quotes.snapshot, sim.quotes.restore),
            "holds": (sim.holds.snapshot, sim.holds.restore),
            "reservations": (sim.reservations.snapshot, sim.reservations.restore),
            "capacity_watches": (sim.capacity_watches.snapshot, sim.capacity_watches.restore),
            "fleets": (sim.fleets.snapshot, sim.fleets.restore),
            "fleet_events": (sim.fleet_events.snapshot, sim.fleet_events.restore),
            "spend_grants": (sim.grants.snapshot, sim.grants.restore),
            "project_budgets": (sim.budgets.snapshot, sim.budgets.restore),
            "volumes": (sim.volumes.snapshot, sim.volumes.restore),
            "billing": (sim.billing.snapshot, sim.billing.restore),
            "storage": (sim.storage.snapshot, self._restore_storage),
            "apps": (sim.apps.snapshot, sim.apps.restore),
            "fleet": (
                sim.fleet.snapshot,
                lambda data: sim.fleet.restore(data, sim.allocation_book.allocations),
            ),
            "audit": (sim.audit.snapshot, sim.audit.restore),
            "idempotency": (sim.idempotency.snapshot, sim.idempotency.restore),
            "webhooks": (sim.webhooks.snapshot, sim.webhooks.restore),
        }

    def _restore_storage(self, data: Any) -> None:
        for path in self.sim.storage.restore(data):
            log.warning("stored file %s lost its bytes before the last save; dropped it", path)

    # -- loading ---------------------------------------------------------------------

    def load(self) -> bool:
        """Restore the saved state into the (freshly built) simulator; False if there was none."""
        saved = self.store.load()
        if saved is None:
            return False
        if saved.clock is not None:
            self.sim.clock.resume_from(saved.clock)
        with self._lock:
            self.sim.events.restore(saved.events)
            for name, (_, restore) in self.books().items():
                if name not in saved.books:
                    continue
                try:
                    restore(saved.books[name])
                except (StateError, ValueError, KeyError, TypeError, IndexError) as exc:
                    raise PersistenceError(
                        f"{self.store.path}: the saved {name} state cannot be read"
                        f" ({type(exc).__name__}: {exc}). {_FIX}"
                    ) from exc
            self._events_written = len(saved.events)
            self._written = dict(saved.books)
        return True

    # -- saving ----------------------------------------------------------------------

    def save(self, *, full: bool = True) -> None:
        """Write what changed since the last save (books, new events, the time), atomically.

        `full=False` writes only the simulated time: what reads change (events made due,
        the cursors of their sources) is re-derived identically after a restart.
        """
        with self._lock:
            if self._closed:
                return
            if not full:
                self.store.save({}, [], self.sim.clock.now())
                return
            changed = {}
            for name, (snapshot, _) in self.books().items():
                data = _settled(snapshot)
                if self._written.get(name) != data:
                    changed[name] = data
            new = self.sim.events.snapshot_from(self._events_written)
            events = [
                (self._events_written + i, json.dumps(event, separators=(",", ":")))
                for i, event in enumerate(new, start=1)
            ]
            texts = {
                name: json.dumps(data, separators=(",", ":")) for name, data in changed.items()
            }
            self.store.save(texts, events, self.sim.clock.now())
            self._written.update(changed)
            self._events_written += len(events)

    def clear(self) -> None:
        """Forget the saved state (a `reset()`), then save the fresh one."""
        with self._lock:
            self.store.clear()
            self._written.clear()
            self._events_written = 0
        self.save()

    def close(self) -> None:
        """Save one last time, close the file and free the folder; later saves do nothing."""
        self.save()
        self.abandon()

    def abandon(self) -> None:
        """Close the file and free the folder without saving (after a failed `load()`)."""
        with self._lock:
            if not self._closed:
                self._closed = True
                self.store.close()
                self._folder_lock.release()

    def wrap(self, app: ASGIApp) -> ASGIApp:
        """`app`, saving the state after each request's work, before its response starts."""

        async def persisting(scope: Scope, receive: Receive, send: Send) -> None:
            if scope["type"] not in ("http", "websocket"):
                await app(scope, receive, send)
                return
            full = scope["type"] == "websocket" or scope["method"] not in _READS
            saved = False

            async def saving_send(message: Message) -> None:
                nonlocal saved
                if not saved and message["type"] in ("http.response.start", "websocket.close"):
                    saved = True
                    self.save(full=full)
                await send(message)

            try:
                await app(scope, receive, saving_send)
            finally:
                if not saved or scope["type"] == "websocket":
                    self.save(full=full)

        return persisting


_READS = frozenset({"GET", "HEAD", "OPTIONS"})


def _settled(snapshot: Snapshot) -> Any:
    """A snapshot; once more if another thread resized a container it was reading."""
    try:
        return snapshot()
    except RuntimeError:  # "dictionary changed size during iteration"
        return snapshot()
