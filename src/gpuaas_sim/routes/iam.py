"""`/v1/tenants*` and `/v1/roles`: tenants, their memberships, and the grantable roles."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ..errors import JSONResponse
from ..iam import ROLES
from ..iam_schemas import MembershipCreate
from ..pagination import paginate
from ..web import authenticate, endpoint, idempotent, json_body, page_params, query_param

if TYPE_CHECKING:
    from ..simulator import Simulator

KINDS = frozenset({"human", "agent", "service"})
SCOPES = frozenset({"tenant", "project"})


def routes(sim: Simulator) -> list[Route]:
    iam = sim.iam

    async def list_tenants(request: Request) -> Response:
        principal = authenticate(request, sim)
        limit, cursor = page_params(request)
        page = paginate(
            iam.tenants_of(principal),
            kind="tenants",
            position=lambda t: t.seq,
            render=lambda t: t.to_json(),
            limit=limit,
            cursor=cursor,
        )
        return JSONResponse(page.to_json())

    async def get_tenant(request: Request) -> Response:
        principal = authenticate(request, sim)
        return JSONResponse(iam.tenant(principal, request.path_params["tenant_id"]).to_json())

    async def list_memberships(request: Request) -> Response:
        principal = authenticate(request, sim)
        limit, cursor = page_params(request)
        kind = query_param(request, "principal_kind", choices=KINDS)
        found = iam.tenant_memberships(principal, request.path_params["tenant_id"])
        page = paginate(
            [m for m in found if kind in (None, m.member.kind)],
            kind="tenant-memberships",
            position=lambda m: m.seq,
            render=lambda m: m.to_json("tenant_id"),
            limit=limit,
            cursor=cursor,
        )
        return JSONResponse(page.to_json())

    async def add_membership(request: Request) -> Response:
        principal = authenticate(request, sim)
        body, raw = await json_body(request, MembershipCreate)
        tenant_id = request.path_params["tenant_id"]

        def run() -> tuple[int, Any]:
            membership = iam.add_tenant_membership(
                principal, tenant_id, body.principal_id, body.role
            )
            return 201, membership.to_json("tenant_id")

        return idempotent(request, sim, principal, raw, run)

    async def remove_membership(request: Request) -> Response:
        principal = authenticate(request, sim)
        params = request.path_params
        iam.remove_tenant_membership(principal, params["tenant_id"], params["principal_id"])
        return Response(status_code=204)

    async def list_roles(request: Request) -> Response:
        authenticate(request, sim)
        limit, cursor = page_params(request)
        scope = query_param(request, "scope", choices=SCOPES)
        order = {role.name: index for index, role in enumerate(ROLES)}
        page = paginate(
            [r for r in ROLES if scope in (None, r.scope)],
            kind="roles",
            position=lambda r: order[r.name],
            render=lambda r: r.to_json(),
            limit=limit,
            cursor=cursor,
        )
        return JSONResponse(page.to_json())

    return [
        endpoint("/v1/tenants", GET=list_tenants),
        endpoint("/v1/tenants/{tenant_id}", GET=get_tenant),
        endpoint("/v1/tenants/{tenant_id}/memberships", GET=list_memberships, POST=add_membership),
        endpoint("/v1/tenants/{tenant_id}/memberships/{principal_id}", DELETE=remove_membership),
        endpoint("/v1/roles", GET=list_roles),
    ]
