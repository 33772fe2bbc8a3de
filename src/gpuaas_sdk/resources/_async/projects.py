"""`client.projects`: projects of the caller's tenant and, under `.memberships`, their members."""

from __future__ import annotations

from typing import TYPE_CHECKING, Unpack

from gpuaas_api.models import (
    Project,
    ProjectBudget,
    ProjectMembership,
)

from ..._core._async.pager import AsyncPager
from .._lazy import RawResponses
from ._base import AsyncAPIResource

if TYPE_CHECKING:
    from gpuaas_api.client import Client as GeneratedClient

    from .._raw import (
        AsyncProjectMembershipsResourceWithRawResponse,
        AsyncProjectsResourceWithRawResponse,
    )
from ..._core.call import RequestOptions
from ..projects import (
    KEEP,
    _add_member,
    _create,
    _delete,
    _get,
    _get_budget,
    _Keep,
    _list,
    _list_members,
    _remove_member,
    _set_budget,
    _update,
)


class AsyncProjectMembershipsResource(AsyncAPIResource):
    with_raw_response: RawResponses[AsyncProjectMembershipsResourceWithRawResponse] = RawResponses()
    """Each method, returning its HTTP answer beside its result (`RawResponse`)."""

    def list(
        self,
        project_id: str,
        *,
        principal_kind: str | None = None,
        page_size: int | None = None,
        **options: Unpack[RequestOptions],
    ) -> AsyncPager[ProjectMembership]:
        """The project's members, oldest first."""
        return AsyncPager(
            lambda c: self._run(_list_members(project_id, c, principal_kind, page_size), options)
        )

    async def add(
        self,
        project_id: str,
        *,
        principal_id: str,
        role: str,
        idempotency_key: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> ProjectMembership:
        """Grant a member of the tenant a project-scoped role on the project."""
        return await self._run(
            _add_member(project_id, principal_id, role, idempotency_key), options
        )

    async def remove(
        self, project_id: str, principal_id: str, **options: Unpack[RequestOptions]
    ) -> None:
        """Remove a principal from the project; it stays a member of the tenant."""
        await self._run(_remove_member(project_id, principal_id), options)


class AsyncProjectsResource(AsyncAPIResource):
    with_raw_response: RawResponses[AsyncProjectsResourceWithRawResponse] = RawResponses()
    """Each method, returning its HTTP answer beside its result (`RawResponse`)."""

    def __init__(self, raw: GeneratedClient) -> None:
        super().__init__(raw)
        self.memberships = AsyncProjectMembershipsResource(raw)

    def list(
        self, *, page_size: int | None = None, **options: Unpack[RequestOptions]
    ) -> AsyncPager[Project]:
        """The projects the caller can see, oldest first, fetched lazily."""
        return AsyncPager(lambda c: self._run(_list(c, page_size), options))

    async def create(
        self,
        *,
        name: str,
        description: str | None = None,
        idempotency_key: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> Project:
        """A new project (needs `tenant_admin`); the caller becomes its `project_admin`."""
        return await self._run(_create(name, description, idempotency_key), options)

    async def get(self, project_id: str, **options: Unpack[RequestOptions]) -> Project:
        """One project by id; `ProjectNotFound` if the caller cannot see it."""
        return await self._run(_get(project_id), options)

    async def update(
        self,
        project_id: str,
        *,
        name: str | None = None,
        description: str | _Keep | None = KEEP,
        **options: Unpack[RequestOptions],
    ) -> Project:
        """Rename the project or change its description; `description=None` clears it."""
        return await self._run(_update(project_id, name, description), options)

    async def delete(self, project_id: str, **options: Unpack[RequestOptions]) -> None:
        """Delete an empty project; `ProjectNotEmpty` while it holds live resources."""
        await self._run(_delete(project_id), options)

    async def get_budget(self, project_id: str, **options: Unpack[RequestOptions]) -> ProjectBudget:
        """The project's monthly budget with what is spent and committed against it now.

        `monthly_budget_minor` is None when the project has no budget.
        """
        return await self._run(_get_budget(project_id), options)

    async def set_budget(
        self,
        project_id: str,
        monthly_budget_minor: int | None,
        *,
        currency: str = "USD",
        **options: Unpack[RequestOptions],
    ) -> ProjectBudget:
        """Set the project's monthly budget (None removes it); project or tenant admins.

        From then on every create that costs in the project (allocations, fleets, holds,
        reservations) is admitted only if the month's spend plus what is committed plus
        its own commitment stays within it: `BudgetExceeded` otherwise.
        """
        return await self._run(_set_budget(project_id, monthly_budget_minor, currency), options)
