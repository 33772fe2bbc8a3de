"""The membership routes of a tenant or a project: list, add, remove (one shape, two scopes).

`/v1/tenants/{tenant_id}/memberships*` and `/v1/projects/{project_id}/memberships*`
differ only in the scope they name and the IAM rules behind them, so both are
built here from a `Scope` (which `routes/iam.py` and `routes/projects.py` mount).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ..platform.admin import audited
from ..platform.errors import JSONResponse
from ..platform.iam import Membership
from ..platform.identity import Principal
from .iam_schemas import MembershipCreate
from .pagination import paginate
from .web import authenticate, endpoint, idempotent, json_body, page_params, query_param

if TYPE_CHECKING:
    from ..simulator import Simulator

__all__ = ["PRINCIPAL_KINDS", "Scope", "membership_routes", "project_scope", "tenant_scope"]

PRINCIPAL_KINDS = frozenset({"human", "agent", "service"})


@dataclass(frozen=True)
class Scope:
    """What differs between tenant and project memberships."""

    name: str
    """`tenant` or `project`: the path segment is its plural, the id field `<name>_id`."""
    listing: Callable[[Principal, str], list[Membership]]
    add: Callable[[Principal, str, str, str], Membership]
    remove: Callable[[Principal, str, str], None]

    @property
    def id_field(self) -> str:
        return f"{self.name}_id"


# The IAM book is looked up at each call: `Simulator.reset()` replaces it.


def tenant_scope(sim: Simulator) -> Scope:
    return Scope(
        "tenant",
        lambda *args: sim.iam.tenant_memberships(*args),
        lambda *args: sim.iam.add_tenant_membership(*args),
        lambda *args: sim.iam.remove_tenant_membership(*args),
    )


def project_scope(sim: Simulator) -> Scope:
    return Scope(
        "project",
        lambda *args: sim.iam.project_memberships(*args),
        lambda *args: sim.iam.add_project_membership(*args),
        lambda *args: sim.iam.remove_project_membership(*args),
    )


def membership_routes(sim: Simulator, scope: Scope) -> list[Route]:
    """`GET`/`POST .../memberships` and `DELETE .../memberships/{principal_id}` of one scope."""
    field = scope.id_field
    base = f"/v1/{scope.name}s/{{{field}}}/memberships"
    action = f"{scope.name}_membership"

    async def list_memberships(request: Request) -> Response:
        principal = authenticate(request, sim)
        limit, cursor = page_params(request)
        kind = query_param(request, "principal_kind", choices=PRINCIPAL_KINDS)
        found = scope.listing(principal, request.path_params[field])
        page = paginate(
            [m for m in found if kind in (None, m.member.kind)],
            kind=f"{scope.name}-memberships",
            position=lambda m: m.seq,
            render=lambda m: m.to_json(field),
            limit=limit,
            cursor=cursor,
        )
        return JSONResponse(page.to_json())

    async def add_membership(request: Request) -> Response:
        principal = authenticate(request, sim)
        body, raw = await json_body(request, MembershipCreate)
        scope_id = request.path_params[field]

        def run() -> tuple[int, Any]:
            membership = audited(
                request, sim, principal, f"{action}.create",
                lambda: scope.add(principal, scope_id, body.principal_id, body.role),
                resource_type=action, resource_id=body.principal_id,
            )  # fmt: skip
            return 201, membership.to_json(field)

        return idempotent(request, sim, principal, raw, run)

    async def remove_membership(request: Request) -> Response:
        principal = authenticate(request, sim)
        scope_id, member_id = request.path_params[field], request.path_params["principal_id"]
        audited(
            request, sim, principal, f"{action}.delete",
            lambda: scope.remove(principal, scope_id, member_id),
            resource_type=action, resource_id=member_id,
        )  # fmt: skip
        return Response(status_code=204)

    return [
        endpoint(base, GET=list_memberships, POST=add_membership),
        endpoint(f"{base}/{{principal_id}}", DELETE=remove_membership),
    ]
