"""Serving a simulator over real HTTP on loopback, in a background thread or in the foreground."""

from __future__ import annotations

import contextlib
import logging
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import uvicorn

from .faults import ConnectionDropped

if TYPE_CHECKING:
    from ..simulator import Simulator

__all__ = ["RunningServer", "bind", "serve_in_thread"]


@dataclass(frozen=True)
class RunningServer:
    host: str
    port: int

    @property
    def base_url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"


def bind(host: str, port: int, *, shared: bool = False) -> socket.socket:
    """A listening socket; binding before uvicorn starts tells us the port when `port=0`.

    `shared`: other processes (of the same user, asking the same) may listen on the same
    port, and the kernel spreads connections over them (SO_REUSEPORT, where there is one).
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP explicitly: asyncio only sets TCP_NODELAY on accepted sockets whose
    # proto says TCP, and without it every keep-alive response stalls ~40 ms (Nagle).
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if shared and hasattr(socket, "SO_REUSEPORT"):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


class _HideInjectedDrops(logging.Filter):
    """A dropped connection is a fault the test asked for, not a crash worth a traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.exc_info and isinstance(record.exc_info[1], ConnectionDropped))


_HIDE_DROPS = _HideInjectedDrops()


def uvicorn_server(sim: Simulator, *, log_level: str = "warning") -> uvicorn.Server:
    config = uvicorn.Config(  # configures uvicorn's loggers, so the filter goes on after
        sim.app,
        lifespan="off",
        log_level=log_level,
        access_log=log_level in ("debug", "info"),
        timeout_graceful_shutdown=2,
        date_header=False,  # the gateway stamps `Date` from the simulated clock
    )
    logging.getLogger("uvicorn.error").addFilter(_HIDE_DROPS)
    return uvicorn.Server(config)


@contextlib.contextmanager
def serve_in_thread(
    simulator: Simulator, host: str = "127.0.0.1", port: int = 0, *, log_level: str = "warning"
) -> Iterator[RunningServer]:
    """Run uvicorn for `simulator` in a daemon thread; stop it when the block exits."""
    sock = bind(host, port)
    server = uvicorn_server(simulator, log_level=log_level)
    thread = threading.Thread(
        target=server.run, kwargs={"sockets": [sock]}, name="gpuaas-sim", daemon=True
    )
    thread.start()
    try:
        while not server.started:
            if not thread.is_alive():
                raise RuntimeError("the simulator's server failed to start")
            thread.join(0.01)
        yield RunningServer(host, sock.getsockname()[1])
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()
