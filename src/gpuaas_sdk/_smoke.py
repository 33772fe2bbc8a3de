"""The smoke check, shared by `gpuaas doctor` and its alias `python -m gpuaas_sdk`.

Health, identity and balance, then (when asked) a leased round trip: a one-GPU
allocation created, waited for until active, released. Each step says one line
through `say`, the same words in both commands; the results come back as models, so
`gpuaas doctor -o json` prints them as the API's objects.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from gpuaas_api.models import Balance, Health, Principal

from ._sync.client import Client
from ._waiters.waiter import WaitProgress

ROUND_TRIP_LEASE = 300
"""Seconds of the round trip's lease, renewed while the check runs."""

DEFAULT_SKU = "h200-sxm-slice"

Say = Callable[[str], None]


def say_nothing(line: str) -> None:
    """Say nothing (a script reads the result instead)."""


@dataclass(frozen=True)
class RoundTrip:
    allocation_id: str
    sku: str
    states: list[str]
    """Every state the allocation was seen in, in order (`active` ... `released`)."""


@dataclass(frozen=True)
class SmokeReport:
    base_url: str
    health: Health
    whoami: Principal
    balance: Balance
    round_trip: RoundTrip | None


def wait_line(progress: WaitProgress) -> str | None:
    """A waiter's report as a line for a person: a new state, or a failed look; else None."""
    if progress.error is not None:
        return f"  {progress.kind}: check failed ({progress.error}); retrying"
    if not progress.changed:
        return None
    then = (
        ""
        if progress.next_check_in is None
        else f", next check within {progress.next_check_in:.1f}s"
    )
    return (
        f"  {progress.kind} {progress.resource_id}: {progress.state}"
        f" after {progress.elapsed:.1f}s{then}"
    )


def smoke_check(
    client: Client,
    *,
    round_trip_sku: str | None = None,
    timeout: float = 600.0,
    say: Say = say_nothing,
    progress: Callable[[WaitProgress], None] | None = None,
) -> SmokeReport:
    """Check health, identity and balance; with `round_trip_sku`, make a round trip too.

    Each step raises the SDK's typed error when it fails, so a caller reports the first
    failure as it is (its code and correlation id).
    """
    health = client.health.check()
    say(f"health: {health.status} (platform {health.version}) at {client.base_url}")
    me = client.auth.whoami()
    roles = ", ".join(me.roles) or "no roles"
    say(f"whoami: {me.display_name} ({me.kind}) in tenant {me.tenant_id}; {roles}")
    balance = client.billing.balance()
    say(f"balance: {balance.amount_minor / 100:.2f} {balance.currency}")
    trip = None
    if round_trip_sku is not None:
        trip = round_trip(client, round_trip_sku, timeout, say=say, progress=progress)
    return SmokeReport(client.base_url, health, me, balance, trip)


def round_trip(
    client: Client,
    sku: str,
    timeout: float,
    *,
    say: Say = say_nothing,
    progress: Callable[[WaitProgress], None] | None = None,
) -> RoundTrip:
    """Create a 1-GPU allocation, wait until it is active, release it; the states seen.

    It is held on a lease: if this process is killed mid-way, the platform releases it.
    """
    states: list[str] = []

    def seen(step: WaitProgress) -> None:
        if step.changed and step.error is None:
            states.append(str(step.state))
        if progress is not None:
            progress(step)

    alloc = client.allocations.create(sku=sku, gpus_total=1, lease_seconds=ROUND_TRIP_LEASE)
    say(f"round trip: created {alloc.id} ({sku}, 1 GPU)")
    try:
        alloc.wait(states={"active"}, timeout=timeout, progress=seen)
    finally:
        alloc.release()
        alloc.wait(states={"released"}, timeout=timeout, progress=seen)
    say(f"round trip: {alloc.id} released")
    return RoundTrip(alloc.id, sku, states)
