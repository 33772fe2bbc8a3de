"""`/_sim/playground`: a page showing the dev account live, the API's requests, and
buttons that break the platform on purpose (`gpuaas-sim --playground`).

It lives under the control API (`/_sim/...`, on only with it: no authentication, so
loopback only), and so do its data: `state` (a snapshot of `account.snapshot`), `feed`
(Server-Sent Events: each API request as `RequestRecorder` saw it answered, each platform
event of the account, and the snapshot whenever it changes), `scenarios/{name}` and
`clear`. The clock buttons use the control API's own `/_sim/clock/...`.

The page reads account data through the simulator itself, never with a user's token, and
shows picked fields only: the request log has method, path, status, latency and
correlation id, never a header, query string or body. Its POSTs need the
`X-GPUaaS-Playground` header, which a form on another site cannot send.
"""

from __future__ import annotations

import html
import json
import string
import time
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import anyio
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response, StreamingResponse
from starlette.routing import BaseRoute, Route

from ..http.responses import JSONResponse
from ..platform.errors import ApiError
from . import account, scenarios
from .assets import csp_hash, static_text
from .request_feed import RequestFeed

if TYPE_CHECKING:
    from ..platform.events import Event
    from ..simulator import Simulator

__all__ = ["PAGE_PATH", "routes"]

PAGE_PATH = "/_sim/playground"
CSRF_HEADER = "X-GPUaaS-Playground"
TICK = 0.1
"""Real seconds between two looks for new requests and events."""
STATE_EVERY = 1.0
"""Real seconds after which the snapshot is taken again even if nothing was seen (the
clock moves, balances accrue)."""
RECENT_REQUESTS = 200
RECENT_EVENTS = 30
HEARTBEAT = 15.0
_EVENT_FIELDS = ("id", "type", "occurred_at", "allocation_id", "instance_id", "status")


def _sse(kind: str, data: Any) -> str:
    return f"event: {kind}\ndata: {json.dumps(data, separators=(',', ':'))}\n\n"


def _event_view(event: Event) -> dict[str, Any]:
    return {name: event.get(name) for name in _EVENT_FIELDS}


class _Page:
    def __init__(self) -> None:
        css, script = static_text("playground.css"), static_text("playground.js")
        icon = static_text("favicon.svg").strip().replace('"', "'")
        favicon = "data:image/svg+xml," + quote(icon, safe="=:/'")
        buttons = "\n".join(
            f'<li><button type="button" data-scenario="{s.name}" '
            f'aria-describedby="explain-{s.name}">{html.escape(s.title)}</button>'
            f'<span class="explain" id="explain-{s.name}">{html.escape(s.explains)}</span></li>'
            for s in scenarios.SCENARIOS
        )
        self.body = string.Template(static_text("playground.html")).substitute(
            css=css, script=script, favicon=favicon, scenarios=buttons
        )
        self.headers = {
            "Cache-Control": "no-store",
            "Content-Security-Policy": (
                f"default-src 'none'; script-src {csp_hash(script)}; "
                f"style-src {csp_hash(css)}; connect-src 'self'; img-src data:; "
                "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
            ),
            "Referrer-Policy": "no-referrer",
            "X-Content-Type-Options": "nosniff",
        }


def routes(sim: Simulator, feed: RequestFeed) -> list[BaseRoute]:
    page = _Page()
    tenant = account.ACCOUNT.tenant_id

    async def show(request: Request) -> Response:
        return HTMLResponse(page.body, headers=page.headers)

    async def state(request: Request) -> Response:
        return JSONResponse(account.snapshot(sim), headers={"Cache-Control": "no-store"})

    def check_origin(request: Request) -> None:
        if request.headers.get(CSRF_HEADER) != "1":
            raise ApiError(
                "insufficient_permissions",
                f"Playground actions need the header `{CSRF_HEADER}: 1` (the page sends it).",
                details={"header": CSRF_HEADER},
            )

    async def run_scenario(request: Request) -> Response:
        check_origin(request)
        chosen = scenarios.scenario(request.path_params["name"])
        chosen.apply(sim)
        return JSONResponse({"scenario": chosen.name, "state": account.snapshot(sim)})

    async def clear(request: Request) -> Response:
        check_origin(request)
        scenarios.clear(sim)
        return JSONResponse({"state": account.snapshot(sim)})

    async def live(request: Request) -> Response:
        return StreamingResponse(
            _frames(sim, feed, tenant),
            media_type="text/event-stream",
            headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
        )

    return [
        Route(PAGE_PATH, show, methods=["GET"]),
        Route(f"{PAGE_PATH}/state", state, methods=["GET"]),
        Route(f"{PAGE_PATH}/feed", live, methods=["GET"]),
        Route(f"{PAGE_PATH}/scenarios/{{name}}", run_scenario, methods=["POST"]),
        Route(f"{PAGE_PATH}/clear", clear, methods=["POST"]),
    ]


async def _frames(sim: Simulator, feed: RequestFeed, tenant: str) -> AsyncIterator[str]:
    """The page's live feed: a `hello` with what is recent, then whatever happens."""
    recent = feed.after(0)
    seq = recent[-1].seq if recent else 0
    log = sim.events
    events = log.after(sim.clock.now())
    cursor = events[-1]["id"] if events else "0"
    mine = [_event_view(e) for e in events if e.get("tenant_id") == tenant]
    yield "retry: 1000\n\n"
    yield _sse(
        "hello",
        {
            "requests": [r.to_json() for r in recent[-RECENT_REQUESTS:]],
            "events": mine[-RECENT_EVENTS:],
        },
    )
    shown = json.dumps(account.snapshot(sim))
    yield f"event: state\ndata: {shown}\n\n"
    taken = written = time.monotonic()
    while True:
        await anyio.sleep(TICK)
        news = False
        for request in feed.after(seq):
            seq, news = request.seq, True
            yield _sse("request", request.to_json())
        if sim.events is not log:  # a reset: a new, empty event log
            log, cursor = sim.events, "0"
        for event in log.after(sim.clock.now(), cursor):
            cursor = event["id"]
            if event.get("tenant_id") == tenant:
                news = True
                yield _sse("event", _event_view(event))
        now = time.monotonic()
        if news or now - taken >= STATE_EVERY:
            taken, current = now, json.dumps(account.snapshot(sim))
            if current != shown:
                shown = current
                yield f"event: state\ndata: {current}\n\n"
                written = now
        if news:
            written = now
        if now - written >= HEARTBEAT:
            yield ": heartbeat\n\n"
            written = now
