"""`/v1/admin/*`: nodes (list, get, drain), the ops overview and the audit log (platform admins)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import Field
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ...platform.admin import NODE_STATUSES, ops_overview, record_audit, require_admin
from ...platform.errors import ApiError, JSONResponse
from ...platform.identity import Principal
from ..pagination import paginate
from ..schemas import Body
from ..web import authenticate, endpoint, idempotent, json_body, page_params, query_param

if TYPE_CHECKING:
    from ...simulator import Simulator


class NodeDrainRequest(Body):
    reason: Annotated[str, Field(min_length=1, max_length=500)]


def time_param(request: Request, name: str) -> datetime | None:
    """An RFC 3339 date-time query parameter with its offset (400 otherwise)."""
    raw = query_param(request, name, max_length=64)
    if raw is None:
        return None
    try:
        value = datetime.fromisoformat(raw)
    except ValueError:
        value = None
    if value is None or value.tzinfo is None or "t" not in raw.lower():
        raise ApiError(
            "invalid_request",
            f"Query parameter `{name}` must be an RFC 3339 date-time with an offset.",
            details={"parameter": name, "reason": "not an RFC 3339 date-time"},
        )
    return value


def routes(sim: Simulator) -> list[Route]:
    def admin(request: Request) -> Principal:
        principal = authenticate(request, sim)
        require_admin(principal)
        return principal

    async def list_nodes(request: Request) -> Response:
        admin(request)
        limit, cursor = page_params(request)
        region = query_param(request, "region_code")
        status = query_param(request, "status", choices=frozenset(NODE_STATUSES))
        sim.fleet.sync(sim.allocations)
        nodes = sim.fleet.listing(region, status)
        positions = {node.id: index for index, node in enumerate(sim.fleet.listing())}
        now = sim.clock.now()
        page = paginate(
            nodes,
            kind="nodes",
            position=lambda n: positions[n.id],
            render=lambda n: n.to_json(now),
            limit=limit,
            cursor=cursor,
        )
        return JSONResponse(page.to_json())

    async def get_node(request: Request) -> Response:
        admin(request)
        sim.fleet.sync(sim.allocations)
        node = sim.fleet.get(request.path_params["node_id"])
        return JSONResponse(node.to_json(sim.clock.now()))

    async def drain_node(request: Request) -> Response:
        principal = authenticate(request, sim)
        node_id = request.path_params["node_id"]
        try:
            require_admin(principal)
        except ApiError:
            record_audit(
                request, sim, principal, "node.drain", resource_type="node",
                resource_id=node_id, tenant_id=None, outcome="denied",
            )  # fmt: skip
            raise
        body, raw = await json_body(request, NodeDrainRequest)

        def run() -> tuple[int, Any]:
            sim.fleet.sync(sim.allocations)
            node = sim.fleet.drain(node_id, body.reason)
            record_audit(
                request, sim, principal, "node.drain", resource_type="node",
                resource_id=node.id, tenant_id=None,
            )  # fmt: skip
            return 200, node.to_json(sim.clock.now())

        return idempotent(request, sim, principal, raw, run)

    async def get_ops_overview(request: Request) -> Response:
        admin(request)
        sim.fleet.sync(sim.allocations)
        now = sim.clock.now()
        return JSONResponse(ops_overview(sim.fleet, sim.allocations.values(), sim.events, now))

    async def list_audit_events(request: Request) -> Response:
        admin(request)
        limit, cursor = page_params(request)
        events = sim.audit.query(
            since=time_param(request, "since"),
            until=time_param(request, "until"),
            actor_id=query_param(request, "actor_id"),
            action=query_param(request, "action", max_length=128),
        )
        page = paginate(
            events,
            kind="audit-events",
            position=lambda e: e.seq,
            render=lambda e: e.to_json(),
            limit=limit,
            cursor=cursor,
        )
        return JSONResponse(page.to_json())

    return [
        endpoint("/v1/admin/nodes", GET=list_nodes),
        endpoint("/v1/admin/nodes/{node_id}", GET=get_node),
        endpoint("/v1/admin/nodes/{node_id}/drain", POST=drain_node),
        endpoint("/v1/admin/ops/overview", GET=get_ops_overview),
        endpoint("/v1/admin/audit-events", GET=list_audit_events),
    ]
