"""Memberships of a tenant or a project: list, add, remove (one shape, two scopes).

`/v1/tenants/{tenant_id}/memberships*` and `/v1/projects/{project_id}/memberships*`
differ only in the scope they name and the IAM rules behind them.
"""

from __future__ import annotations

from typing import Any

from ..pagination import page_of
from ..registry import Call, operation

PRINCIPAL_KINDS = frozenset({"human", "agent", "service"})


def _listing(call: Call, scope: str) -> dict[str, Any]:
    iam, field = call.sim.iam, f"{scope}_id"
    lister = iam.tenant_memberships if scope == "tenant" else iam.project_memberships
    kind = call.query.get("principal_kind")
    found = lister(call.caller, call.path[field])
    return page_of(
        call.query,
        [m for m in found if kind in (None, m.member.kind)],
        kind=f"{scope}-memberships",
        position=lambda m: m.seq,
        render=lambda m: m.to_json(field),
    )


def _add(call: Call, scope: str) -> dict[str, Any]:
    iam, field = call.sim.iam, f"{scope}_id"
    add = iam.add_tenant_membership if scope == "tenant" else iam.add_project_membership
    membership = add(call.caller, call.path[field], call.body["principal_id"], call.body["role"])
    return membership.to_json(field)


def _remove(call: Call, scope: str) -> None:
    iam = call.sim.iam
    remove = iam.remove_tenant_membership if scope == "tenant" else iam.remove_project_membership
    remove(call.caller, call.path[f"{scope}_id"], call.path["principal_id"])


@operation("listTenantMemberships")
def list_tenant_memberships(call: Call) -> dict[str, Any]:
    return _listing(call, "tenant")


@operation("addTenantMembership")
def add_tenant_membership(call: Call) -> dict[str, Any]:
    return _add(call, "tenant")


@operation("removeTenantMembership")
def remove_tenant_membership(call: Call) -> None:
    _remove(call, "tenant")


@operation("listProjectMemberships")
def list_project_memberships(call: Call) -> dict[str, Any]:
    return _listing(call, "project")


@operation("addProjectMembership")
def add_project_membership(call: Call) -> dict[str, Any]:
    return _add(call, "project")


@operation("removeProjectMembership")
def remove_project_membership(call: Call) -> None:
    _remove(call, "project")
