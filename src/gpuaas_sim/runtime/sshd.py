"""A real SSH endpoint per allocation: a loopback TCP listener that answers with a banner.

Users (and `wait_for_ssh`) check that a machine is reachable by connecting to its
SSH port and reading the server's identification line. Each allocation gets its own
listener on 127.0.0.1 (a free port, bound when the allocation is created, so its
connection details never change). A connection is answered with
`SSH-2.0-gpuaas-sim\\r\\n` and closed once the allocation has been `active` for
`ssh_ready_delay` simulated seconds; before that it is closed without a word, as a
booting machine's port would be. The listener closes when the allocation is
released or failed, when its simulator resets or closes, or when the simulator is
garbage (tests that never call `close()` must not leak sockets).

One daemon thread per process serves every listener with a selector; the threads
that create and close listeners hand it work through a queue, so only that thread
touches the selector and the sockets registered in it.
"""

from __future__ import annotations

import contextlib
import logging
import selectors
import socket
import threading
import time
import weakref
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from datetime import datetime, timedelta
from typing import Any, Protocol

from .clock import SimClock

__all__ = ["BANNER", "SshDaemon"]

log = logging.getLogger("gpuaas_sim")

BANNER = b"SSH-2.0-gpuaas-sim\r\n"
_SWEEP_INTERVAL = 0.2
"""Real seconds between two looks for listeners whose allocation is gone."""
_YOUNG = 10.0
"""Real seconds a new listener waits for its allocation to be in the book (a create being
made, or committed) before its absence means the allocation is gone."""
_GONE = frozenset({"released", "failed"})


class _Step(Protocol):
    @property
    def status(self) -> str: ...
    @property
    def at(self) -> datetime: ...


class _Lifecycle(Protocol):
    def transition_at(self, now: datetime) -> _Step: ...


Lookup = Callable[[str], _Lifecycle | None]
"""The allocation with this id, or None when the book no longer has it."""


class SshDaemon:
    """The SSH listeners of one allocation book."""

    def __init__(self, clock: SimClock, ready_delay: float, lookup: Lookup) -> None:
        if ready_delay < 0:
            raise ValueError("ssh_ready_delay must not be negative")
        self._clock = clock
        self._ready = timedelta(seconds=ready_delay)
        self._lookup = lookup
        self._ports: dict[str, int] = {}
        self._lock = threading.Lock()
        self._closed = False
        self.guard: Callable[[], AbstractContextManager[Any]] = nullcontext
        """Around each look at an allocation: catches up with other processes when shared."""

    def listen(self, allocation_id: str, port: int | None = None) -> int:
        """Bind the allocation's listener (once) and return its port.

        `port` is the one its state names: taken again when possible (processes sharing
        a state all listen on it, SO_REUSEPORT), else the listener gets a free one.
        """
        with self._lock:
            if self._closed:
                raise RuntimeError("the simulator's SSH daemon is closed")
            bound = self._ports.get(allocation_id)
            if bound is not None:
                return bound
            sock = _bound(port)
            sock.listen(16)
            sock.setblocking(False)
            port = int(sock.getsockname()[1])
            self._ports[allocation_id] = port
        _loop().add(sock, _Listener(weakref.ref(self), allocation_id))
        return port

    def port_of(self, allocation_id: str) -> int | None:
        with self._lock:
            return self._ports.get(allocation_id)

    def answers(self, allocation_id: str, *, young: bool = False) -> bool | None:
        """Whether a connection gets the banner now; None once the listener should close.

        A `young` listener's allocation may not be in the book yet (the listener is bound
        while the allocation is made): its absence closes nothing then.
        """
        if self._closed:
            return None
        with self.guard():
            allocation = self._lookup(allocation_id)
        if allocation is None:
            return False if young else None
        now = self._clock.now()
        step = allocation.transition_at(now)
        if step.status in _GONE:
            return None
        return step.status == "active" and now >= step.at + self._ready

    @property
    def closed(self) -> bool:
        return self._closed

    def close(self) -> None:
        """Close every listener of this daemon; returns once they are closed."""
        with self._lock:
            self._closed = True
            self._ports.clear()
        _loop().sweep_now()


