"""`/v1/allocations/{allocation_id}/terminal`: the browser terminal over WebSocket.

The handshake is refused with the contract's HTTP status and error envelope (the ASGI
WebSocket denial response); on a server without that extension it is closed before
acceptance with 1008 (policy violation) instead. A browser cannot read either, so a
client offering the subprotocol `gpuaas.terminal.v1` (the browser terminal page does)
is accepted and then closed with 4000 + the status and the error code as the reason.
Frames follow components/terminal.yaml; anything else closes the connection with 1003.
Open sessions are listed in `sim.terminals`.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from typing import TYPE_CHECKING, Any

from starlette.routing import BaseRoute, WebSocketRoute
from starlette.websockets import WebSocket, WebSocketDisconnect

from ..platform.errors import ApiError
from ..platform.terminal import ShellSession
from .responses import response_of

if TYPE_CHECKING:
    from ..platform.allocations import Allocation
    from ..simulator import Simulator

CLOSE_NORMAL = 1000
CLOSE_POLICY = 1008
CLOSE_UNSUPPORTED = 1003
CLOSE_REFUSED = 4000
"""Plus the HTTP status of the refusal, for clients of `SUBPROTOCOL` (4401, 4404, 4409)."""
SUBPROTOCOL = "gpuaas.terminal.v1"
_DENIAL_EXTENSION = "websocket.http.response"


class BadFrame(Exception):
    """A client frame that is not a `stdin` or `resize` frame of the contract."""


def parse_frame(text: str) -> dict[str, Any]:
    """A valid client frame as JSON, or `BadFrame`."""
    try:
        frame = json.loads(text)
    except ValueError as exc:
        raise BadFrame("not JSON") from exc
    if not isinstance(frame, dict):
        raise BadFrame("not an object")
    kind = frame.get("type")
    if kind == "stdin" and set(frame) == {"type", "data"} and isinstance(frame["data"], str):
        return frame
    if kind == "resize" and set(frame) == {"type", "cols", "rows"}:
        sizes = (frame["cols"], frame["rows"])
        if all(type(n) is int and 1 <= n <= 1000 for n in sizes):
            return frame
    raise BadFrame(f"not a stdin or resize frame: {kind!r}")


def admit(sim: Simulator, allocation_id: str, token: str | None) -> Allocation:
    """The allocation the token opens, spending the token; `ApiError` when refused."""
    book = sim.allocation_book
    allocation = book.allocations.get(allocation_id)
    if allocation is None:
        raise ApiError(
            "allocation_not_found",
            f"No allocation {allocation_id!r}.",
            details={"allocation_id": allocation_id},
        )
    digest = hashlib.sha256((token or "").encode()).hexdigest()
    grant = book.terminal_grants.get(digest)
    if grant is None or grant.allocation_id != allocation_id:
        raise ApiError(
            "token_invalid", "The terminal token is unknown, used or not for this allocation."
        )
    now = sim.clock.now()
    if grant.expires_at <= now:
        # Kept, so a replay (the SDK's auth retries a 401 once) is told the same thing.
        raise ApiError("token_expired", "The terminal token has expired; mint a new one.")
    if book.terminal_grants.pop(digest, None) is None:  # single use, even under a race
        raise ApiError("token_invalid", "The terminal token was used already.")
    status = allocation.status_at(now)
    if status != "active":
        raise ApiError(
            "allocation_not_active",
            f"Allocation {allocation.id} is {status}, not active.",
            details={"allocation_id": allocation.id, "status": status},
        )
    return allocation


def routes(sim: Simulator) -> list[BaseRoute]:
    async def terminal(websocket: WebSocket) -> None:
        allocation_id = websocket.path_params["allocation_id"]
        offered = websocket.scope.get("subprotocols", ())
        subprotocol = SUBPROTOCOL if SUBPROTOCOL in offered else None
        try:
            allocation = admit(sim, allocation_id, websocket.query_params.get("token"))
        except ApiError as error:
            await _refuse(websocket, error, subprotocol)
            return
        shell = ShellSession(
            user=allocation.endpoint.ssh_user,
            hostname=allocation.id,
            sku=sim.catalog.sku(allocation.sku),
            gpus=allocation.gpus_total,
        )
        await websocket.accept(subprotocol=subprotocol)
        with sim.terminals.opened(allocation.id, shell):
            for frame in shell.start():
                await websocket.send_json(frame)
            try:
                await _converse(websocket, shell)
            except WebSocketDisconnect:
                return

    return [WebSocketRoute("/v1/allocations/{allocation_id}/terminal", terminal)]


async def _refuse(websocket: WebSocket, error: ApiError, subprotocol: str | None) -> None:
    """Tell the client why it may not in: as HTTP if it can read that, else as a close."""
    if subprotocol is not None:
        await websocket.accept(subprotocol=subprotocol)
        await websocket.close(CLOSE_REFUSED + error.status, error.code)
    elif _DENIAL_EXTENSION in websocket.scope.get("extensions", {}):
        # The gateway stamps HTTP responses only; a denial gets its id here.
        correlation_id = uuid.uuid4().hex
        response = response_of(error, correlation_id)
        response.headers["X-Correlation-ID"] = correlation_id
        await websocket.send_denial_response(response)
    else:
        await websocket.close(CLOSE_POLICY, error.code)


async def _converse(websocket: WebSocket, shell: ShellSession) -> None:
    """Feed client frames to the shell until it exits or the client breaks the protocol."""
    while True:
        message = await websocket.receive()
        if message["type"] == "websocket.disconnect":
            return
        text = message.get("text")
        try:
            if text is None:
                raise BadFrame("binary frame")
            frame = parse_frame(text)
        except BadFrame as exc:
            await websocket.close(CLOSE_UNSUPPORTED, str(exc)[:120])
            return
        if frame["type"] == "resize":
            shell.resize(frame["cols"], frame["rows"])
            continue
        for out in shell.feed(frame["data"]):
            await websocket.send_json(out)
        if shell.exit_code is not None:
            await websocket.close(CLOSE_NORMAL)
            return
