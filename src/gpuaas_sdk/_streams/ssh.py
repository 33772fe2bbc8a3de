"""SSH helpers for allocations: the command line to log in, and "does SSH answer yet?".

An allocation turns `active` when its machine is handed over, but its SSH daemon
may still be starting. `wait_for_ssh` therefore connects to the SSH port and reads
the server's identification line (RFC 4253: `SSH-2.0-...`), which every SSH server
sends first, without logging in or sending anything. Attempts back off with jitter
and never run past the caller's deadline.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import random
import shlex
import socket
import time
from collections.abc import Sequence

from gpuaas_api.models import Connection

from ..errors import ArgumentError, WaitTimeoutError

__all__ = ["SshProbe", "async_read_banner", "read_banner", "ssh_argv", "ssh_command_line"]

_MAX_BANNER = 255  # RFC 4253 4.2: the identification line is at most 255 characters
_ATTEMPT_TIMEOUT = 5.0


def ssh_argv(
    connection: Connection,
    identity_file: str | os.PathLike[str] | None,
    extra: Sequence[str] = (),
) -> list[str]:
    """`ssh -p PORT [-i FILE] [EXTRA...] USER@HOST` as a list of arguments."""
    argv = ["ssh", "-p", str(connection.ssh_port)]
    if identity_file is not None:
        path = os.fspath(identity_file)
        if not path:
            raise ArgumentError("identity_file must be a path to a private key (got '')")
        argv += ["-i", path]
    argv += extra
    argv.append(f"{connection.ssh_user}@{connection.ssh_host}")
    return argv


def ssh_command_line(connection: Connection, identity_file: str | os.PathLike[str] | None) -> str:
    """`ssh -p PORT [-i FILE] USER@HOST`, shell-quoted, ready to paste or `shlex.split`."""
    return shlex.join(ssh_argv(connection, identity_file))


def _is_banner(data: bytes) -> bool:
    return data.startswith(b"SSH-")


def read_banner(host: str, port: int, timeout: float) -> bytes:
    """Connect and read the first line; b'' when the server closes without one."""
    with socket.create_connection((host, port), timeout=timeout) as sock:
        data = b""
        while b"\n" not in data and len(data) < _MAX_BANNER:
            chunk = sock.recv(_MAX_BANNER)
            if not chunk:
                break
            data += chunk
        return data


async def async_read_banner(host: str, port: int, timeout: float) -> bytes:
    """The async twin of `read_banner`."""

    async def read() -> bytes:
        reader, writer = await asyncio.open_connection(host, port)
        try:
            data = b""
            while b"\n" not in data and len(data) < _MAX_BANNER:
                chunk = await reader.read(_MAX_BANNER)
                if not chunk:
                    break
                data += chunk
            return data
        finally:
            writer.close()
            with contextlib.suppress(OSError):
                await writer.wait_closed()

    return await asyncio.wait_for(read(), timeout)


class SshProbe:
    """The schedule of SSH attempts against one connection, up to a deadline."""

    def __init__(
        self,
        allocation_id: str,
        connection: Connection,
        deadline: float,
        timeout: float | None,
        *,
        initial_delay: float = 0.2,
        max_delay: float = 5.0,
    ) -> None:
        self.connection = connection
        self.host = connection.ssh_host
        self.port = connection.ssh_port
        self._id = allocation_id
        self._deadline = deadline
        self._timeout = timeout
        self._delay = initial_delay
        self._max_delay = max_delay
        self._last = "no attempt yet"

    def attempt_timeout(self) -> float:
        return max(0.01, min(_ATTEMPT_TIMEOUT, self._deadline - time.monotonic()))

    def answered(self, data: bytes) -> bool:
        if _is_banner(data):
            return True
        self._last = "closed without an SSH banner" if not data else f"answered {data[:40]!r}"
        return False

    def failed(self, error: OSError | TimeoutError) -> None:
        self._last = f"{type(error).__name__}: {error}"

    def next_delay(self) -> float:
        """Seconds before the next attempt; raises `WaitTimeoutError` past the deadline."""
        remaining = self._deadline - time.monotonic()
        if remaining <= 0:
            raise WaitTimeoutError(
                f"SSH on allocation {self._id} ({self.host}:{self.port}) did not answer"
                f" within {self._timeout or 0:g}s (last attempt: {self._last})",
                code="wait_timeout",
                resource=self.connection,
                state="active",
            )
        delay = random.uniform(self._delay / 2, self._delay)
        self._delay = min(self._delay * 2, self._max_delay)
        return min(delay, remaining)
