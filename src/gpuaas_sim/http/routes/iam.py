"""Tenants and the grantable roles (memberships are in `memberships.py`)."""

from __future__ import annotations

from typing import Any

from ...platform.iam import ROLES
from ..pagination import page_of
from ..registry import Call, operation


@operation("listTenants")
def list_tenants(call: Call) -> dict[str, Any]:
    return page_of(
        call.query,
        call.sim.iam.tenants_of(call.caller),
        kind="tenants",
        position=lambda t: t.seq,
        render=lambda t: t.to_json(),
    )


@operation("getTenant")
def get_tenant(call: Call) -> dict[str, Any]:
    return call.sim.iam.tenant(call.caller, call.path["tenant_id"]).to_json()


@operation("listRoles")
def list_roles(call: Call) -> dict[str, Any]:
    scope = call.query.get("scope")
    order = {role.name: index for index, role in enumerate(ROLES)}
    return page_of(
        call.query,
        [r for r in ROLES if scope in (None, r.scope)],
        kind="roles",
        position=lambda r: order[r.name],
        render=lambda r: r.to_json(),
    )
