"""`gpuaas billing`: the balance, usage records, refunds and payment sessions."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import typer

from .output import Columns, money, show, to_data
from .session import current

app = typer.Typer(help="The balance, what was used and charged, refunds.")

BALANCE = Columns(
    [
        ("BALANCE", lambda b: money(b["amount_minor"], b["currency"])),
        ("CREDIT LIMIT", lambda b: money(b["credit_limit_minor"], b["currency"])),
        ("UPDATED", "updated_at"),
    ]
)
USAGE = Columns(
    [
        ("ID", "id"),
        ("START", "interval_start"),
        ("END", "interval_end"),
        ("ALLOCATION", "allocation_id"),
        ("SKU", "sku"),
        ("GPUS", "gpus"),
        ("GPU-HOURS", lambda u: f"{u['gpu_hours']:.4f}"),
        ("COST", lambda u: money(u["cost_minor"], u["currency"])),
    ]
)
REFUNDS = Columns(
    [
        ("ID", "id"),
        ("STATUS", "status"),
        ("CHARGE", "usage_record_id"),
        ("AMOUNT", lambda r: money(r.get("amount_minor"), r.get("currency"))),
        ("CREATED", "created_at"),
    ]
)

_AGO = re.compile(r"^(\d+)([smhdw])$")
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days", "w": "weeks"}


def instant(text: str | None) -> datetime | str | None:
    """`24h`, `7d`, `30m` ago (UTC now minus that), or an RFC 3339 time as given."""
    if text is None:
        return None
    found = _AGO.match(text.strip())
    if found is None:
        return text  # the SDK checks it and says what is wrong
    return datetime.now(UTC) - timedelta(**{_UNITS[found[2]]: int(found[1])})


@app.command()
def balance() -> None:
    """The prepaid balance now, after the usage accrued so far."""
    show(to_data(current().client().billing.balance()), BALANCE)


@app.command()
def usage(
    since: str | None = typer.Option(
        None, help="From this time: RFC 3339 (2026-04-01T00:00:00Z) or ago (24h, 7d)."
    ),
    until: str | None = typer.Option(None, help="Until this time (same forms)."),
    allocation: str | None = typer.Option(None, help="Only this allocation's records."),
    sku: str | None = typer.Option(None, help="Only this SKU's records."),
) -> None:
    """Usage records (charges), oldest first."""
    records = (
        current()
        .client()
        .billing.usage(
            since=instant(since), until=instant(until), allocation_id=allocation, sku=sku
        )
    )
    show(to_data(list(records)), USAGE)


@app.command()
def refunds(
    charge: str | None = typer.Option(None, help="Only refunds of this usage record."),
) -> None:
    """Refunds, newest first."""
    found = current().client().billing.refunds.list(usage_record_id=charge)
    show(to_data(list(found)), REFUNDS)


@app.command("payment-session")
def payment_session(session_id: str = typer.Argument(..., metavar="ID")) -> None:
    """One payment session (a top-up): its status, amount and checkout link."""
    show(to_data(current().client().billing.payment_sessions.get(session_id)))
