"""The live streams over Server-Sent Events (`streamEvents`, `streamAppInstanceEvents`,
`streamAllocationLogs`).

The event streams read the simulator's `EventLog`, the log stream an allocation's
log (derived from its timeline, `platform/allocation_logs.py`): a stream remembers
the id of the last item it sent and reads again every few milliseconds of real
time (each read also syncs the lazy sources with the simulated clock, which moves
by itself), so an item reaches an open stream promptly and ids increase strictly.

Framing (openapi/asyncapi.yaml): a `retry:` hint first, then one `id`/`event`/`data`
frame per event, and a `: heartbeat` comment after every `sse_heartbeat_seconds`
(SimConfig) without a write. `Last-Event-ID` resumes strictly after that id; without
it a stream starts with the next new event.

Fault for tests: when `sim.stream_cut_after` is an int N, every stream opened
closes itself after sending N events (as a connection dropped mid-stream would
look to a client), so resuming can be proved.
"""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator, Callable
from typing import TYPE_CHECKING, Any

import anyio
from starlette.responses import Response, StreamingResponse

from ...platform.errors import ApiError
from ...platform.events import Event
from ...platform.identity import Principal
from ..registry import Call, operation
from .allocations import allocation_log

if TYPE_CHECKING:
    from ...simulator import Simulator

__all__ = ["INSTANCE_EVENT_TYPES", "POLL_INTERVAL"]

INSTANCE_EVENT_TYPES = frozenset({"app_instance.status_changed", "app.event", "app.log"})

POLL_INTERVAL = 0.02
"""Real seconds between two looks at the event log while a stream is idle."""


@operation("streamEvents")
def stream_events(call: Call) -> Response:
    sim, types = call.sim, call.query.get("types")
    after = _resume_point(call)
    tenant = call.caller.tenant_id

    def wanted(event: Event) -> bool:
        return event.get("tenant_id") == tenant and (types is None or event["type"] in types)

    return _event_stream(sim, after, _reader(sim, wanted), ends=None)


@operation("streamAppInstanceEvents")
def stream_app_instance_events(call: Call) -> Response:
    sim, instance_id = call.sim, call.path["instance_id"]
    _check_instance(sim, call.caller, instance_id)
    after = _resume_point(call)
    tenant = call.caller.tenant_id

    def wanted(event: Event) -> bool:
        return (
            event["type"] in INSTANCE_EVENT_TYPES
            and event.get("instance_id") == instance_id
            and event.get("tenant_id") == tenant
        )

    # Released at or before the resume point: nothing is left to send.
    finished = any(_is_release(e) for e in _matching(sim, None, wanted, upto=after))
    return _event_stream(sim, after, _reader(sim, wanted), ends=_is_release, finished=finished)


@operation("streamAllocationLogs")
def stream_allocation_logs(call: Call) -> Response:
    sim = call.sim
    allocation = sim.allocation_book.get(call.caller, call.path["allocation_id"])

    def read(after: str) -> list[Event]:
        lines = allocation_log(sim, allocation)
        return [line.to_json(allocation.id) for line in lines[int(after) :]]

    newest = str(len(allocation_log(sim, allocation)))
    after = _resume_point(call, newest)
    # Ended at or before the resume point: nothing is left to send.
    finished = any(_is_last_line(line) for line in read("0")[: int(after)])
    return _event_stream(sim, after, read, ends=_is_last_line, finished=finished)


# -- request parsing ------------------------------------------------------------


def _resume_point(call: Call, newest: str | None = None) -> str:
    """The id to resume strictly after: `Last-Event-ID` (digits, by the contract), else the
    newest item now (`newest`; the event log's newest event when not given)."""
    newest = newest if newest is not None else _newest_id(call.sim)
    raw = call.headers.get("Last-Event-ID")
    if raw is None:
        return newest
    if int(raw) > int(newest):
        raise ApiError(
            "invalid_request",
            "Header `Last-Event-ID` names an event that does not exist (yet).",
            details={"header": "Last-Event-ID", "reason": "names an event that does not exist"},
        )
    return str(int(raw))


def _check_instance(sim: Simulator, principal: Principal, instance_id: str) -> None:
    """404 `app_instance_not_found` unless the apps book knows the instance for this caller
    (it raises that itself); a simulator without an apps book has no instances."""
    apps: Any = getattr(sim, "apps", None)
    if apps is None:
        raise ApiError(
            "app_instance_not_found",
            f"No app instance {instance_id!r} is visible to the caller.",
            details={"instance_id": instance_id},
        )
    apps.instance(principal, instance_id)


def _newest_id(sim: Simulator) -> str:
    events = sim.events.after(sim.clock.now())
    return str(events[-1]["id"]) if events else "0"


# -- the stream -----------------------------------------------------------------


def _is_release(event: Event) -> bool:
    return event["type"] == "app_instance.status_changed" and event.get("status") == "released"


def _is_last_line(line: Event) -> bool:
    """An allocation's log ends with the line written when it is released or failed."""
    return line.get("status") in ("released", "failed")


def _reader(sim: Simulator, wanted: Callable[[Event], bool]) -> Callable[[str], list[Event]]:
    """Reads the event log's matching events after an id."""
    return lambda after: _matching(sim, after, wanted)


def _matching(
    sim: Simulator, after: str | None, wanted: Callable[[Event], bool], upto: str | None = None
) -> list[Event]:
    """Matching events after `after`, and (when `upto` is given) up to that id."""
    events = sim.events.after(sim.clock.now(), after, wanted)
    if upto is None:
        return events
    return [e for e in events if int(e["id"]) <= int(upto)]


def _frame(event: Event) -> str:
    data = json.dumps(event, separators=(",", ":"), ensure_ascii=False)
    return f"id: {event['id']}\nevent: {event['type']}\ndata: {data}\n\n"


def _event_stream(
    sim: Simulator,
    after: str,
    read: Callable[[str], list[Event]],
    *,
    ends: Callable[[Event], bool] | None,
    finished: bool = False,
) -> Response:
    heartbeat = sim.config.sse_heartbeat_seconds
    cut_after: int | None = sim.stream_cut_after

    async def frames() -> AsyncIterator[str]:
        yield f"retry: {sim.config.sse_retry_ms}\n\n"
        if finished:
            return
        cursor, sent = after, 0
        last_write = time.monotonic()
        while True:
            for event in read(cursor):
                yield _frame(event)
                cursor, sent = str(event["id"]), sent + 1
                last_write = time.monotonic()
                if (cut_after is not None and sent >= cut_after) or (ends and ends(event)):
                    return
            if time.monotonic() - last_write >= heartbeat:
                yield ": heartbeat\n\n"
                last_write = time.monotonic()
            await anyio.sleep(POLL_INTERVAL)

    return StreamingResponse(
        frames(),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )
