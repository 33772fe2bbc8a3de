"""`gpuaas doctor`: the smoke check for deploy scripts (health, identity, balance).

`--round-trip` also creates a one-GPU allocation, waits for it (showing each state it
passes) and releases it. A person sees each check as it passes; `--output json` prints
one object at the end. `python -m gpuaas_sdk` is its alias (`_smoke.py` holds both).
"""

from __future__ import annotations

import dataclasses

import typer

from .. import _smoke
from .output import show, to_data
from .progress import state_lines
from .session import current


def doctor(
    round_trip: bool = typer.Option(
        False,
        "--round-trip",
        help="Also create a 1-GPU allocation, wait until it is active and release it.",
    ),
    sku: str = typer.Option(_smoke.DEFAULT_SKU, help="The SKU of the round trip."),
    timeout: float = typer.Option(600.0, help="Seconds each wait of the round trip may take."),
) -> None:
    """Check that the platform answers, the credentials work and what the balance is."""
    session = current()
    person = not session.for_scripts
    report = _smoke.smoke_check(
        session.client(),
        round_trip_sku=sku if round_trip else None,
        timeout=timeout,
        say=print if person else _smoke.say_nothing,
        progress=state_lines("stdout") if person else None,
    )
    if not person:
        show(
            {
                "base_url": report.base_url,
                "health": to_data(report.health),
                "whoami": to_data(report.whoami),
                "balance": to_data(report.balance),
                "round_trip": (
                    None
                    if report.round_trip is None
                    else {**dataclasses.asdict(report.round_trip), "released": True}
                ),
            }
        )
