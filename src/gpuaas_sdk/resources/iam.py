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
    IamRole,
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
from .._core.pagination import AsyncPager, SyncPager
from ._base import AsyncResource, SyncResource

__all__ = ["AsyncIamResource", "IamResource"]


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


class IamResource(SyncResource):
    def list_tenants(self, *, page_size: int | None = None) -> SyncPager[Tenant]:
        """The tenants the caller can see (its own), fetched lazily."""
        return SyncPager(lambda c: self._run(_list_tenants(c, page_size)))

    def get_tenant(self, tenant_id: str) -> Tenant:
        """One tenant with its quotas; `TenantNotFound` also for one the caller cannot see."""
        return self._run(_get_tenant(tenant_id))

    def list_memberships(
        self, tenant_id: str, *, principal_kind: str | None = None, page_size: int | None = None
    ) -> SyncPager[TenantMembership]:
        """The tenant's members, oldest first (optionally only `human`, `agent` or `service`)."""
        return SyncPager(
            lambda c: self._run(_list_memberships(tenant_id, c, principal_kind, page_size))
        )

    def add_membership(
        self, tenant_id: str, *, principal_id: str, role: str, idempotency_key: str | None = None
    ) -> TenantMembership:
        """Make a principal a member with a tenant-scoped role (needs `tenant_admin`)."""
        return self._run(_add_membership(tenant_id, principal_id, role, idempotency_key))

    def remove_membership(self, tenant_id: str, principal_id: str) -> None:
        """Remove a member, and its project memberships in the tenant (needs `tenant_admin`)."""
        self._run(_remove_membership(tenant_id, principal_id))

    def list_roles(
        self, *, scope: str | None = None, page_size: int | None = None
    ) -> SyncPager[IamRole]:
        """The grantable roles (optionally only `tenant` or `project` ones) and permissions."""
        return SyncPager(lambda c: self._run(_list_roles(c, scope, page_size)))


class AsyncIamResource(AsyncResource):
    def list_tenants(self, *, page_size: int | None = None) -> AsyncPager[Tenant]:
        """The tenants the caller can see (its own), fetched lazily."""
        return AsyncPager(lambda c: self._run(_list_tenants(c, page_size)))

    async def get_tenant(self, tenant_id: str) -> Tenant:
        """One tenant with its quotas; `TenantNotFound` also for one the caller cannot see."""
        return await self._run(_get_tenant(tenant_id))

    def list_memberships(
        self, tenant_id: str, *, principal_kind: str | None = None, page_size: int | None = None
    ) -> AsyncPager[TenantMembership]:
        """The tenant's members, oldest first (optionally only `human`, `agent` or `service`)."""
        return AsyncPager(
            lambda c: self._run(_list_memberships(tenant_id, c, principal_kind, page_size))
        )

    async def add_membership(
        self, tenant_id: str, *, principal_id: str, role: str, idempotency_key: str | None = None
    ) -> TenantMembership:
        """Make a principal a member with a tenant-scoped role (needs `tenant_admin`)."""
        return await self._run(_add_membership(tenant_id, principal_id, role, idempotency_key))

    async def remove_membership(self, tenant_id: str, principal_id: str) -> None:
        """Remove a member, and its project memberships in the tenant (needs `tenant_admin`)."""
        await self._run(_remove_membership(tenant_id, principal_id))

    def list_roles(
        self, *, scope: str | None = None, page_size: int | None = None
    ) -> AsyncPager[IamRole]:
        """The grantable roles (optionally only `tenant` or `project` ones) and permissions."""
        return AsyncPager(lambda c: self._run(_list_roles(c, scope, page_size)))
