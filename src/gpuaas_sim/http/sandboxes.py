"""Sandboxes over HTTP: `/_sandboxes/{id}/...` reaches a sandbox, `/_sim/sandboxes` makes one.

A sandbox's base URL is the simulator's with `/_sandboxes/{id}` after it: everything
under it (the contract's paths, the terminal's WebSocket, the sandbox's own `/_sim/...`
control API) is served by the sandbox's simulator, with the prefix as ASGI `root_path`,
so URLs the platform builds (terminal `ws_url`, the sign-in form) stay inside it.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from ..platform.errors import ApiError
from ..platform.iam import ADMIN_PASSWORD, ADMIN_USERNAME
from ..platform.identity import DEV_PASSWORD, DEV_USERNAME
from ..runtime.clock import format_time
from ..runtime.sandboxes import MAX_TTL, Sandboxes, SandboxInfo
from .gateway import route_path
from .responses import sandbox_gone

if TYPE_CHECKING:
    from ..simulator import Simulator

__all__ = ["PREFIX", "SandboxRouter", "sandbox_gone", "sandbox_json", "ttl_of"]

PREFIX = "/_sandboxes/"


class SandboxRouter:
    """In front of the main simulator's app: a sandbox's requests go to its own app."""

    def __init__(self, app: ASGIApp, sandboxes: Sandboxes) -> None:
        self.app = app
        self.sandboxes = sandboxes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = route_path(scope) if scope["type"] in ("http", "websocket") else ""
        if not path.startswith(PREFIX):
            await self.app(scope, receive, send)
            return
        sandbox_id = path[len(PREFIX) :].partition("/")[0]
        sandbox = self.sandboxes.live(sandbox_id)
        if sandbox is None:  # maybe made by another process: load it, off the event loop
            sandbox = await run_in_threadpool(self.sandboxes.open, sandbox_id)
        if sandbox is None:
            if scope["type"] == "websocket":
                await send({"type": "websocket.close", "code": 1008})
            else:
                headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
                cid = headers.get("x-correlation-id") or "sandbox-gone"
                response = sandbox_gone(sandbox_id, cid)
                response.headers["X-Correlation-ID"] = cid
                await response(scope, receive, send)
            return
        inner = dict(scope)
        inner["root_path"] = scope.get("root_path", "") + PREFIX + sandbox_id
        await sandbox.app(inner, receive, send)


def sandbox_json(info: SandboxInfo, request: Request) -> dict[str, Any]:
    """What a sandbox's creator needs: where it is, until when, and who can sign in."""
    base = str(request.base_url).rstrip("/")
    return {
        "id": info.id,
        "base_url": f"{base}{PREFIX}{info.id}",
        "created_at": format_time(_utc(info.created_at)),
        "expires_at": format_time(_utc(info.expires_at)),
        "ttl_seconds": round(info.expires_at - time.time(), 3),
        "users": [
            {"username": DEV_USERNAME, "password": DEV_PASSWORD},
            {"username": ADMIN_USERNAME, "password": ADMIN_PASSWORD},
        ],
    }


def _utc(seconds: float) -> datetime:
    return datetime.fromtimestamp(seconds, UTC)


def ttl_of(data: Any, sim: Simulator) -> float:
    """`ttl_seconds` of a create request (the config's default when left out)."""
    if data is None:
        return sim.config.sandbox_ttl
    if not isinstance(data, dict) or set(data) - {"ttl_seconds"}:
        raise ApiError(
            "invalid_request", "The body must be empty or a JSON object with `ttl_seconds`."
        )
    ttl = data.get("ttl_seconds", sim.config.sandbox_ttl)
    if isinstance(ttl, bool) or not isinstance(ttl, int | float) or not 0 < ttl <= MAX_TTL:
        raise ApiError(
            "invalid_request",
            f"`ttl_seconds` must be a number of seconds above 0 and at most {MAX_TTL:g}.",
            details={"field": "ttl_seconds"},
        )
    return float(ttl)
