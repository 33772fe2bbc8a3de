"""The live event streams over Server-Sent Events (`streamEvents`, `streamAppInstanceEvents`).

Both read the simulator's `EventLog`: a stream remembers the id of the last event
it sent and polls the log every few milliseconds of real time (each read also
syncs the lazy sources with the simulated clock, which moves by itself), so an
event reaches an open stream promptly and ids increase strictly.

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
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse
from starlette.routing import Route

from ...platform.errors import ApiError
from ...platform.events import Event
from ...platform.identity import Principal
from ..web import authenticate, endpoint

if TYPE_CHECKING:
    from ...simulator import Simulator

__all__ = ["EVENT_TYPES", "INSTANCE_EVENT_TYPES", "POLL_INTERVAL", "routes"]

EVENT_TYPES = frozenset(
    {
        "allocation.status_changed",
        "app_instance.status_changed",
        "app.event",
        "app.log",
        "usage.recorded",
        "budget.threshold_reached",
        "budget.exceeded",
    }
)
INSTANCE_EVENT_TYPES = frozenset({"app_instance.status_changed", "app.event", "app.log"})

POLL_INTERVAL = 0.02
"""Real seconds between two looks at the event log while a stream is idle."""

_MAX_EVENT_ID_LENGTH = 128


def routes(sim: Simulator) -> list[Route]:
    async def stream_events(request: Request) -> Response:
        principal = authenticate(request, sim)
        types = _types_param(request)
        after = _resume_point(request, sim)
        tenant = principal.tenant_id

        def wanted(event: Event) -> bool:
            return event.get("tenant_id") == tenant and (types is None or event["type"] in types)

        return _event_stream(sim, after, wanted, ends=None)

    async def stream_instance_events(request: Request) -> Response:
        principal = authenticate(request, sim)
        instance_id = request.path_params["instance_id"]
        _check_instance(sim, principal, instance_id)
        after = _resume_point(request, sim)
        tenant = principal.tenant_id

        def wanted(event: Event) -> bool:
            return (
                event["type"] in INSTANCE_EVENT_TYPES
                and event.get("instance_id") == instance_id
                and event.get("tenant_id") == tenant
            )

        # Released at or before the resume point: nothing is left to send.
        finished = any(_is_release(e) for e in _matching(sim, None, wanted, upto=after))
        return _event_stream(sim, after, wanted, ends=_is_release, finished=finished)

    return [
        endpoint("/v1/events/stream", GET=stream_events),
        endpoint("/v1/app-instances/{instance_id}/events/stream", GET=stream_instance_events),
    ]


# -- request parsing ------------------------------------------------------------


def _types_param(request: Request) -> frozenset[str] | None:
    """`types`: comma-separated known event types (an array, style form, not exploded)."""
    values = request.query_params.getlist("types")
    if not values:
        return None
    if len(values) > 1:
        raise _invalid("types", "must be given once, comma-separated")
    names = values[0].split(",")
    unknown = sorted({name for name in names if name not in EVENT_TYPES})
    if unknown:
        raise ApiError(
            "invalid_request",
            "Query parameter `types` names unknown event types: " + ", ".join(unknown) + ".",
            details={
                "parameter": "types",
                "reason": "unknown event type",
                "unknown_types": unknown,
                "allowed_types": sorted(EVENT_TYPES),
            },
        )
    if len(set(names)) != len(names):
        raise _invalid("types", "must not repeat a type")
    return frozenset(names)


def _resume_point(request: Request, sim: Simulator) -> str:
    """The id to resume strictly after: `Last-Event-ID`, else the newest event now."""
    newest = _newest_id(sim)
    raw = request.headers.get("last-event-id")
    if raw is None:
        return newest
    if not (1 <= len(raw) <= _MAX_EVENT_ID_LENGTH and raw.isascii() and raw.isdigit()):
        raise _invalid_header("must be the id of an event received earlier (digits)")
    if int(raw) > int(newest):
        raise _invalid_header("names an event that does not exist (yet)")
    return str(int(raw))


def _newest_id(sim: Simulator) -> str:
    events = sim.events.after(sim.clock.now())
    return str(events[-1]["id"]) if events else "0"


def _check_instance(sim: Simulator, principal: Principal, instance_id: str) -> None:
    """404 `app_instance_not_found` unless the apps book knows the instance for this caller.

    The apps area's book provides `sim.apps.instance(principal, instance_id)`, which
    raises that error itself for an unknown or invisible instance; without an apps
    book no instance exists.
    """
    apps: Any = getattr(sim, "apps", None)
    if apps is None:
        raise ApiError(
            "app_instance_not_found",
            f"No app instance {instance_id!r} is visible to the caller.",
            details={"instance_id": instance_id},
        )
    apps.instance(principal, instance_id)


def _invalid(name: str, reason: str) -> ApiError:
    return ApiError(
        "invalid_request",
        f"Query parameter `{name}` {reason}.",
        details={"parameter": name, "reason": reason},
    )


def _invalid_header(reason: str) -> ApiError:
    return ApiError(
        "invalid_request",
        f"Header `Last-Event-ID` {reason}.",
        details={"header": "Last-Event-ID", "reason": reason},
    )


# -- the stream -----------------------------------------------------------------


def _is_release(event: Event) -> bool:
    return event["type"] == "app_instance.status_changed" and event.get("status") == "released"


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
    wanted: Callable[[Event], bool],
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
            for event in _matching(sim, cursor, wanted):
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
