"""Platform administration (platform admins only): nodes, the ops overview, the audit log."""

from __future__ import annotations

from typing import Any

from ...platform.admin import ops_overview, require_admin
from ..pagination import page_of
from ..registry import Call, operation


@operation("listNodes", allow=require_admin)
def list_nodes(call: Call) -> dict[str, Any]:
    fleet, now = call.sim.fleet, call.sim.clock.now()
    fleet.sync(call.sim.allocations)
    positions = {node.id: index for index, node in enumerate(fleet.listing())}
    return page_of(
        call.query,
        fleet.listing(call.query.get("region_code"), call.query.get("status")),
        kind="nodes",
        position=lambda n: positions[n.id],
        render=lambda n: n.to_json(now),
    )


@operation("getNode", allow=require_admin)
def get_node(call: Call) -> dict[str, Any]:
    call.sim.fleet.sync(call.sim.allocations)
    return call.sim.fleet.get(call.path["node_id"]).to_json(call.sim.clock.now())


@operation("drainNode", allow=require_admin)
def drain_node(call: Call) -> dict[str, Any]:
    call.sim.fleet.sync(call.sim.allocations)
    node = call.sim.fleet.drain(call.path["node_id"], call.body["reason"])
    return node.to_json(call.sim.clock.now())


@operation("getOpsOverview", allow=require_admin)
def get_ops_overview(call: Call) -> dict[str, Any]:
    sim = call.sim
    sim.fleet.sync(sim.allocations)
    return ops_overview(sim.fleet, sim.allocations.values(), sim.events, sim.clock.now())


@operation("listAuditEvents", allow=require_admin)
def list_audit_events(call: Call) -> dict[str, Any]:
    query = call.query
    events = call.sim.audit.query(
        since=query.get("since"),
        until=query.get("until"),
        actor_id=query.get("actor_id"),
        action=query.get("action"),
    )
    return page_of(
        query, events, kind="audit-events", position=lambda e: e.seq, render=lambda e: e.to_json()
    )
