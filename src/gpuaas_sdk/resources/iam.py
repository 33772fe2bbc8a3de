"""`client.iam`: tenants, tenant memberships and the grantable roles."""

from __future__ import annotations

from gpuaas_api.api.iam import (
    add_tenant_membership,
    get_tenant,
    list_roles,
    list_tenant_memberships,
    list_tenants,
    remove_tenant_membership,
)
from gpuaas_api.models import (
    IamRolePage,
    IamRoleScope,
    PrincipalKind,
    Tenant,
    TenantMembership,
    TenantMembershipCreate,
    TenantMembershipPage,
    TenantPage,
)

from .._core.call import Call, unset_if_none


def _list_tenants(cursor: str | None, limit: int | None) -> Call[TenantPage]:
    return Call(
        list_tenants, {"cursor": unset_if_none(cursor), "limit": unset_if_none(limit)}, TenantPage
    )


def _get_tenant(tenant_id: str) -> Call[Tenant]:
    return Call(get_tenant, {"tenant_id": tenant_id}, Tenant)


def _list_memberships(
    tenant_id: str, cursor: str | None, principal_kind: str | None, limit: int | None
) -> Call[TenantMembershipPage]:
    return Call(
        list_tenant_memberships,
        {
            "tenant_id": tenant_id,
            "cursor": unset_if_none(cursor),
            "principal_kind": unset_if_none(
                PrincipalKind(principal_kind) if principal_kind else None
            ),
            "limit": unset_if_none(limit),
        },
        TenantMembershipPage,
    )


def _add_membership(
    tenant_id: str, principal_id: str, role: str, idempotency_key: str | None
) -> Call[TenantMembership]:
    return Call(
        add_tenant_membership,
        {
            "tenant_id": tenant_id,
            "body": TenantMembershipCreate(principal_id=principal_id, role=role),
            "idempotency_key": unset_if_none(idempotency_key),
        },
        TenantMembership,
    )


def _remove_membership(tenant_id: str, principal_id: str) -> Call[None]:
    return Call(
        remove_tenant_membership, {"tenant_id": tenant_id, "principal_id": principal_id}, type(None)
    )


def _list_roles(cursor: str | None, scope: str | None, limit: int | None) -> Call[IamRolePage]:
    return Call(
        list_roles,
        {
            "cursor": unset_if_none(cursor),
            "scope": unset_if_none(IamRoleScope(scope) if scope else None),
            "limit": unset_if_none(limit),
        },
        IamRolePage,
    )
