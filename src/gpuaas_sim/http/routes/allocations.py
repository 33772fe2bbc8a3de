"""Allocations: create, list, get, release, leases, logs, connection details, terminal
tokens and volumes.

The live log stream (`streamAllocationLogs`) is served with the other SSE streams.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from ...platform.allocation_logs import log_lines, settings_for
from ...platform.allocations import Allocation
from ...platform.launch import Terms
from ...runtime.clock import format_time
from ...web.terminal_page import terminal_page_url
from ..pagination import page_of
from ..poll_hints import poll_hint_headers
from ..registry import Call, Reply, operation

TERMINAL_TOKEN_TTL = 60


@operation("listAllocations")
def list_allocations(call: Call) -> dict[str, Any]:
    states, now = call.query.get("status"), call.sim.clock.now()
    wanted = _label_selector(call.query.get("label") or [])
    creator = call.query.get("created_by")
    mine = [
        a
        for a in call.sim.allocation_book.visible_to(call.caller)
        if (states is None or a.status_at(now) in states)
        and (creator is None or a.created_by == creator)
        and all(a.labels.get(key) == value for key, value in wanted.items())
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
    with sim.budget_events.refusals():  # a 402 announces `budget.exceeded`
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


def _label_selector(selectors: list[str]) -> Mapping[str, str]:
    """`["run=nightly-42", ...]` (the contract checked their shape) as a mapping."""
    return dict(selector.split("=", 1) for selector in selectors)


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


@operation("renewAllocationLease")
def renew_lease(call: Call) -> dict[str, Any]:
    sim = call.sim
    with sim.budget_events.refusals():
        allocation = sim.launcher.renew_lease(call.caller, call.path["allocation_id"])
    return sim.allocation_book.render(allocation, sim.clock.now())


@operation("listAllocationLogs")
def list_allocation_logs(call: Call) -> dict[str, Any]:
    sim, query = call.sim, call.query
    allocation = sim.allocation_book.get(call.caller, call.path["allocation_id"])
    since: datetime | None = query.get("since")
    lines = [line for line in allocation_log(sim, allocation) if since is None or line.at >= since]
    tail = query.get("tail")
    if tail is not None:
        lines = lines[-tail:]
    return page_of(
        query,
        lines,
        kind="allocation_logs",
        position=lambda line: line.number,
        render=lambda line: line.to_json(allocation.id),
    )


def allocation_log(sim: Any, allocation: Allocation) -> list[Any]:
    """The allocation's log lines up to now (`platform/allocation_logs.py`)."""
    sku = sim.catalog.sku(allocation.sku)
    settings = settings_for(allocation, sku.gpu_model if sku else None, sim.config)
    return log_lines(allocation, sim.clock.now(), settings)


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
        "ws_url": f"{ws_scheme}://{url.netloc}{call.request.scope.get('root_path', '')}"
        f"/v1/allocations/{grant.allocation_id}"
        f"/terminal?token={token}",
        "page_url": terminal_page_url(f"{url.scheme}://{url.netloc}", grant.allocation_id, token),
        "expires_in": TERMINAL_TOKEN_TTL,
        "expires_at": format_time(grant.expires_at),
    }
