"""`gpuaas doctor`: the smoke check for deploy scripts (health, identity, balance).

`--round-trip` also creates a one-GPU allocation, waits for it (showing each state it
passes) and releases it. A person sees each check as it passes; `--output json` prints
one object at the end. `python -m gpuaas_sdk` with no command runs this.
"""

from __future__ import annotations

from typing import Any

import typer

from .._smoke import round_trip
from .._sync.client import Client
from .output import show, to_data
from .progress import state_lines
from .session import current


def doctor(
    round_trip: bool = typer.Option(
        False,
        "--round-trip",
        help="Also create a 1-GPU allocation, wait until it is active and release it.",
    ),
    sku: str = typer.Option("h200-sxm-slice", help="The SKU of the round trip."),
    timeout: float = typer.Option(600.0, help="Seconds each wait of the round trip may take."),
) -> None:
    """Check that the platform answers, the credentials work and what the balance is."""
    session = current()
    client = session.client()
    person = not session.for_scripts
    report: dict[str, Any] = {"base_url": client.base_url}

    health = client.health.check()
    report["health"] = to_data(health)
    if person:
        print(f"health: {health.status} (platform {health.version}) at {client.base_url}")
    me = client.auth.whoami()
    report["whoami"] = to_data(me)
    if person:
        roles = ", ".join(me.roles) or "no roles"
        print(f"whoami: {me.display_name} ({me.kind}) in tenant {me.tenant_id}; {roles}")
    balance = client.billing.balance()
    report["balance"] = to_data(balance)
    if person:
        print(f"balance: {balance.amount_minor / 100:.2f} {balance.currency}")
    report["round_trip"] = _round_trip(client, sku, timeout, person) if round_trip else None
    if not person:
        show(report)


def _round_trip(client: Client, sku: str, timeout: float, person: bool) -> dict[str, Any]:
    def created(allocation_id: str) -> None:
        if person:
            print(f"round trip: created {allocation_id} ({sku}, 1 GPU)")

    shown = state_lines("stdout") if person else None
    allocation_id, states = round_trip(client, sku, timeout, created=created, progress=shown)
    if person:
        print(f"round trip: {allocation_id} released")
    return {"allocation_id": allocation_id, "sku": sku, "states": states, "released": True}
