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


def _budget(call: Call, project_id: str) -> dict[str, Any]:
    sim = call.sim
    budget = sim.budgets.budget_of(project_id)
    spent, committed = sim.admission.project_usage(project_id, sim.clock.now())
    amount = budget.monthly_budget_minor if budget else None
    return {
        "project_id": project_id,
        "monthly_budget_minor": amount,
        "currency": budget.currency if budget else "USD",
        "spent_minor": spent,
        "committed_minor": committed,
        "headroom_minor": None if amount is None else max(0, amount - spent - committed),
    }


@operation("getProjectBudget")
def get_project_budget(call: Call) -> dict[str, Any]:
    return _budget(call, call.sim.budgets.visible(call.caller, call.path["project_id"]))


@operation("setProjectBudget")
def set_project_budget(call: Call) -> dict[str, Any]:
    body, project_id = call.body, call.path["project_id"]
    call.sim.budgets.set(call.caller, project_id, body["monthly_budget_minor"], body["currency"])
    return _budget(call, project_id)
