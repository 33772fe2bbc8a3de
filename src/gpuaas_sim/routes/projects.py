"""`/v1/projects*`: projects of the caller's tenant and their memberships."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ..errors import ApiError, JSONResponse
from ..iam_schemas import MembershipCreate, ProjectCreate, ProjectUpdate
from ..pagination import paginate
from ..web import authenticate, endpoint, idempotent, json_body, page_params, query_param

if TYPE_CHECKING:
    from ..simulator import Simulator

KINDS = frozenset({"human", "agent", "service"})


def routes(sim: Simulator) -> list[Route]:
    iam = sim.iam

    async def list_projects(request: Request) -> Response:
        principal = authenticate(request, sim)
        limit, cursor = page_params(request)
        page = paginate(
            iam.projects_of(principal),
            kind="projects",
            position=lambda p: p.seq,
            render=lambda p: p.to_json(),
            limit=limit,
            cursor=cursor,
        )
        return JSONResponse(page.to_json())

    async def create_project(request: Request) -> Response:
        principal = authenticate(request, sim)
        body, raw = await json_body(request, ProjectCreate)

        def run() -> tuple[int, Any]:
            return 201, iam.create_project(principal, body.name, body.description).to_json()

        return idempotent(request, sim, principal, raw, run)

    async def get_project(request: Request) -> Response:
        principal = authenticate(request, sim)
        return JSONResponse(iam.project(principal, request.path_params["project_id"]).to_json())

    async def update_project(request: Request) -> Response:
        principal = authenticate(request, sim)
        body, _ = await json_body(request, ProjectUpdate)
        changes = {name: getattr(body, name) for name in body.model_fields_set}
        if not changes:
            raise ApiError(
                "validation_error",
                "Send at least one field to change.",
                details={"errors": [{"field": "body", "reason": "needs at least one field"}]},
            )
        project = iam.update_project(principal, request.path_params["project_id"], changes)
        return JSONResponse(project.to_json())

    async def delete_project(request: Request) -> Response:
        principal = authenticate(request, sim)
        iam.delete_project(principal, request.path_params["project_id"])
        return Response(status_code=204)

    async def list_memberships(request: Request) -> Response:
        principal = authenticate(request, sim)
        limit, cursor = page_params(request)
        kind = query_param(request, "principal_kind", choices=KINDS)
        found = iam.project_memberships(principal, request.path_params["project_id"])
        page = paginate(
            [m for m in found if kind in (None, m.member.kind)],
            kind="project-memberships",
            position=lambda m: m.seq,
            render=lambda m: m.to_json("project_id"),
            limit=limit,
            cursor=cursor,
        )
        return JSONResponse(page.to_json())

    async def add_membership(request: Request) -> Response:
        principal = authenticate(request, sim)
        body, raw = await json_body(request, MembershipCreate)
        project_id = request.path_params["project_id"]

        def run() -> tuple[int, Any]:
            membership = iam.add_project_membership(
                principal, project_id, body.principal_id, body.role
            )
            return 201, membership.to_json("project_id")

        return idempotent(request, sim, principal, raw, run)

    async def remove_membership(request: Request) -> Response:
        principal = authenticate(request, sim)
        params = request.path_params
        iam.remove_project_membership(principal, params["project_id"], params["principal_id"])
        return Response(status_code=204)

    return [
        endpoint("/v1/projects", GET=list_projects, POST=create_project),
        endpoint(
            "/v1/projects/{project_id}",
            GET=get_project,
            PATCH=update_project,
            DELETE=delete_project,
        ),
        endpoint(
            "/v1/projects/{project_id}/memberships", GET=list_memberships, POST=add_membership
        ),
        endpoint("/v1/projects/{project_id}/memberships/{principal_id}", DELETE=remove_membership),
    ]
