"""The simulator's state kept in a store, changed only in transactions.

Design: every book (identity, allocations, billing, ... and the clock and the armed
faults) gives `snapshot()` plain data and takes it back with `restore()`. Every request
that touches the state runs its synchronous part in `transaction()`:

1. lock the world's row (`Store.begin`) and catch up: when the world's version moved
   since this process last saw it, restore the books whose own version moved (and the
   books that hold their records, `FOLLOWS`), and append the events written meanwhile;
   a new generation (a reset elsewhere) rebuilds the seed state first;
2. run the request's work on the books in memory;
3. write the books whose snapshot changed, with a version each, and the events appended,
   bump the world's version, and commit, all before the response goes out.

So a response you received is in the database, a crash mid-write leaves the previous
complete state, and several processes on one PostgreSQL database serve one platform.
SQLite is the single-process case: its process holds the data folder, so step 1 has
nothing to catch up and a transaction that changed nothing never touches the file.
A read request compares only what reads may change (`CHANGED_BY_READS`), unless it made
events due, which are saved with the cursors of their sources so no id is handed out
twice. Nothing live (locks, threads, clocks, callables) is ever written: only JSON.

A new book persists without extra work: an attribute of the simulator that is a
`PersistedFields` is found and kept under its attribute name (restored after the named
books, and again whenever any book is). List it in `books()` to choose its place.
"""

from __future__ import annotations

import contextlib
import json
import logging
import secrets
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import filelock

from .state_codec import PersistedFields, StateError
from .stores import (
    FIX_FOLDER,
    MAIN_WORLD,
    SCHEMA_VERSION,
    PersistenceError,
    SqliteStore,
    Store,
    WorldGone,
    WorldRow,
)

if TYPE_CHECKING:
    from ..simulator import Simulator
    from .config import SimConfig

__all__ = [
    "CHANGED_BY_READS",
    "FOLLOWS",
    "SCHEMA_VERSION",
    "STATE_FILE",
    "Persistence",
    "PersistenceError",
    "WorldGone",
    "claim_folder",
    "open_store",
]

log = logging.getLogger("gpuaas_sim")

STATE_FILE = "state.sqlite3"
LOCK_FILE = "state.lock"
STORAGE_DIR_KEY = "storage_dir"

FOLLOWS: dict[str, frozenset[str]] = {
    "fleet": frozenset({"allocations"}),
    "apps": frozenset({"allocations"}),
}
"""Books that hold records of other books: restored again whenever one of those is."""

CHANGED_BY_READS = frozenset({"faults"})
"""Books a read request may change for good (a fault's remaining hits)."""

LEAD_RETRY = 1.0
"""Real seconds between two attempts of a process to take over a duty another one has."""

ORPHAN_AGE = 3600.0
"""Seconds after which a blob file no entry refers to is surely not an upload in flight."""

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
            f"{data_dir} is in use by another simulator: stop it, or start with another"
            " --data-dir (several processes share one state through --database postgresql://...)."
        ) from None
    except OSError as exc:
        raise PersistenceError(
            f"cannot use {data_dir} as a data folder ({exc}): give a folder you can write to."
        ) from exc
    return lock


def open_store(config: SimConfig) -> tuple[Store, filelock.BaseFileLock | None, Path]:
    """The store `config` names, the data folder's lock (SQLite) and the folder of bytes."""
    if config.database is not None:
        from .postgres import PostgresStore

        store: Store = PostgresStore(config.database)
        try:
            return store, None, _bytes_folder(store, config.data_dir)
        except BaseException:
            store.close()
            raise
    assert config.data_dir is not None
    folder = Path(config.data_dir)
    lock = claim_folder(folder)  # before anything reads or writes the folder
    try:
        store = SqliteStore(folder / STATE_FILE, seed=config.seed)
    except BaseException:
        lock.release()
        raise
    return store, lock, folder


