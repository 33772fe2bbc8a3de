"""Where simulated worlds are kept: tables in SQLite (one process) or PostgreSQL (many).

A *world* is one simulated platform: the main one, or a sandbox (`sandboxes.py`). The
same four tables hold every world in both engines:

- `meta`: the schema version (and, in PostgreSQL, the folder of stored files' bytes);
- `worlds`: one row per world with its `generation` (bumped by a reset), its `version`
  (bumped by every transaction that wrote), its seed and, for a sandbox, when it expires;
- `books`: each book's latest snapshot (JSON text) with a version of its own;
- `events`: the event log, one row per event.

Every change happens in a transaction that first locks the world's row (`begin`), so
transactions on one world are serial across processes, and a process reloads a book
only when its version moved. `StateLock` serialises them inside a process (one
connection per store) and catches the one bug a transaction must never have: being
held across an `await`, where another task of the same thread would walk into it.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = [
    "MAIN_WORLD",
    "SCHEMA_VERSION",
    "PersistenceError",
    "SqliteStore",
    "StateLock",
    "Store",
    "WorldGone",
    "WorldRow",
]

SCHEMA_VERSION = 2
"""Bump when the tables or a book's snapshot change in a way older data cannot be read into.
Version 1 (one world, no `worlds` table) is migrated on open."""

MAIN_WORLD = "main"

FIX_FOLDER = (
    "Delete the data folder (its simulated state is lost) or start with another --data-dir."
)

SCHEMA = (
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS worlds ("
    " id TEXT PRIMARY KEY, generation BIGINT NOT NULL, version BIGINT NOT NULL,"
    " seed BIGINT NOT NULL, created_at DOUBLE PRECISION NOT NULL,"
    " expires_at DOUBLE PRECISION)",
    "CREATE TABLE IF NOT EXISTS books ("
    " world TEXT NOT NULL, name TEXT NOT NULL, version BIGINT NOT NULL, data TEXT NOT NULL,"
    " PRIMARY KEY (world, name))",
    "CREATE TABLE IF NOT EXISTS events ("
    " world TEXT NOT NULL, id BIGINT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (world, id))",
)


class PersistenceError(RuntimeError):
    """The saved state cannot be used; the message says why and what to do."""


class WorldGone(LookupError):
    """The world's row is gone: a sandbox that expired or was deleted (by any process)."""


@dataclass(frozen=True)
class WorldRow:
    id: str
    generation: int
    version: int
    seed: int
    created_at: float
    expires_at: float | None


class StateLock:
    """One transaction at a time per store connection; reentrant for the thread holding it.

    Transactions are synchronous: none may span an `await`. If a task of the thread that
    holds the lock asks for it, the holder is suspended inside its transaction, which is
    a bug: that is refused loudly instead of silently sharing the transaction.
    """

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._owner: tuple[int, int] | None = None
        self._depth = 0

    def __enter__(self) -> None:
        me = (threading.get_ident(), _task_id())
        owner = self._owner
        if owner is not None and owner[0] == me[0] and owner[1] != me[1]:
            raise RuntimeError("a state transaction was held across an await")
        self._lock.acquire()
        if self._depth == 0:
            self._owner = me
        self._depth += 1

    def __exit__(self, *exc: object) -> None:
        self._depth -= 1
        if self._depth == 0:
            self._owner = None
        self._lock.release()

    def try_enter(self) -> bool:
        """`__enter__` if nobody else holds it; False (and nothing held) otherwise."""
        me = (threading.get_ident(), _task_id())
        if not self._lock.acquire(blocking=False):
            return False
        if self._owner is not None and self._owner != me:
            self._lock.release()  # a task of this thread holds it: not ours to share
            return False
        if self._depth == 0:
            self._owner = me
        self._depth += 1
        return True

    @property
    def held(self) -> bool:
        """Whether the calling thread (and task) holds it."""
        return self._owner == (threading.get_ident(), _task_id())


def _task_id() -> int:
    try:
        task = asyncio.current_task()
    except RuntimeError:  # no running loop in this thread
        return 0
    return id(task) if task is not None else 0


