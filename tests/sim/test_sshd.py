"""The SSH listeners' daemon: a closed daemon's listeners are closed when `close()` returns."""

from __future__ import annotations

import socket
from dataclasses import dataclass
from datetime import datetime, timedelta

from gpuaas_sim.runtime import sshd
from gpuaas_sim.runtime.clock import SimClock
from gpuaas_sim.runtime.sshd import BANNER, SshDaemon


def refused(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), 5).close()
    except ConnectionRefusedError:
        return True
    return False


def test_a_listener_opened_just_before_close_is_closed_with_it() -> None:
    """`close()` right after `listen()` must not leave the new listener to a later sweep."""
    still_open = []
    for attempt in range(200):
        daemon = SshDaemon(SimClock(0), 1.0, lambda allocation_id: None)
        port = daemon.listen(f"alloc-{attempt}")
        daemon.close()
        if not refused(port):
            still_open.append(port)

    assert still_open == []


@dataclass(frozen=True)
class Step:
    status: str
    at: datetime


class Booted:
    """An allocation that has been active for a while."""

    def transition_at(self, now: datetime) -> Step:
        return Step("active", now - timedelta(minutes=1))


def test_a_new_listener_waits_for_its_allocation_to_be_stored() -> None:
    """The listener is bound while the allocation is made: a sweep in between keeps it."""
    book: dict[str, Booted] = {}
    daemon = SshDaemon(SimClock(0), 0.0, book.get)
    port = daemon.listen("alloc-1")
    sshd._loop().sweep_now()  # looks while the allocation is not in the book yet
    book["alloc-1"] = Booted()

    with socket.create_connection(("127.0.0.1", port), 5) as conn:
        conn.settimeout(5)
        assert conn.recv(64) == BANNER
    daemon.close()
