"""`/v1/projects*`: projects of the caller's tenant and their memberships."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ...platform.admin import audited
from ...platform.errors import ApiError, JSONResponse
from ..iam_schemas import ProjectCreate, ProjectUpdate
from ..membership_routes import membership_routes, project_scope
from ..pagination import paginate
from ..web import authenticate, endpoint, idempotent, json_body, page_params

if TYPE_CHECKING:
    from ...simulator import Simulator


def routes(sim: Simulator) -> list[Route]:
    async def list_projects(request: Request) -> Response:
        principal = authenticate(request, sim)
        limit, cursor = page_params(request)
        page = paginate(
            sim.iam.projects_of(principal),
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
            project = audited(
                request, sim, principal, "project.create",
                lambda: sim.iam.create_project(principal, body.name, body.description),
                resource_type="project", resource_id=lambda p: p.id,
            )  # fmt: skip
            return 201, project.to_json()

        return idempotent(request, sim, principal, raw, run)

    async def get_project(request: Request) -> Response:
        principal = authenticate(request, sim)
        return JSONResponse(sim.iam.project(principal, request.path_params["project_id"]).to_json())

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
        project_id = request.path_params["project_id"]
        project = audited(
            request, sim, principal, "project.update",
            lambda: sim.iam.update_project(principal, project_id, changes),
            resource_type="project", resource_id=project_id,
        )  # fmt: skip
        return JSONResponse(project.to_json())

    async def delete_project(request: Request) -> Response:
        principal = authenticate(request, sim)
        project_id = request.path_params["project_id"]
        audited(
            request, sim, principal, "project.delete",
            lambda: sim.iam.delete_project(principal, project_id),
            resource_type="project", resource_id=project_id,
        )  # fmt: skip
        return Response(status_code=204)

    return [
        endpoint("/v1/projects", GET=list_projects, POST=create_project),
        endpoint(
            "/v1/projects/{project_id}",
            GET=get_project,
            PATCH=update_project,
            DELETE=delete_project,
        ),
        *membership_routes(sim, project_scope(sim)),
    ]