class Store:
    """The SQL both engines share; subclasses connect and say how a world's row is locked.

    Every method but the world-level ones (`ensure_world`, `world`, `delete_world`,
    `expired_worlds`, `meta`) runs inside `begin()` ... `commit()`/`rollback()`, under
    `lock`.
    """

    exclusive = False
    """True when this process is the only one writing (SQLite, whose folder it holds)."""
    where = ""
    """What to name in messages: a file, or a URL without its password."""
    errors: tuple[type[BaseException], ...] = ()
    """What the engine raises when it fails (turned into `PersistenceError` by the caller)."""

    def __init__(self) -> None:
        self.lock = StateLock()

    # -- the engine ------------------------------------------------------------------

    def _run(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        raise NotImplementedError

    def _run_many(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        raise NotImplementedError

    def _begin_locking(self, world: str) -> list[tuple[Any, ...]]:
        """Start a transaction holding the world's row; the row (none if the world is gone)."""
        raise NotImplementedError

    def commit(self) -> None:
        self._run("COMMIT")

    def rollback(self) -> None:
        self._run("ROLLBACK")

    def leads(self, duty: str) -> bool:
        """Whether this process does `duty` (webhook deliveries of a world) now; one does."""
        return True

    def resign(self, duty: str) -> None:
        """Give `duty` up (its world is gone here)."""

    def close(self) -> None:
        raise NotImplementedError

    # -- transactions ----------------------------------------------------------------

    def begin(self, world: str) -> WorldRow:
        """BEGIN and lock the world's row; `WorldGone` (after a rollback) if it has none."""
        rows = self._begin_locking(world)
        if not rows:
            self.rollback()
            raise WorldGone(world)
        return _world_row(rows[0])

    def book_versions(self, world: str) -> dict[str, int]:
        rows = self._run("SELECT name, version FROM books WHERE world = ?", (world,))
        return {str(name): int(version) for name, version in rows}

    def books(self, world: str, names: Iterable[str]) -> dict[str, tuple[int, str]]:
        wanted = set(names)
        if not wanted:
            return {}
        rows = self._run("SELECT name, version, data FROM books WHERE world = ?", (world,))
        return {str(n): (int(v), str(d)) for n, v, d in rows if n in wanted}

    def events_after(self, world: str, after: int) -> list[tuple[int, str]]:
        rows = self._run(
            "SELECT id, body FROM events WHERE world = ? AND id > ? ORDER BY id", (world, after)
        )
        return [(int(i), str(body)) for i, body in rows]

    def put_books(self, world: str, books: Mapping[str, tuple[int, str]]) -> None:
        self._run_many(
            "INSERT INTO books (world, name, version, data) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (world, name) DO UPDATE"
            " SET version = excluded.version, data = excluded.data",
            [(world, name, version, data) for name, (version, data) in books.items()],
        )

    def add_events(self, world: str, events: Sequence[tuple[int, str]]) -> None:
        self._run_many(
            "INSERT INTO events (world, id, body) VALUES (?, ?, ?)",
            [(world, event_id, body) for event_id, body in events],
        )

    def set_head(self, world: str, generation: int, version: int) -> None:
        self._run(
            "UPDATE worlds SET generation = ?, version = ? WHERE id = ?",
            (generation, version, world),
        )

    def clear_world(self, world: str) -> None:
        """Forget the world's books and events (a reset); its row stays."""
        self._run("DELETE FROM books WHERE world = ?", (world,))
        self._run("DELETE FROM events WHERE world = ?", (world,))

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        with self.lock:
            self._run("BEGIN")
            try:
                yield
            except BaseException:
                self.rollback()
                raise
            self.commit()

    # -- worlds ----------------------------------------------------------------------

    def ensure_world(self, world: str, seed: int, expires_at: float | None = None) -> WorldRow:
        """The world's row, created (version 0: nothing saved yet) when it has none."""
        with self._transaction():
            self._run(
                "INSERT INTO worlds (id, generation, version, seed, created_at, expires_at)"
                " VALUES (?, 1, 0, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
                (world, seed, time.time(), expires_at),
            )
            rows = self._run(_WORLD_ROW, (world,))
        return _world_row(rows[0])

    def world(self, world: str) -> WorldRow | None:
        with self.lock:
            rows = self._run(_WORLD_ROW, (world,))
        return _world_row(rows[0]) if rows else None

    def delete_world(self, world: str) -> bool:
        """Forget a world and everything in it; False if it was gone already."""
        with self._transaction():
            existed = bool(self._run("SELECT id FROM worlds WHERE id = ?", (world,)))
            self.clear_world(world)
            self._run("DELETE FROM worlds WHERE id = ?", (world,))
        return existed

    def expired_worlds(self, now: float) -> list[str]:
        with self.lock:
            rows = self._run(
                "SELECT id FROM worlds WHERE expires_at IS NOT NULL AND expires_at <= ?", (now,)
            )
        return [str(row[0]) for row in rows]

    def meta(self, key: str) -> str | None:
        with self.lock:
            rows = self._run("SELECT value FROM meta WHERE key = ?", (key,))
        return str(rows[0][0]) if rows else None

    def claim_meta(self, key: str, value: str) -> str:
        """Set `key` unless it is set; the value in force either way."""
        with self._transaction():
            self._run(
                "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING",
                (key, value),
            )
            rows = self._run("SELECT value FROM meta WHERE key = ?", (key,))
        return str(rows[0][0])


_WORLD_ROW = "SELECT id, generation, version, seed, created_at, expires_at FROM worlds WHERE id = ?"


def _world_row(row: Sequence[Any]) -> WorldRow:
    world, generation, version, seed, created_at, expires_at = row
    return WorldRow(
        str(world),
        int(generation),
        int(version),
        int(seed),
        float(created_at),
        None if expires_at is None else float(expires_at),
    )


class SqliteStore(Store):
    """One SQLite file in WAL mode, written by the one simulator process that holds its folder."""

    exclusive = True
    errors = (sqlite3.Error,)

    def __init__(self, path: Path, *, seed: int = 0) -> None:
        super().__init__()
        self.path = path
        self.where = str(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            self._db.execute("PRAGMA busy_timeout = 5000")
            self._db.execute("PRAGMA journal_mode = WAL")
            # A commit survives a crash of the process; NORMAL skips the fsync per commit.
            self._db.execute("PRAGMA synchronous = NORMAL")
            self._prepare(seed)
        except sqlite3.DatabaseError as exc:
            raise PersistenceError(
                f"{path} is not a readable simulator state file ({exc}). {FIX_FOLDER}"
            ) from exc

    def _run(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return self._db.execute(sql, params).fetchall()

    def _run_many(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        self._db.executemany(sql, rows)

    def _begin_locking(self, world: str) -> list[tuple[Any, ...]]:
        self._run("BEGIN IMMEDIATE")  # the whole file: SQLite has no row locks
        return self._run(_WORLD_ROW, (world,))

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        with self.lock:
            self._run("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                self.rollback()
                raise
            self.commit()

    def close(self) -> None:
        with self.lock:
            self._db.close()

    def _prepare(self, seed: int) -> None:
        tables = {row[0] for row in self._run("SELECT name FROM sqlite_master")}
        if tables and "meta" not in tables:
            raise PersistenceError(f"{self.path} was not written by gpuaas-sim. {FIX_FOLDER}")
        if "meta" in tables:
            row = self._run("SELECT value FROM meta WHERE key = 'schema_version'")
            version = row[0][0] if row else str(SCHEMA_VERSION)
            if version == "1":
                self._migrate_from_1(seed)
            elif version != str(SCHEMA_VERSION):
                raise PersistenceError(
                    f"{self.path} holds state of schema version {version}; this gpuaas-sim"
                    f" reads version {SCHEMA_VERSION}. {FIX_FOLDER}"
                )
        with self._transaction():
            for statement in SCHEMA:
                self._run(statement)
            self._run(
                "INSERT INTO meta VALUES ('schema_version', ?) ON CONFLICT (key) DO NOTHING",
                (str(SCHEMA_VERSION),),
            )

    def _migrate_from_1(self, seed: int) -> None:
        """Version 1 kept one world: its books and events become the main world's."""
        with self._transaction():
            self._run("ALTER TABLE books RENAME TO books_1")
            self._run("ALTER TABLE events RENAME TO events_1")
            for statement in SCHEMA:
                self._run(statement)
            saved = self._run("SELECT count(*) FROM books_1")[0][0]
            self._run(
                "INSERT INTO worlds VALUES (?, 1, ?, ?, ?, NULL)",
                (MAIN_WORLD, 1 if saved else 0, seed, time.time()),
            )
            self._run("INSERT INTO books SELECT ?, name, version, data FROM books_1", (MAIN_WORLD,))
            self._run("INSERT INTO events SELECT ?, id, body FROM events_1", (MAIN_WORLD,))
            clock = self._run("SELECT value FROM meta WHERE key = 'clock'")
            if clock:  # version 1 saved the simulated time: resume from it
                data = {"resume_from": clock[0][0]}
                self._run(
                    "INSERT INTO books VALUES (?, 'clock', 1, ?)", (MAIN_WORLD, json.dumps(data))
                )
            self._run("DROP TABLE books_1")
            self._run("DROP TABLE events_1")
            self._run("DELETE FROM meta WHERE key = 'clock'")
            self._run(
                "UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION),)
            )