def _bound(port: int | None) -> socket.socket:
    """A loopback socket on `port` (shared with other processes of the same user) or a free one."""
    for wanted in ([port] if port else []) + [0]:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        if hasattr(socket, "SO_REUSEPORT"):
            with contextlib.suppress(OSError):
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        try:
            sock.bind(("127.0.0.1", wanted))
        except OSError:
            sock.close()
            continue
        return sock
    raise OSError("no free loopback port for an SSH listener")


class _Listener:
    """What the loop knows about a listening socket: whose it is (weakly)."""

    def __init__(self, daemon: weakref.ref[SshDaemon], allocation_id: str) -> None:
        self.daemon = daemon
        self.allocation_id = allocation_id
        self.born = time.monotonic()

    def answers(self) -> bool | None:
        """As `SshDaemon.answers`; False (no banner, the listener stays) when the state
        cannot be read now: the loop thread serves every simulator and must not die."""
        daemon = self.daemon()
        if daemon is None:
            return None
        young = time.monotonic() - self.born < _YOUNG
        try:
            return daemon.answers(self.allocation_id, young=young)
        except Exception:
            log.debug("SSH listener of %s: state unreadable", self.allocation_id, exc_info=True)
            return False

    def daemon_closed(self) -> bool:
        daemon = self.daemon()
        return daemon is None or daemon.closed


class _Loop:
    """The process-wide thread that accepts on every listener."""

    def __init__(self) -> None:
        self._selector = selectors.DefaultSelector()
        self._wake_r, self._wake_w = socket.socketpair()
        self._wake_r.setblocking(False)
        self._selector.register(self._wake_r, selectors.EVENT_READ, None)
        self._lock = threading.Lock()
        self._pending: list[tuple[socket.socket, _Listener]] = []
        self._sweeps: list[threading.Event] = []
        self._thread = threading.Thread(target=self._run, name="gpuaas-sim-sshd", daemon=True)
        self._thread.start()

    def add(self, sock: socket.socket, listener: _Listener) -> None:
        with self._lock:
            self._pending.append((sock, listener))
        self._wake()

    def sweep_now(self, timeout: float = 5.0) -> None:
        """Close the listeners that should be closed, and wait until that is done."""
        done = threading.Event()
        with self._lock:
            self._sweeps.append(done)
        self._wake()
        done.wait(timeout)

    def _wake(self) -> None:
        with contextlib.suppress(OSError):
            self._wake_w.send(b"\0")

    def _run(self) -> None:
        while True:
            for key, _ in self._selector.select(_SWEEP_INTERVAL):
                if key.data is None:
                    with contextlib.suppress(OSError):
                        self._wake_r.recv(4096)
                else:
                    self._accept(key)
            # Taken together after the wait: a sweep asked for meanwhile also sees every
            # listener added before it was asked for.
            with self._lock:
                pending, self._pending = self._pending, []
                sweeps, self._sweeps = self._sweeps, []
            for sock, listener in pending:
                self._selector.register(sock, selectors.EVENT_READ, listener)
            if sweeps:
                # Closed daemons first: looking at live allocations may wait on their
                # simulator's state, and a closing simulator must not wait for that.
                self._sweep(lambda listener: listener.daemon_closed())
                for done in sweeps:
                    done.set()
            self._sweep(lambda listener: listener.answers() is None)

    def _accept(self, key: selectors.SelectorKey) -> None:
        sock = key.fileobj
        assert isinstance(sock, socket.socket)
        listener: _Listener = key.data
        try:
            conn, _ = sock.accept()
        except OSError:
            return
        with conn:
            answer = listener.answers()
            if answer:
                conn.settimeout(1.0)
                with contextlib.suppress(OSError):
                    conn.sendall(BANNER)
        if answer is None:
            self._close(sock)

    def _sweep(self, gone: Callable[[_Listener], bool]) -> None:
        for key in list(self._selector.get_map().values()):
            if key.data is not None and gone(key.data):
                sock = key.fileobj
                assert isinstance(sock, socket.socket)
                self._close(sock)

    def _close(self, sock: socket.socket) -> None:
        self._selector.unregister(sock)
        sock.close()


_LOOP: _Loop | None = None
_LOOP_LOCK = threading.Lock()


def _loop() -> _Loop:
    global _LOOP
    with _LOOP_LOCK:
        if _LOOP is None:
            _LOOP = _Loop()
        return _LOOP