def _bytes_folder(store: Store, given: Path | None) -> Path:
    """Where every process of a database keeps stored files' bytes: the first one says."""
    offered = given or Path(tempfile.gettempdir()) / f"gpuaas-sim-{secrets.token_hex(6)}"
    recorded = Path(store.claim_meta(STORAGE_DIR_KEY, str(Path(offered).absolute())))
    if given is not None and Path(given).absolute() != recorded:
        raise PersistenceError(
            f"the database {store.where} keeps stored files' bytes in {recorded}: start"
            f" with --data-dir {recorded} (or without --data-dir), so every process shares them."
        )
    return recorded


class Persistence:
    """One world's state in `store`: loaded at start, changed in `transaction()`s.

    `folder_lock` is the data folder's (SQLite), released by `close()` and `abandon()`;
    `owns_store` closes the store too (the main world's; sandboxes share it).
    """

    def __init__(
        self,
        sim: Simulator,
        store: Store,
        world: str = MAIN_WORLD,
        *,
        folder_lock: filelock.BaseFileLock | None = None,
        owns_store: bool = True,
    ) -> None:
        self.sim = sim
        self.store = store
        self.world = world
        self._folder_lock = folder_lock
        self._owns_store = owns_store
        self._written: dict[str, Any] = {}
        """Each book's snapshot as in the store (compared as data: cheaper than as JSON)."""
        self._versions: dict[str, int] = {}
        self._generation = 0
        self._version = -1
        self._events_written = 0
        self._depth = 0
        self._writes = False
        self._clearing = False
        self._open_in_db = False
        self._stale = False
        self._last_end = 0.0
        self._closed = False
        self._lead_retry_at: dict[str, float] = {}
        self.restored = False
        """True when the world's state came back from the store (see `load()`)."""

    # -- the books -------------------------------------------------------------------

    def books(self) -> dict[str, tuple[Snapshot, Restore]]:
        """Every book by name, in restore order (what refers to allocations comes after them).

        Looked up on the simulator at each call: `reset()` replaces the book objects.
        """
        named = self._named()
        return {**named, **self._discovered(named)}

    def _named(self) -> dict[str, tuple[Snapshot, Restore]]:
        sim = self.sim
        return {
            "clock": (sim.clock.snapshot, self._restore_clock),
            "faults": (sim.faults.snapshot, sim.faults.restore),
            "streams": (sim.stream_snapshot, sim.stream_restore),
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
            "budget_events": (sim.budget_events.snapshot, sim.budget_events.restore),
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

    def _discovered(
        self, named: dict[str, tuple[Snapshot, Restore]]
    ) -> dict[str, tuple[Snapshot, Restore]]:
        """Books nobody listed: every `PersistedFields` attribute of the simulator."""
        listed = {id(getattr(snapshot, "__self__", None)) for snapshot, _ in named.values()}
        return {
            name: (value.snapshot, value.restore)
            for name, value in vars(self.sim).items()
            if isinstance(value, PersistedFields) and id(value) not in listed and name not in named
        }

    def _restore_clock(self, data: Any) -> None:
        if "resume_from" in data:  # written by a version that saved the time only
            self.sim.clock.resume_from(datetime.fromisoformat(data["resume_from"]))
        else:
            self.sim.clock.restore(data)

    def _restore_storage(self, data: Any) -> None:
        # Pruning entries without bytes is safe only where no other process uploads.
        for path in self.sim.storage.restore(data, prune=self.store.exclusive):
            log.warning("stored file %s lost its bytes before the last save; dropped it", path)

    # -- loading ---------------------------------------------------------------------

    def load(self, seed: int, expires_at: float | None = None) -> bool:
        """Join the world (creating its row when it has none); True if it had saved state.

        A world without saved state gets the simulator's fresh (seed) state written at once.
        """
        self._call(lambda: self.store.ensure_world(self.world, seed, expires_at))
        self._stale = True  # the first transaction reads everything
        with self.transaction():
            pass
        return self.restored

    # -- transactions ----------------------------------------------------------------

    @contextmanager
    def transaction(self, *, writes: bool = True) -> Iterator[None]:
        """Catch up, run the block, save what it changed: one transaction of the store.

        Reentrant. `writes=False` (a read) saves only what reads may change, or
        everything if the block made events due. The block must not `await`.
        """
        with self.store.lock:
            if self._depth:
                self._depth += 1
                self._writes = self._writes or writes
                try:
                    yield
                finally:
                    self._depth -= 1
                return
            if self._closed:
                yield  # stopping: the last save is done
                return
            self._depth, self._writes, self._clearing = 1, writes, False
            try:
                self._open()
                try:
                    yield
                finally:
                    self._finish()
            finally:
                self._depth = 0
                self._open_in_db = False
                self._last_end = time.monotonic()

    @contextmanager
    def fresh(self, max_age: float, *, wait: bool = True) -> Iterator[bool]:
        """For readers outside requests (streams, SSH banners): True inside a transaction.

        Where other processes write, at most one transaction per `max_age` real seconds
        catches up; in between, False: read what memory has, change nothing. `wait=False`
        also says False rather than wait for a transaction another thread is in.
        """
        inside = self._depth > 0 and self.store.lock.held
        recent = time.monotonic() - self._last_end < max_age
        if not inside and not self.store.exclusive and recent:
            yield False
            return
        if not inside and not wait:
            if not self.store.lock.try_enter():
                yield False
                return
            try:
                with self.transaction(writes=False):
                    yield True
            finally:
                self.store.lock.__exit__()
            return
        with self.transaction(writes=False):
            yield True

    def cleared(self) -> None:
        """The block reset the world: its saved books and events are replaced by the new ones."""
        if not self._depth:
            raise RuntimeError("cleared() belongs inside a transaction")
        self._clearing = True
        self._written.clear()
        self._versions.clear()
        self._events_written = 0

    def leads(self, duty: str) -> bool:
        """Whether this process does the world's `duty` (webhook deliveries) now.

        A process that is not the one asks again after `LEAD_RETRY` seconds: the one
        that does it lets go only by stopping (or dying).
        """
        if self._closed or time.monotonic() < self._lead_retry_at.get(duty, 0.0):
            return False
        if self._call(lambda: self.store.leads(f"{self.world}:{duty}")):
            return True
        self._lead_retry_at[duty] = time.monotonic() + LEAD_RETRY
        return False

    def _open(self) -> None:
        if self.store.exclusive and not self._stale:
            return  # nobody else writes: nothing to catch up
        row = self._call(lambda: self.store.begin(self.world))
        self._open_in_db = True
        try:
            self._catch_up(row)
        except BaseException:
            self._rollback()
            raise

    def _catch_up(self, row: WorldRow) -> None:
        sim, events = self.sim, self.sim.events
        first = self._version < 0
        if self._stale or row.generation != self._generation:
            if not first:
                sim.rebuild()  # a reset elsewhere, or memory ahead of a failed save
            self._written.clear()
            self._versions.clear()
            self._events_written = 0
            self._version = -1
            self._generation = row.generation
            self._stale = False
        if row.version != self._version:
            versions = self._call(lambda: self.store.book_versions(self.world))
            changed = {n for n, v in versions.items() if self._versions.get(n) != v}
            if changed:
                self._restore(changed)
            new = self._call(lambda: self.store.events_after(self.world, self._events_written))
            if len(events) != self._events_written:
                events.truncate(self._events_written)  # appended outside any transaction
            for expected, (event_id, body) in enumerate(new, start=self._events_written + 1):
                if event_id != expected:
                    raise PersistenceError(
                        f"{self.store.where}: event {expected} of world {self.world} is missing."
                        f" {FIX_FOLDER}"
                    )
                events.append_saved(json.loads(body))
            self._events_written += len(new)
            self._version = row.version
        if first:
            self.restored = row.version > 0

    def _restore(self, changed: set[str]) -> None:
        named = self._named()
        books = {**named, **self._discovered(named)}
        rows = self._call(lambda: self.store.books(self.world, changed))
        todo = set(changed)
        todo |= {name for name, follows in FOLLOWS.items() if follows & changed}
        todo |= books.keys() - named.keys()  # discovered books may hold anything's records
        for name, (_, restore) in books.items():
            if name not in todo:
                continue
            if name in rows:
                try:
                    plain = json.loads(rows[name][1])
                except ValueError as exc:
                    raise self._unreadable(name, exc) from exc
            elif name in self._written:
                plain = self._written[name]
            else:
                continue
            try:
                restore(plain)
            except (StateError, ValueError, KeyError, TypeError, IndexError) as exc:
                raise self._unreadable(name, exc) from exc
            self._written[name] = plain
        for name, (version, _) in rows.items():
            self._versions[name] = version

    def _unreadable(self, name: str, exc: Exception) -> PersistenceError:
        return PersistenceError(
            f"{self.store.where}: the saved {name} state cannot be read"
            f" ({type(exc).__name__}: {exc}). {FIX_FOLDER}"
        )

    def _finish(self) -> None:
        events = self.sim.events
        grew = len(events) > self._events_written
        books = self.books()
        if self._clearing or self._writes or grew:
            names = list(books)
        else:
            names = [name for name in books if name in CHANGED_BY_READS]
        changed = {}
        for name in names:
            data = _settled(books[name][0])
            if self._clearing or self._written.get(name) != data:
                changed[name] = data
        new = events.snapshot_from(self._events_written)
        if not changed and not new and not self._clearing:
            if self._open_in_db:
                self._call(self.store.commit)
            return
        generation = self._generation + (1 if self._clearing else 0)
        rows = {
            name: (self._versions.get(name, 0) + 1, json.dumps(data, separators=(",", ":")))
            for name, data in changed.items()
        }
        start = self._events_written
        texts = [
            (start + i, json.dumps(event, separators=(",", ":")))
            for i, event in enumerate(new, start=1)
        ]

        def write() -> None:
            if not self._open_in_db:
                self.store.begin(self.world)
                self._open_in_db = True
            if self._clearing:
                self.store.clear_world(self.world)
            self.store.put_books(self.world, rows)
            self.store.add_events(self.world, texts)
            self.store.set_head(self.world, generation, self._version + 1)
            self.store.commit()

        try:
            self._call(write)
        except BaseException:
            self._rollback()
            self._stale = True  # memory is ahead of the store: reload it all next time
            raise
        self._written.update(changed)
        self._versions.update({name: version for name, (version, _) in rows.items()})
        self._events_written += len(texts)
        self._version += 1
        self._generation = generation

    def _rollback(self) -> None:
        if self._open_in_db:
            self._open_in_db = False
            with contextlib.suppress(*self.store.errors):  # a lost connection lost it too
                self.store.rollback()

    def _call(self, work: Callable[[], Any]) -> Any:
        """`work()` against the store; its engine's errors become `PersistenceError`."""
        try:
            return work()
        except WorldGone:
            raise
        except self.store.errors as exc:
            raise PersistenceError(
                f"the state store {self.store.where} failed ({type(exc).__name__}: {exc})"
            ) from exc

    # -- the end ---------------------------------------------------------------------

    def save(self) -> None:
        """Write whatever memory holds that the store does not (a last save, a steering call)."""
        with self.transaction():
            pass

    def close(self) -> None:
        """Save one last time, then let go of the store and the folder; later saves do nothing."""
        try:
            if not self._closed:
                self.save()
        except (PersistenceError, WorldGone):
            log.warning("the last save of world %s failed", self.world, exc_info=True)
        finally:
            self.abandon()

    def abandon(self) -> None:
        """Let go without saving (after a failed `load()`, or a world deleted elsewhere)."""
        with self.store.lock:
            if self._closed:
                return
            self._closed = True
        if self._owns_store:
            self.store.close()
        else:
            self.store.resign(f"{self.world}:webhooks")
        if self._folder_lock is not None:
            self._folder_lock.release()


def _settled(snapshot: Snapshot) -> Any:
    """A snapshot; once more if another thread resized a container it was reading."""
    try:
        return snapshot()
    except RuntimeError:  # "dictionary changed size during iteration"
        return snapshot()
