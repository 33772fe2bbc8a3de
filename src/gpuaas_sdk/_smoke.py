"""The smoke check's round trip, shared by `gpuaas doctor` and `python -m gpuaas_sdk`."""

from __future__ import annotations

from collections.abc import Callable

from ._sync.client import Client
from ._waiters.waiter import WaitProgress

ROUND_TRIP_LEASE = 300
"""Seconds of the round trip's lease, renewed while the check runs."""


def round_trip(
    client: Client,
    sku: str,
    timeout: float,
    *,
    created: Callable[[str], None] = lambda allocation_id: None,
    progress: Callable[[WaitProgress], None] | None = None,
) -> tuple[str, list[str]]:
    """Create a 1-GPU allocation, wait until it is active, release it: (its id, states seen).

    It is held on a lease: if this process is killed mid-way, the platform releases it.
    """
    states: list[str] = []

    def seen(step: WaitProgress) -> None:
        if step.changed and step.error is None:
            states.append(str(step.state))
        if progress is not None:
            progress(step)

    alloc = client.allocations.create(sku=sku, gpus_total=1, lease_seconds=ROUND_TRIP_LEASE)
    created(alloc.id)
    try:
        alloc.wait(states={"active"}, timeout=timeout, progress=seen)
    finally:
        alloc.release()
        alloc.wait(states={"released"}, timeout=timeout, progress=seen)
    return alloc.id, states
