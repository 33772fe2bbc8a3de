"""`gpuaas events tail`: the account's live events, as they happen."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import typer

from .._streams.sse import UnknownEvent
from .output import show_item, to_data
from .session import current

app = typer.Typer(help="The account's live event stream.")

_SHOWN_ELSEWHERE = {"type", "id", "occurred_at", "tenant_id"}


def event_data(event: object) -> dict[str, Any]:
    if isinstance(event, UnknownEvent):
        return {"type": event.type_, "id": event.id, **to_data(event.data)}
    data: dict[str, Any] = to_data(event)
    return data


def event_line(event: Mapping[str, Any]) -> str:
    """`TIME TYPE what happened`, one line per event."""
    kind = event.get("type", "?")
    if kind.endswith("status_changed"):
        subject = event.get("allocation_id") or event.get("instance_id")
        before = event.get("previous_status") or "-"
        what = f"{subject}: {before} -> {event.get('status')}"
        if event.get("failure_reason"):
            what += f" ({event['failure_reason']})"
    else:
        what = " ".join(
            f"{key}={value}" for key, value in event.items() if key not in _SHOWN_ELSEWHERE
        )
    return f"{event.get('occurred_at', '')} {kind} {what}".strip()


@app.command()
def tail(
    event_type: list[str] = typer.Option(
        [],
        "--type",
        "-t",
        help="Only events of this type, e.g. allocation.status_changed (repeat for several).",
    ),
    count: int | None = typer.Option(
        None, "--count", "-n", min=1, help="Stop after this many events."
    ),
    after: str | None = typer.Option(
        None, "--after", help="Start after this event id (replays what came since)."
    ),
) -> None:
    """Follow events live (Ctrl-C stops); JSON output is one object per line."""
    stream = current().client().events.stream(event_type or None, last_event_id=after)
    for seen, event in enumerate(stream, start=1):
        show_item(event_data(event), event_line)
        if count is not None and seen >= count:
            break
