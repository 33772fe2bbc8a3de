"""Allocations: create, list, get, release, connection details and terminal tokens."""

from __future__ import annotations

from typing import Any

from ...runtime.clock import format_time
from ..pagination import page_of
from ..poll_hints import poll_hint_headers
from ..registry import Call, Reply, operation

TERMINAL_TOKEN_TTL = 60


@operation("listAllocations")
def list_allocations(call: Call) -> dict[str, Any]:
    status, now = call.query.get("status"), call.sim.clock.now()
    mine = [
        a
        for a in call.sim.allocation_book.visible_to(call.caller)
        if status in (None, a.status_at(now))
    ]
    return page_of(
        call.query,
        mine,
        kind="allocations",
        position=lambda a: a.seq,
        render=lambda a: a.to_json(now),
        descending=True,
    )


@operation("createAllocation")
def create_allocation(call: Call) -> dict[str, Any]:
    sim, body = call.sim, call.body
    with sim.budget_events.refusals(call.caller):  # a 402 announces `budget.exceeded`
        allocation = sim.allocation_book.create(
            call.caller,
            sku_id=body["sku"],
            gpus_total=body["gpus_total"],
            region_code=body.get("region_code"),
            project_id=body.get("project_id"),
            ssh_key_ids=tuple(body.get("ssh_key_ids", ())),
            spend_cap=sim.service_accounts.spend_cap(call.caller.principal_id),
        )
    return allocation.to_json(sim.clock.now())


@operation("getAllocation")
def get_allocation(call: Call) -> Reply:
    allocation = call.sim.allocation_book.get(call.caller, call.path["allocation_id"])
    now, clock = call.sim.clock.now(), call.sim.clock
    hints = poll_hint_headers((t.at for t in allocation.timeline), now, clock.speed)
    return Reply(allocation.to_json(now), hints)


@operation("releaseAllocation")
def release_allocation(call: Call) -> dict[str, Any]:
    allocation = call.sim.allocation_book.release(call.caller, call.path["allocation_id"])
    return allocation.to_json(call.sim.clock.now())


@operation("getAllocationConnection")
def get_connection(call: Call) -> dict[str, Any]:
    book = call.sim.allocation_book
    return book.connection(call.caller, call.path["allocation_id"], call.sim.clock.now())


@operation("mintTerminalToken")
def mint_terminal_token(call: Call) -> dict[str, Any]:
    url = call.request.url
    token, grant = call.sim.allocation_book.mint_terminal_token(
        call.caller, call.path["allocation_id"], TERMINAL_TOKEN_TTL
    )
    ws_scheme = "wss" if url.scheme == "https" else "ws"
    return {
        "token": token,
        "ws_url": f"{ws_scheme}://{url.netloc}/v1/allocations/{grant.allocation_id}"
        f"/terminal?token={token}",
        "expires_in": TERMINAL_TOKEN_TTL,
        "expires_at": format_time(grant.expires_at),
    }
