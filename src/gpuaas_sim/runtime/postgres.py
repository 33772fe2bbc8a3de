"""The simulator's state in PostgreSQL, so several simulator processes serve one platform.

Same tables and transactions as SQLite (`stores.py`); what PostgreSQL adds is a real
row lock per world (`SELECT ... FOR UPDATE`: transactions on different sandboxes run
side by side, on one world one after the other) and session advisory locks, which
elect the one process that delivers a world's webhooks (released by PostgreSQL when
that process dies). psycopg 3 comes with `gpuaas-sim[postgres]` and is imported only here,
when a `--database postgresql://...` is given.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from .stores import _WORLD_ROW, SCHEMA, SCHEMA_VERSION, PersistenceError, Store

__all__ = ["EXTRA", "PostgresStore", "is_postgres_url", "redacted"]

EXTRA = "postgres"
_SCHEMES = ("postgresql", "postgres")
_SCHEMA_LOCK = 0x67707561  # any constant: serialises the schema's creation across processes
FIX_DATABASE = "Give an empty database, or one a gpuaas-sim of this version wrote."


def is_postgres_url(url: str) -> bool:
    return urlsplit(url).scheme in _SCHEMES


def redacted(url: str) -> str:
    """The URL without its password, for messages and logs."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = f"{parts.username}@{host}" if parts.username else host
    if parts.port is not None:
        netloc += f":{parts.port}"
    return urlunsplit(parts._replace(netloc=netloc))


def _psycopg(url: str) -> Any:
    try:
        import psycopg
    except ModuleNotFoundError:
        raise PersistenceError(
            f"--database {redacted(url)} needs psycopg 3, which the {EXTRA} extra installs:"
            f" pip install 'gpuaas-sim[{EXTRA}]'"
        ) from None
    return psycopg


class PostgresStore(Store):
    """One connection to a PostgreSQL database that every simulator process shares."""

    def __init__(self, url: str) -> None:
        super().__init__()
        self._psycopg = _psycopg(url)
        self.errors: tuple[type[BaseException], ...] = (self._psycopg.Error,)
        self.url = url
        self.where = redacted(url)
        self._duties: set[str] = set()
        try:
            self._connect()
            self._prepare()
        except self._psycopg.Error as exc:
            raise PersistenceError(f"cannot use the database {self.where}: {exc}") from exc

    def _connect(self) -> None:
        self._conn = self._psycopg.connect(
            self.url, autocommit=True, connect_timeout=10, application_name="gpuaas-sim"
        )
        # A process stopped (not killed) inside a transaction must not hold a world forever.
        self._conn.execute("SET lock_timeout = '10s'")
        self._conn.execute("SET idle_in_transaction_session_timeout = '20s'")

    def _run(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        cursor = self._conn.execute(sql.replace("?", "%s"), params)
        return list(cursor.fetchall()) if cursor.description is not None else []

    def _run_many(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        rows = list(rows)
        if rows:
            with self._conn.cursor() as cursor:
                cursor.executemany(sql.replace("?", "%s"), rows)

    def _begin_locking(self, world: str) -> list[tuple[Any, ...]]:
        if self._conn.closed or self._conn.broken:  # the server restarted: connect again
            self._duties.clear()
            self._connect()
        self._run("BEGIN")
        return self._run(_WORLD_ROW + " FOR UPDATE", (world,))

    def leads(self, duty: str) -> bool:
        with self.lock:
            if duty in self._duties:
                return True
            rows = self._run("SELECT pg_try_advisory_lock(hashtextextended(?, 0))", (duty,))
            if rows and rows[0][0]:
                self._duties.add(duty)
                return True
            return False

    def resign(self, duty: str) -> None:
        with self.lock:
            if duty in self._duties:
                self._duties.discard(duty)
                self._run("SELECT pg_advisory_unlock(hashtextextended(?, 0))", (duty,))

    def close(self) -> None:
        with self.lock:
            self._conn.close()

    def _prepare(self) -> None:
        with self._transaction():
            self._run("SELECT pg_advisory_xact_lock(?)", (_SCHEMA_LOCK,))
            for statement in SCHEMA:
                self._run(statement)
            self._run(
                "INSERT INTO meta VALUES ('schema_version', ?) ON CONFLICT (key) DO NOTHING",
                (str(SCHEMA_VERSION),),
            )
            version = self._run("SELECT value FROM meta WHERE key = 'schema_version'")[0][0]
        if version != str(SCHEMA_VERSION):
            raise PersistenceError(
                f"the database {self.where} holds state of schema version {version}; this"
                f" gpuaas-sim reads version {SCHEMA_VERSION}. {FIX_DATABASE}"
            )
