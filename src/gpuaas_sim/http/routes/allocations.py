"""Allocations: create, list, get, release, connection details, terminal tokens, volumes."""

from __future__ import annotations

from typing import Any

from ...platform.launch import Terms
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
        render=lambda a: call.sim.allocation_book.render(a, now),
        descending=True,
    )


@operation("createAllocation")
def create_allocation(call: Call) -> dict[str, Any]:
    sim, body = call.sim, call.body
    allocation = sim.launcher.create_allocation(
        call.caller,
        sku_id=body["sku"],
        gpus_total=body["gpus_total"],
        region_code=body.get("region_code"),
        project_id=body.get("project_id"),
        ssh_key_ids=tuple(body.get("ssh_key_ids", ())),
        terms=Terms.of(body),
    )
    return sim.allocation_book.render(allocation, sim.clock.now())


@operation("getAllocation")
def get_allocation(call: Call) -> Reply:
    book = call.sim.allocation_book
    allocation = book.get(call.caller, call.path["allocation_id"])
    now, clock = call.sim.clock.now(), call.sim.clock
    hints = poll_hint_headers((t.at for t in allocation.timeline), now, clock.speed)
    return Reply(book.render(allocation, now), hints)


@operation("releaseAllocation")
def release_allocation(call: Call) -> dict[str, Any]:
    book = call.sim.allocation_book
    allocation = book.release(call.caller, call.path["allocation_id"])
    return book.render(allocation, call.sim.clock.now())


@operation("attachVolume")
def attach_volume(call: Call) -> dict[str, Any]:
    sim, body = call.sim, call.body
    allocation = sim.allocation_book.get(call.caller, call.path["allocation_id"])
    volume = sim.volumes.attach(call.caller, allocation, body["volume_id"], body["mount_point"])
    return sim.volumes.render(volume, sim.clock.now())


@operation("detachVolume")
def detach_volume(call: Call) -> dict[str, Any]:
    sim = call.sim
    allocation = sim.allocation_book.get(call.caller, call.path["allocation_id"])
    volume = sim.volumes.detach(call.caller, allocation, call.path["volume_id"])
    return sim.volumes.render(volume, sim.clock.now())


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
