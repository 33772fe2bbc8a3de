"""`/v1/tenants*` and `/v1/roles`: tenants, their memberships, and the grantable roles."""

from __future__ import annotations

from typing import TYPE_CHECKING

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ...platform.errors import JSONResponse
from ...platform.iam import ROLES
from ..membership_routes import membership_routes, tenant_scope
from ..pagination import paginate
from ..web import authenticate, endpoint, page_params, query_param

if TYPE_CHECKING:
    from ...simulator import Simulator

SCOPES = frozenset({"tenant", "project"})


def routes(sim: Simulator) -> list[Route]:
    async def list_tenants(request: Request) -> Response:
        principal = authenticate(request, sim)
        limit, cursor = page_params(request)
        page = paginate(
            sim.iam.tenants_of(principal),
            kind="tenants",
            position=lambda t: t.seq,
            render=lambda t: t.to_json(),
            limit=limit,
            cursor=cursor,
        )
        return JSONResponse(page.to_json())

    async def get_tenant(request: Request) -> Response:
        principal = authenticate(request, sim)
        return JSONResponse(sim.iam.tenant(principal, request.path_params["tenant_id"]).to_json())

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
        *membership_routes(sim, tenant_scope(sim)),
        endpoint("/v1/roles", GET=list_roles),
    ]
