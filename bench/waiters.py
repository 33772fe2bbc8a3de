"""Comparison 6: from the platform's state change to `wait_for` returning, events vs polling.

The simulator runs in this process (`serve_in_thread`) with a frozen clock (speed 0),
so an allocation changes state only when the benchmark says so. Each sample:

1. create an allocation (it stays `pending` on the frozen clock);
2. start `client.allocations.wait_for(id, states=("active",), use_events=...)` in a
   thread; it opens the event stream (with events), GETs, then waits or polls;
3. after `CHANGE_AFTER` real seconds, advance the simulated clock past the
   activation: that instant is the state change, known exactly;
4. the figure is the real time from just after the advance to `wait_for` returning,
   and the requests the simulator's request log received during the wait.

With events the latency is the stream's delivery (the simulator's stream reads its
log every 20 ms) plus one confirming GET. Polling only, it is wherever the
jittered backoff (0.5 s doubling, no server hint on a frozen clock) puts the next
GET after the change: the same `CHANGE_AFTER` for both, so they are comparable.

A third variant, "polling with hint", runs a second simulator on a real-time clock
(speed 1, activation `CHANGE_AFTER` s after the create): the GET then carries the
server's `Retry-After-Ms`, and the change's real instant is computed from the
allocation's timeline (simulated instant minus the clock's now, read together).
"""

from __future__ import annotations

import statistics
import threading
import time
from dataclasses import replace
from typing import Any

from bench._rows import Row

GROUP = "waiters"
CHANGE_AFTER = 1.5
"""Real seconds between the start of a wait and the state change."""


def _one_wait(sim: Any, client: Any, use_events: bool) -> tuple[float, int]:
    """One sample: seconds from the state change to the waiter's return; requests made."""
    allocation = client.allocations.create(sku="l40s-slice", gpus_total=1)
    log = sim.requests_log
    first = len(log)
    if sim.clock.speed > 0:
        # A running clock: the activation is due at a simulated instant; when, in real time.
        due = next(
            t.at for t in sim.allocation_book.allocations[allocation.id].timeline
            if t.status == "active"
        )  # fmt: skip
        changed = time.perf_counter() + (due - sim.clock.now()).total_seconds() / sim.clock.speed
    returned: list[float] = []
    failure: list[BaseException] = []

    def waiter() -> None:
        try:
            client.allocations.wait_for(
                allocation.id, states=("active",), timeout=120, use_events=use_events
            )
            returned.append(time.perf_counter())
        except BaseException as exc:  # reported by the main thread
            failure.append(exc)

    thread = threading.Thread(target=waiter, name="bench-waiter")
    thread.start()
    if sim.clock.speed == 0:
        time.sleep(CHANGE_AFTER)
        # Just past the activation: a longer jump would expire the access token too.
        sim.clock.advance(sim.config.provisioning_delay + sim.config.activation_delay + 0.001)
        changed = time.perf_counter()
    thread.join()
    if failure:
        raise RuntimeError(f"wait_for failed: {failure[0]!r}") from failure[0]
    if len(log) < first:
        raise RuntimeError("the simulator's request log was trimmed during a wait")
    requests = len(log) - first
    client.allocations.release(allocation.id)
    return returned[0] - changed, requests


def _samples(config: Any, counts: dict[str, int]) -> dict[str, tuple[list[float], list[float]]]:
    """Latencies (ms) and requests of interleaved waits against one simulator."""
    from gpuaas_sdk import Client
    from gpuaas_sdk.auth import DevPasswordAuth
    from gpuaas_sim import Simulator, serve_in_thread

    # Interleaved (events, polling, events, ...), so drift on a shared machine hits both.
    schedule = [name for i in range(max(counts.values())) for name in counts if i < counts[name]]
    found: dict[str, tuple[list[float], list[float]]] = {name: ([], []) for name in counts}
    sim = Simulator(config)
    auth = DevPasswordAuth("dev-user", "dev123")
    with serve_in_thread(sim) as server, Client(server.base_url, auth=auth) as client:
        next(iter(client.allocations.list()), None)  # log in before the first sample
        for name in schedule:
            seconds, made = _one_wait(sim, client, use_events=name == "events")
            found[name][0].append(seconds * 1000)
            found[name][1].append(float(made))
    return found


def run(*, quick: bool) -> list[Row]:
    """Comparison 6; `quick` takes fewer samples."""
    from gpuaas_sim import SimConfig

    plenty = SimConfig(initial_balance_minor=10**12, rate_limit_per_minute=10**6)
    frozen = _samples(
        replace(plenty, clock_speed=0),
        {"events": 5 if quick else 15, "polling only": 3 if quick else 8},
    )
    # The server's poll hint (`Retry-After-Ms`) exists only while the clock runs: a
    # real-time clock, the activation CHANGE_AFTER seconds after the create.
    running = replace(
        plenty, clock_speed=1, provisioning_delay=0.5, activation_delay=CHANGE_AFTER - 0.5
    )
    hinted = _samples(running, {"polling with hint": 3 if quick else 8})
    found = {**frozen, **hinted}
    rows = []
    for name, (latency, _requests) in found.items():
        target = "<= 50 ms" if name == "events" else None
        rows.append(Row(f"{GROUP}: change to return", name, "ms", latency, target=target))
    for name, (_latency, requests) in found.items():
        rows.append(Row(f"{GROUP}: requests per wait", name, "requests", requests))
    return rows


if __name__ == "__main__":
    import sys

    for row in run(quick="--quick" in sys.argv):
        figure = statistics.median(row.samples)
        spread = f"{min(row.samples):.1f}..{max(row.samples):.1f}"
        print(f"{row.group:32} {row.name:14} {figure:9.1f} {row.unit:9} ({spread})")
