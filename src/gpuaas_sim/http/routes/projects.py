"""Projects of the caller's tenant (their memberships are in `memberships.py`)."""

from __future__ import annotations

from typing import Any

from ..pagination import page_of
from ..registry import Call, operation


@operation("listProjects")
def list_projects(call: Call) -> dict[str, Any]:
    return page_of(
        call.query,
        call.sim.iam.projects_of(call.caller),
        kind="projects",
        position=lambda p: p.seq,
        render=lambda p: p.to_json(),
    )


@operation("createProject")
def create_project(call: Call) -> dict[str, Any]:
    body = call.body
    return call.sim.iam.create_project(call.caller, body["name"], body.get("description")).to_json()


@operation("getProject")
def get_project(call: Call) -> dict[str, Any]:
    return call.sim.iam.project(call.caller, call.path["project_id"]).to_json()


@operation("updateProject")
def update_project(call: Call) -> dict[str, Any]:
    # Only the fields sent change (the contract asks for at least one).
    changes = dict(call.body)
    return call.sim.iam.update_project(call.caller, call.path["project_id"], changes).to_json()


@operation("deleteProject")
def delete_project(call: Call) -> None:
    call.sim.iam.delete_project(call.caller, call.path["project_id"])
