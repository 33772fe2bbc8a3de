"""A throwaway PostgreSQL server for tests and drills: `initdb` into a temporary folder,
`pg_ctl` on a free loopback port, trust authentication for the one user `sim`.

The server binaries come from Debian's `postgresql` package (`make postgres-setup`
installs it). PostgreSQL refuses to run as root, so as root the server runs as the
package's `postgres` user (`runuser`), in a folder handed over to it.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

__all__ = ["PostgresServer", "PostgresUnavailable"]

SETUP_HINT = (
    "run `make postgres-setup` (as root on Debian it installs the `postgresql` package;"
    " elsewhere install PostgreSQL's server, or set GPUAAS_PG_BIN to its bin folder)"
)
USER = "sim"
SERVICE_USER = "postgres"


class PostgresUnavailable(RuntimeError):
    """No PostgreSQL server can be started here; the message says what to install."""


def server_binaries() -> Path:
    """The folder holding `initdb` and `pg_ctl`."""
    configured = os.environ.get("GPUAAS_PG_BIN")
    candidates = [configured] if configured else []
    candidates += sorted(
        glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name)
    )[::-1]
    found = shutil.which("initdb")
    if found:
        candidates.append(str(Path(found).parent))
    for folder in candidates:
        if (Path(folder) / "initdb").is_file() and (Path(folder) / "pg_ctl").is_file():
            return Path(folder)
    raise PostgresUnavailable(f"PostgreSQL's initdb and pg_ctl are not installed: {SETUP_HINT}")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class PostgresServer:
    """One running server; `stop()` ends it and deletes its folder."""

    def __init__(self, *, durable: bool = False) -> None:
        """`durable=False` turns fsync off: faster, and a killed *client* still loses nothing
        it was told was committed (only a crash of the machine would)."""
        self.bin = server_binaries()
        self._as: list[str] = []
        if os.geteuid() == 0:
            try:
                service = pwd.getpwnam(SERVICE_USER)
            except KeyError:
                raise PostgresUnavailable(
                    f"PostgreSQL will not run as root and there is no {SERVICE_USER!r} user:"
                    f" {SETUP_HINT}"
                ) from None
            self._as = ["runuser", "-u", SERVICE_USER, "--"]
        self.folder = Path(tempfile.mkdtemp(prefix="gpuaas-pg-"))
        if self._as:
            os.chown(self.folder, service.pw_uid, service.pw_gid)
        self.data = self.folder / "data"
        self.port = 0
        try:
            self._run(
                "initdb", "-D", str(self.data), "-U", USER, "--auth=trust", "-E", "UTF8",
                "--locale=C", "--no-sync",
            )  # fmt: skip
            self._start(durable)
        except BaseException:
            shutil.rmtree(self.folder, ignore_errors=True)
            raise

    def _run(self, tool: str, *args: str) -> None:
        command = [*self._as, str(self.bin / tool), *args]
        done = subprocess.run(command, cwd=self.folder, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise PostgresUnavailable(
                f"{tool} failed ({done.returncode}): {done.stderr.strip() or done.stdout.strip()}"
            )

    def _start(self, durable: bool) -> None:
        settings = f"-h 127.0.0.1 -k {self.folder} -c max_connections=200"
        if not durable:
            settings += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        for attempt in range(3):
            self.port = _free_port()
            try:
                self._run(
                    "pg_ctl", "-D", str(self.data), "-l", str(self.folder / "server.log"),
                    "-w", "-t", "60", "-o", f"{settings} -p {self.port}", "start",
                )  # fmt: skip
                return
            except PostgresUnavailable:
                if attempt == 2:  # the port was taken in between, three times: give up
                    raise

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{USER}@127.0.0.1:{self.port}/{database}"

    def create_database(self) -> str:
        """A new empty database; its URL."""
        import psycopg

        name = f"t_{secrets.token_hex(6)}"
        with psycopg.connect(self.url(), autocommit=True) as connection:
            connection.execute(f"CREATE DATABASE {name}")
        return self.url(name)

    def drop_database(self, url: str) -> None:
        import psycopg

        name = url.rsplit("/", 1)[1]
        with psycopg.connect(self.url(), autocommit=True) as connection:
            connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def stop(self) -> None:
        with contextlib.suppress(PostgresUnavailable):
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)
