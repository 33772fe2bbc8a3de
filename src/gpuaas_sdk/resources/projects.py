"""`client.projects`: projects of the caller's tenant and, under `.memberships`, their members."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Any

from gpuaas_api.api.projects import (
    add_project_membership,
    create_project,
    delete_project,
    get_project,
    get_project_budget,
    list_project_memberships,
    list_projects,
    remove_project_membership,
    set_project_budget,
    update_project,
)
from gpuaas_api.models import (
    PrincipalKind,
    Project,
    ProjectBudget,
    ProjectBudgetUpdate,
    ProjectCreate,
    ProjectMembership,
    ProjectMembershipCreate,
    ProjectMembershipPage,
    ProjectPage,
    ProjectUpdate,
)

from .._core.call import Call, unset_if_none
from ..errors import ArgumentError

if TYPE_CHECKING:
    pass


class _Keep(Enum):
    KEEP = "keep"


KEEP = _Keep.KEEP
"""Default of `update(description=...)`: leave it as it is (None clears it)."""


def _list(cursor: str | None, limit: int | None) -> Call[ProjectPage]:
    return Call(
        list_projects, {"cursor": unset_if_none(cursor), "limit": unset_if_none(limit)}, ProjectPage
    )


def _create(name: str, description: str | None, idempotency_key: str | None) -> Call[Project]:
    body = ProjectCreate(name=name, description=unset_if_none(description))
    return Call(
        create_project, {"body": body, "idempotency_key": unset_if_none(idempotency_key)}, Project
    )


def _get(project_id: str) -> Call[Project]:
    return Call(get_project, {"project_id": project_id}, Project)


def _update(project_id: str, name: str | None, description: str | _Keep | None) -> Call[Project]:
    changes: dict[str, Any] = {}
    if name is not None:
        changes["name"] = name
    if description is not KEEP:
        changes["description"] = description
    if not changes:
        raise ArgumentError("update() needs `name` or `description` (None clears it)")
    return Call(
        update_project, {"project_id": project_id, "body": ProjectUpdate(**changes)}, Project
    )


def _delete(project_id: str) -> Call[None]:
    return Call(delete_project, {"project_id": project_id}, type(None))


def _list_members(
    project_id: str, cursor: str | None, principal_kind: str | None, limit: int | None
) -> Call[ProjectMembershipPage]:
    return Call(
        list_project_memberships,
        {
            "project_id": project_id,
            "cursor": unset_if_none(cursor),
            "principal_kind": unset_if_none(
                PrincipalKind(principal_kind) if principal_kind else None
            ),
            "limit": unset_if_none(limit),
        },
        ProjectMembershipPage,
    )


def _add_member(
    project_id: str, principal_id: str, role: str, idempotency_key: str | None
) -> Call[ProjectMembership]:
    return Call(
        add_project_membership,
        {
            "project_id": project_id,
            "body": ProjectMembershipCreate(principal_id=principal_id, role=role),
            "idempotency_key": unset_if_none(idempotency_key),
        },
        ProjectMembership,
    )


def _remove_member(project_id: str, principal_id: str) -> Call[None]:
    return Call(
        remove_project_membership,
        {"project_id": project_id, "principal_id": principal_id},
        type(None),
    )


def _get_budget(project_id: str) -> Call[ProjectBudget]:
    return Call(get_project_budget, {"project_id": project_id}, ProjectBudget)


def _set_budget(project_id: str, amount_minor: int | None, currency: str) -> Call[ProjectBudget]:
    body = ProjectBudgetUpdate(monthly_budget_minor=amount_minor, currency=currency)
    return Call(set_project_budget, {"project_id": project_id, "body": body}, ProjectBudget)
