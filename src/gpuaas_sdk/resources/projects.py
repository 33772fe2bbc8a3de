"""`client.projects`: projects of the caller's tenant and, under `.memberships`, their members."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Any

from gpuaas_api.api.projects import (
    add_project_membership,
    create_project,
    delete_project,
    get_project,
    list_project_memberships,
    list_projects,
    remove_project_membership,
    update_project,
)
from gpuaas_api.models import (
    PrincipalKind,
    Project,
    ProjectCreate,
    ProjectMembership,
    ProjectMembershipCreate,
    ProjectMembershipPage,
    ProjectPage,
    ProjectUpdate,
)

from .._core.call import Call, unset_if_none
from .._core.pagination import AsyncPager, SyncPager
from ..errors import ArgumentError
from ._base import AsyncResource, SyncResource

if TYPE_CHECKING:
    from gpuaas_api.client import Client as GeneratedClient

__all__ = [
    "KEEP",
    "AsyncProjectMembershipsResource",
    "AsyncProjectsResource",
    "ProjectMembershipsResource",
    "ProjectsResource",
]


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


class ProjectMembershipsResource(SyncResource):
    def list(
        self, project_id: str, *, principal_kind: str | None = None, page_size: int | None = None
    ) -> SyncPager[ProjectMembership]:
        """The project's members, oldest first."""
        return SyncPager(
            lambda c: self._run(_list_members(project_id, c, principal_kind, page_size))
        )

    def add(
        self, project_id: str, *, principal_id: str, role: str, idempotency_key: str | None = None
    ) -> ProjectMembership:
        """Grant a member of the tenant a project-scoped role on the project."""
        return self._run(_add_member(project_id, principal_id, role, idempotency_key))

    def remove(self, project_id: str, principal_id: str) -> None:
        """Remove a principal from the project; it stays a member of the tenant."""
        self._run(_remove_member(project_id, principal_id))


class AsyncProjectMembershipsResource(AsyncResource):
    def list(
        self, project_id: str, *, principal_kind: str | None = None, page_size: int | None = None
    ) -> AsyncPager[ProjectMembership]:
        """The project's members, oldest first."""
        return AsyncPager(
            lambda c: self._run(_list_members(project_id, c, principal_kind, page_size))
        )

    async def add(
        self, project_id: str, *, principal_id: str, role: str, idempotency_key: str | None = None
    ) -> ProjectMembership:
        """Grant a member of the tenant a project-scoped role on the project."""
        return await self._run(_add_member(project_id, principal_id, role, idempotency_key))

    async def remove(self, project_id: str, principal_id: str) -> None:
        """Remove a principal from the project; it stays a member of the tenant."""
        await self._run(_remove_member(project_id, principal_id))


class ProjectsResource(SyncResource):
    def __init__(self, raw: GeneratedClient) -> None:
        super().__init__(raw)
        self.memberships = ProjectMembershipsResource(raw)

    def list(self, *, page_size: int | None = None) -> SyncPager[Project]:
        """The projects the caller can see, oldest first, fetched lazily."""
        return SyncPager(lambda c: self._run(_list(c, page_size)))

    def create(
        self, *, name: str, description: str | None = None, idempotency_key: str | None = None
    ) -> Project:
        """A new project (needs `tenant_admin`); the caller becomes its `project_admin`."""
        return self._run(_create(name, description, idempotency_key))

    def get(self, project_id: str) -> Project:
        return self._run(_get(project_id))

    def update(
        self,
        project_id: str,
        *,
        name: str | None = None,
        description: str | _Keep | None = KEEP,
    ) -> Project:
        """Rename the project or change its description; `description=None` clears it."""
        return self._run(_update(project_id, name, description))

    def delete(self, project_id: str) -> None:
        """Delete an empty project; `ProjectNotEmpty` while it holds live resources."""
        self._run(_delete(project_id))


class AsyncProjectsResource(AsyncResource):
    def __init__(self, raw: GeneratedClient) -> None:
        super().__init__(raw)
        self.memberships = AsyncProjectMembershipsResource(raw)

    def list(self, *, page_size: int | None = None) -> AsyncPager[Project]:
        """The projects the caller can see, oldest first, fetched lazily."""
        return AsyncPager(lambda c: self._run(_list(c, page_size)))

    async def create(
        self, *, name: str, description: str | None = None, idempotency_key: str | None = None
    ) -> Project:
        """A new project (needs `tenant_admin`); the caller becomes its `project_admin`."""
        return await self._run(_create(name, description, idempotency_key))

    async def get(self, project_id: str) -> Project:
        return await self._run(_get(project_id))

    async def update(
        self,
        project_id: str,
        *,
        name: str | None = None,
        description: str | _Keep | None = KEEP,
    ) -> Project:
        """Rename the project or change its description; `description=None` clears it."""
        return await self._run(_update(project_id, name, description))

    async def delete(self, project_id: str) -> None:
        """Delete an empty project; `ProjectNotEmpty` while it holds live resources."""
        await self._run(_delete(project_id))
