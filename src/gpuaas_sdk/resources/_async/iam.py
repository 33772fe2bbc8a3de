"""`client.iam`: tenants, tenant memberships and the grantable roles."""

from __future__ import annotations

from typing import TYPE_CHECKING, Unpack

from gpuaas_api.models import (
    IamRole,
    Tenant,
    TenantMembership,
)

from ..._core._async.pager import AsyncPager
from ..._core.call import RequestOptions
from .._lazy import RawResponses
from ..iam import (
    _add_membership,
    _get_tenant,
    _list_memberships,
    _list_roles,
    _list_tenants,
    _remove_membership,
)
from ._base import AsyncAPIResource

if TYPE_CHECKING:
    from .._raw import AsyncIamResourceWithRawResponse


class AsyncIamResource(AsyncAPIResource):
    with_raw_response: RawResponses[AsyncIamResourceWithRawResponse] = RawResponses()
    """Each method, returning its HTTP answer beside its result (`RawResponse`)."""

    def list_tenants(
        self, *, page_size: int | None = None, **options: Unpack[RequestOptions]
    ) -> AsyncPager[Tenant]:
        """The tenants the caller can see (its own), fetched lazily."""
        return AsyncPager(lambda c: self._run(_list_tenants(c, page_size), options))

    async def get_tenant(self, tenant_id: str, **options: Unpack[RequestOptions]) -> Tenant:
        """One tenant with its quotas; `TenantNotFound` also for one the caller cannot see."""
        return await self._run(_get_tenant(tenant_id), options)

    def list_memberships(
        self,
        tenant_id: str,
        *,
        principal_kind: str | None = None,
        page_size: int | None = None,
        **options: Unpack[RequestOptions],
    ) -> AsyncPager[TenantMembership]:
        """The tenant's members, oldest first (optionally only `human`, `agent` or `service`)."""
        return AsyncPager(
            lambda c: self._run(_list_memberships(tenant_id, c, principal_kind, page_size), options)
        )

    async def add_membership(
        self,
        tenant_id: str,
        *,
        principal_id: str,
        role: str,
        idempotency_key: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> TenantMembership:
        """Make a principal a member with a tenant-scoped role (needs `tenant_admin`)."""
        return await self._run(
            _add_membership(tenant_id, principal_id, role, idempotency_key), options
        )

    async def remove_membership(
        self, tenant_id: str, principal_id: str, **options: Unpack[RequestOptions]
    ) -> None:
        """Remove a member, and its project memberships in the tenant (needs `tenant_admin`)."""
        await self._run(_remove_membership(tenant_id, principal_id), options)

    def list_roles(
        self,
        *,
        scope: str | None = None,
        page_size: int | None = None,
        **options: Unpack[RequestOptions],
    ) -> AsyncPager[IamRole]:
        """The grantable roles (optionally only `tenant` or `project` ones) and permissions."""
        return AsyncPager(lambda c: self._run(_list_roles(c, scope, page_size), options))
