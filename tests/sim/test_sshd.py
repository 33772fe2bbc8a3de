"""The SSH listeners' daemon: a closed daemon's listeners are closed when `close()` returns."""

from __future__ import annotations

import socket

from gpuaas_sim.runtime.clock import SimClock
from gpuaas_sim.runtime.sshd import SshDaemon


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
