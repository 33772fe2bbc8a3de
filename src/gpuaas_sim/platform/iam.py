"""Tenants, projects, their memberships and the roles that gate them.

The memberships here, not the roles frozen into a token at login, decide what a
caller may do: removing a member or changing a role takes effect on its next call.

Seed (matching `identity.py`): tenant `tnt-acme` with project `prj-default`;
`dev-user` is its `tenant_member` and the `project_admin` of `prj-default`;
`admin-user` / `admin123` is its `tenant_admin` (admin-only operations such as
creating projects or adding tenant members need it) and a `platform_admin` (the
fleet, ops and audit operations need that). `usr-jane` exists but
belongs to no tenant (someone to add). A second tenant, `tnt-globex`, shows
that other tenants stay invisible.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from ..runtime.clock import SimClock, format_time
from ..runtime.state_codec import PersistedFields
from .errors import ApiError
from .identity import DEV_PRINCIPAL, Principal

__all__ = [
    "ADMIN_PASSWORD",
    "ADMIN_PRINCIPAL",
    "ADMIN_USERNAME",
    "ROLES",
    "Directory",
    "IamBook",
    "Membership",
    "Project",
    "Role",
    "Tenant",
]

ADMIN_USERNAME = "admin-user"
ADMIN_PASSWORD = "admin123"
ADMIN_PRINCIPAL = Principal(
    principal_id="usr-admin-user",
    kind="human",
    display_name=ADMIN_USERNAME,
    tenant_id="tnt-acme",
    default_project_id="prj-default",
    roles=("tenant_admin", "platform_admin"),
    project_ids=("prj-default",),
)


@dataclass(frozen=True)
class Role:
    name: str
    description: str
    scope: str
    permissions: tuple[str, ...]
    rank: int
    """Within a scope, a higher rank holds everything a lower one does."""

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "description": self.description,
            "scope": self.scope,
            "permissions": list(self.permissions),
        }


_PROJECT_WORK = (
    "allocations:read",
    "allocations:write",
    "apps:read",
    "apps:write",
    "storage:read",
    "storage:write",
)
ROLES: tuple[Role, ...] = (
    Role(
        "tenant_admin",
        "Manage the tenant, its members, projects, service accounts and billing.",
        "tenant",
        (
            "tenants:read",
            "tenants:write",
            "memberships:read",
            "memberships:write",
            "projects:read",
            "projects:write",
            "service_accounts:read",
            "service_accounts:write",
            "billing:read",
            "billing:write",
        ),
        2,
    ),
    Role(
        "tenant_member",
        "See the tenant, its members and the projects one belongs to.",
        "tenant",
        ("tenants:read", "memberships:read", "projects:read", "service_accounts:read"),
        1,
    ),
    Role(
        "project_admin",
        "Manage the project, its members and service accounts, and work in it.",
        "project",
        (
            "projects:read",
            "projects:write",
            "memberships:write",
            "service_accounts:write",
            *_PROJECT_WORK,
        ),
        3,
    ),
    Role(
        "project_member",
        "Create and manage allocations, apps and storage in the project.",
        "project",
        _PROJECT_WORK,
        2,
    ),
    Role(
        "project_viewer",
        "See the project's allocations, apps and storage.",
        "project",
        ("allocations:read", "apps:read", "storage:read"),
        1,
    ),
)
_ROLES_BY_NAME = {role.name: role for role in ROLES}


@dataclass(frozen=True)
class Quotas:
    max_gpus: int
    max_projects: int
    storage_bytes: int


@dataclass
class Tenant:
    id: str
    seq: int
    name: str
    created_at: datetime
    default_project_id: str | None
    quotas: Quotas
    currency: str = "USD"

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "created_at": format_time(self.created_at),
            "default_project_id": self.default_project_id,
            "quotas": {
                "max_gpus": self.quotas.max_gpus,
                "max_projects": self.quotas.max_projects,
                "storage_bytes": self.quotas.storage_bytes,
            },
        }


@dataclass
class Project:
    id: str
    seq: int
    tenant_id: str
    name: str
    description: str | None
    created_at: datetime
    updated_at: datetime

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "tenant_id": self.tenant_id,
            "name": self.name,
            "description": self.description,
            "created_at": format_time(self.created_at),
            "updated_at": format_time(self.updated_at),
        }


@dataclass(frozen=True)
class Member:
    """A principal that can be granted roles: a user or a service account."""

    principal_id: str
    kind: str
    display_name: str


@dataclass(frozen=True)
class Membership:
    """`scope_id` is a tenant id (tenant role) or a project id (project role)."""

    scope_id: str
    member: Member
    role: str
    created_at: datetime
    seq: int

    def to_json(self, scope_field: str) -> dict[str, Any]:
        return {
            scope_field: self.scope_id,
            "principal_id": self.member.principal_id,
            "principal_kind": self.member.kind,
            "display_name": self.member.display_name,
            "role": self.role,
            "created_at": format_time(self.created_at),
        }


@dataclass
class Directory:
    """Every principal the platform knows, by id."""

    members: dict[str, Member] = field(default_factory=dict)

    def add(self, member: Member) -> None:
        self.members[member.principal_id] = member

    def find(self, principal_id: str) -> Member:
        member = self.members.get(principal_id)
        if member is None:
            raise ApiError(
                "not_found",
                f"No user or service account {principal_id!r}.",
                details={"principal_id": principal_id},
            )
        return member


def role_named(name: str, scope: str) -> Role:
    """The role, 404 `role_not_found` if unknown, 422 if granted at the wrong scope."""
    role = _ROLES_BY_NAME.get(name)
    if role is None:
        raise ApiError("role_not_found", f"No role {name!r}.", details={"role": name})
    if role.scope != scope:
        raise ApiError(
            "validation_error",
            f"Role {name} is granted on a {role.scope}, not on a {scope}.",
            details={"errors": [{"field": "role", "reason": f"must be a {scope}-scoped role"}]},
        )
    return role


def forbidden(message: str, needed: str) -> ApiError:
    return ApiError("insufficient_permissions", message, details={"required_role": needed})


ProjectHolder = Callable[[str, datetime], int]
"""How many live things of one kind a project holds (allocations, instances...)."""


class IamBook(PersistedFields):
    """Tenants, projects and memberships, with the permission rules of the contract."""

    def __init__(self, clock: SimClock, seed: int, max_projects: int) -> None:
        self.clock = clock
        self.directory = Directory()
        self.tenants: dict[str, Tenant] = {}
        self.projects: dict[str, Project] = {}
        self.tenant_members: dict[tuple[str, str], Membership] = {}
        self.project_members: dict[tuple[str, str], Membership] = {}
        self.project_holders: dict[str, ProjectHolder] = {}
        """Kinds of things that keep a project from being deleted; areas register theirs."""
        self.lock = threading.RLock()
        self._rng = random.Random(f"iam-{seed}")
        self._seq = 0
        self._seed(max_projects)

    # -- seed ------------------------------------------------------------------

    def _seed(self, max_projects: int) -> None:
        now = self.clock.now()
        quotas = Quotas(max_gpus=64, max_projects=max_projects, storage_bytes=10 * 1024**4)
        dev = Member(DEV_PRINCIPAL.principal_id, "human", DEV_PRINCIPAL.display_name)
        admin = Member(ADMIN_PRINCIPAL.principal_id, "human", ADMIN_PRINCIPAL.display_name)
        wile = Member("usr-wile", "human", "wile")
        for member in (dev, admin, wile, Member("usr-jane", "human", "jane")):
            self.directory.add(member)
        for tenant_id, name, project_id, admins, members in (
            ("tnt-acme", "acme", "prj-default", [admin], [dev]),
            ("tnt-globex", "globex", "prj-globex-default", [wile], []),
        ):
            self.tenants[tenant_id] = Tenant(tenant_id, self._next(), name, now, project_id, quotas)
            self.projects[project_id] = Project(
                project_id, self._next(), tenant_id, "default", None, now, now
            )
            for member in admins:
                self.grant(self.tenant_members, tenant_id, member, "tenant_admin", now)
            for member in members:
                self.grant(self.tenant_members, tenant_id, member, "tenant_member", now)
            for member in [*admins, *members]:
                self.grant(self.project_members, project_id, member, "project_admin", now)

    def _next(self) -> int:
        self._seq += 1
        return self._seq

    def grant(
        self,
        table: dict[tuple[str, str], Membership],
        scope_id: str,
        member: Member,
        role: str,
        now: datetime,
    ) -> Membership:
        membership = Membership(scope_id, member, role, now, self._next())
        table[(scope_id, member.principal_id)] = membership
        return membership

    # -- who may do what ---------------------------------------------------------

    def tenant_role(self, principal_id: str, tenant_id: str) -> Role | None:
        membership = self.tenant_members.get((tenant_id, principal_id))
        return _ROLES_BY_NAME[membership.role] if membership else None

    def project_role(self, principal_id: str, project_id: str) -> Role | None:
        membership = self.project_members.get((project_id, principal_id))
        return _ROLES_BY_NAME[membership.role] if membership else None

    def current_view(self, principal: Principal) -> Principal:
        """The principal with the roles and projects it holds now, not those of its login.

        Tenant- and project-scoped roles are re-read from the memberships (a project
        role from its default project); other roles (`platform_admin`...) are kept.
        Principals the directory does not know are not managed here and pass unchanged.
        """
        pid = principal.principal_id
        with self.lock:
            if pid not in self.directory.members:
                return principal
            tenant_role = self.tenant_role(pid, principal.tenant_id)
            default = principal.default_project_id
            project_role = self.project_role(pid, default) if default else None
            roles: list[str] = []
            for name in principal.roles:
                role = _ROLES_BY_NAME.get(name)
                now_held = name if role is None else None
                if role is not None and role.scope == "tenant" and tenant_role:
                    now_held = tenant_role.name
                elif role is not None and role.scope == "project" and project_role:
                    now_held = project_role.name
                if now_held is not None and now_held not in roles:
                    roles.append(now_held)
            if tenant_role is not None and tenant_role.name not in roles:
                roles.insert(0, tenant_role.name)
            if tenant_role is None:
                projects: tuple[str, ...] = ()
            else:
                admin = tenant_role.name == "tenant_admin"
                projects = tuple(
                    p.id
                    for p in self._projects_of(principal.tenant_id)
                    if admin or (p.id, pid) in self.project_members
                )
        return replace(principal, roles=tuple(roles), project_ids=projects)

    def caller_tenant(self, caller: Principal) -> Tenant:
        """The caller's tenant; a principal removed from it no longer gets in (401)."""
        tenant = self.tenants.get(caller.tenant_id)
        if tenant is None or self.tenant_role(caller.principal_id, caller.tenant_id) is None:
            raise ApiError(
                "token_invalid",
                "The caller is no longer a member of its tenant.",
                headers={"WWW-Authenticate": 'Bearer realm="gpuaas", error="invalid_token"'},
            )
        return tenant

    def is_tenant_admin(self, caller: Principal) -> bool:
        role = self.tenant_role(caller.principal_id, self.caller_tenant(caller).id)
        return role is not None and role.name == "tenant_admin"

    def require_tenant_admin(self, caller: Principal, action: str) -> Tenant:
        tenant = self.caller_tenant(caller)
        if not self.is_tenant_admin(caller):
            raise forbidden(f"{action} needs the tenant_admin role.", "tenant_admin")
        return tenant

    def require_project_admin(self, caller: Principal, project: Project, action: str) -> None:
        if self.is_tenant_admin(caller):
            return
        role = self.project_role(caller.principal_id, project.id)
        if role is None or role.name != "project_admin":
            raise forbidden(
                f"{action} needs project_admin on {project.id} or tenant_admin.", "project_admin"
            )

    def holds(self, caller: Principal, role: Role, project_id: str | None) -> bool:
        """Whether the caller holds `role` (or a higher one of its scope) and may grant it."""
        if self.is_tenant_admin(caller):
            return True
        if role.scope == "tenant":
            held = self.tenant_role(caller.principal_id, caller.tenant_id)
        else:
            held = self.project_role(caller.principal_id, project_id) if project_id else None
        return held is not None and held.scope == role.scope and held.rank >= role.rank

    # -- tenants -----------------------------------------------------------------

    def tenants_of(self, caller: Principal) -> list[Tenant]:
        return [self.caller_tenant(caller)]

    def tenant(self, caller: Principal, tenant_id: str) -> Tenant:
        tenant = self.caller_tenant(caller)
        if tenant.id != tenant_id:
            raise ApiError(
                "tenant_not_found",
                f"No tenant {tenant_id!r} is visible to the caller.",
                details={"tenant_id": tenant_id},
            )
        return tenant

    def tenant_memberships(self, caller: Principal, tenant_id: str) -> list[Membership]:
        tenant = self.tenant(caller, tenant_id)
        found = [m for (t, _), m in self.tenant_members.items() if t == tenant.id]
        return sorted(found, key=lambda m: m.seq)

    def add_tenant_membership(
        self, caller: Principal, tenant_id: str, principal_id: str, role_name: str
    ) -> Membership:
        with self.lock:
            tenant = self.tenant(caller, tenant_id)
            self.require_tenant_admin(caller, "Adding a tenant member")
            member = self.directory.find(principal_id)
            role = role_named(role_name, "tenant")
            if (tenant.id, principal_id) in self.tenant_members:
                raise ApiError(
                    "already_exists",
                    f"{principal_id} is already a member of {tenant.id}.",
                    details={"tenant_id": tenant.id, "principal_id": principal_id},
                )
            return self.grant(self.tenant_members, tenant.id, member, role.name, self.clock.now())

    def remove_tenant_membership(
        self, caller: Principal, tenant_id: str, principal_id: str
    ) -> None:
        with self.lock:
            tenant = self.tenant(caller, tenant_id)
            self.require_tenant_admin(caller, "Removing a tenant member")
            membership = self.tenant_members.get((tenant.id, principal_id))
            if membership is None:
                raise ApiError(
                    "membership_not_found",
                    f"{principal_id} is not a member of {tenant.id}.",
                    details={"tenant_id": tenant.id, "principal_id": principal_id},
                )
            admins = [
                m
                for (t, _), m in self.tenant_members.items()
                if t == tenant.id and m.role == "tenant_admin"
            ]
            if membership.role == "tenant_admin" and len(admins) == 1:
                raise ApiError(
                    "invalid_state",
                    f"{principal_id} is the last tenant_admin of {tenant.id}.",
                    details={
                        "tenant_id": tenant.id,
                        "principal_id": principal_id,
                        "state": "last_tenant_admin",
                    },
                )
            del self.tenant_members[(tenant.id, principal_id)]
            for project in self._projects_of(tenant.id):
                self.project_members.pop((project.id, principal_id), None)

    # -- projects ----------------------------------------------------------------

    def _projects_of(self, tenant_id: str) -> list[Project]:
        found = [p for p in self.projects.values() if p.tenant_id == tenant_id]
        return sorted(found, key=lambda p: p.seq)

    def can_see_project(self, caller: Principal, project: Project) -> bool:
        if project.tenant_id != self.caller_tenant(caller).id:
            return False
        return self.is_tenant_admin(caller) or (
            (project.id, caller.principal_id) in self.project_members
        )

    def projects_of(self, caller: Principal) -> list[Project]:
        tenant = self.caller_tenant(caller)
        return [p for p in self._projects_of(tenant.id) if self.can_see_project(caller, p)]

    def project(self, caller: Principal, project_id: str) -> Project:
        project = self.projects.get(project_id)
        if project is None or not self.can_see_project(caller, project):
            raise ApiError(
                "project_not_found",
                f"No project {project_id!r} is visible to the caller.",
                details={"project_id": project_id},
            )
        return project

    def _check_name_free(self, tenant_id: str, name: str, keep: str | None = None) -> None:
        for project in self._projects_of(tenant_id):
            if project.name == name and project.id != keep:
                raise ApiError(
                    "already_exists",
                    f"The tenant already has a project named {name!r}.",
                    details={"name": name, "project_id": project.id},
                )

    def create_project(self, caller: Principal, name: str, description: str | None) -> Project:
        with self.lock:
            tenant = self.require_tenant_admin(caller, "Creating a project")
            self._check_name_free(tenant.id, name)
            count = len(self._projects_of(tenant.id))
            if count >= tenant.quotas.max_projects:
                raise ApiError(
                    "quota_exceeded",
                    f"The tenant has {count} projects, its max_projects quota.",
                    details={"quota": "max_projects", "limit": tenant.quotas.max_projects},
                )
            now = self.clock.now()
            project_id = f"prj-{self._rng.getrandbits(24):06x}"
            while project_id in self.projects:
                project_id = f"prj-{self._rng.getrandbits(24):06x}"
            project = Project(project_id, self._next(), tenant.id, name, description, now, now)
            self.projects[project_id] = project
            creator = self.directory.find(caller.principal_id)
            self.grant(self.project_members, project_id, creator, "project_admin", now)
            return project

    def update_project(
        self, caller: Principal, project_id: str, changes: dict[str, Any]
    ) -> Project:
        with self.lock:
            project = self.project(caller, project_id)
            self.require_project_admin(caller, project, "Updating a project")
            if "name" in changes:
                self._check_name_free(project.tenant_id, changes["name"], keep=project.id)
                project.name = changes["name"]
            if "description" in changes:
                project.description = changes["description"]
            project.updated_at = self.clock.now()
            return project

    def delete_project(self, caller: Principal, project_id: str) -> None:
        with self.lock:
            project = self.project(caller, project_id)
            tenant = self.require_tenant_admin(caller, "Deleting a project")
            if tenant.default_project_id == project.id:
                raise ApiError(
                    "invalid_state",
                    f"{project.id} is the tenant's default project.",
                    details={"project_id": project.id, "state": "default_project"},
                )
            now = self.clock.now()
            held = {kind: count(project.id, now) for kind, count in self.project_holders.items()}
            held = {kind: n for kind, n in held.items() if n}
            if held:
                raise ApiError(
                    "project_not_empty",
                    f"{project.id} still holds "
                    + ", ".join(f"{n} {kind}" for kind, n in held.items())
                    + ".",
                    details={"project_id": project.id, **held},
                )
            del self.projects[project.id]
            for key in [k for k in self.project_members if k[0] == project.id]:
                del self.project_members[key]

    # -- project memberships -------------------------------------------------------

    def project_memberships(self, caller: Principal, project_id: str) -> list[Membership]:
        project = self.project(caller, project_id)
        found = [m for (p, _), m in self.project_members.items() if p == project.id]
        return sorted(found, key=lambda m: m.seq)

    def add_project_membership(
        self, caller: Principal, project_id: str, principal_id: str, role_name: str
    ) -> Membership:
        with self.lock:
            project = self.project(caller, project_id)
            self.require_project_admin(caller, project, "Adding a project member")
            member = self.directory.find(principal_id)
            role = role_named(role_name, "project")
            if self.tenant_role(principal_id, project.tenant_id) is None:
                raise ApiError(
                    "validation_error",
                    f"{principal_id} is not a member of the project's tenant.",
                    details={
                        "errors": [
                            {"field": "principal_id", "reason": "must be a member of the tenant"}
                        ]
                    },
                )
            if (project.id, principal_id) in self.project_members:
                raise ApiError(
                    "already_exists",
                    f"{principal_id} is already a member of {project.id}.",
                    details={"project_id": project.id, "principal_id": principal_id},
                )
            return self.grant(self.project_members, project.id, member, role.name, self.clock.now())

    def remove_project_membership(
        self, caller: Principal, project_id: str, principal_id: str
    ) -> None:
        with self.lock:
            project = self.project(caller, project_id)
            self.require_project_admin(caller, project, "Removing a project member")
            if self.project_members.pop((project.id, principal_id), None) is None:
                raise ApiError(
                    "membership_not_found",
                    f"{principal_id} is not a member of {project.id}.",
                    details={"project_id": project.id, "principal_id": principal_id},
                )

    # -- persistence -------------------------------------------------------------

    def _state_lock(self) -> AbstractContextManager[Any]:
        return self.lock

    @staticmethod
    def _state_spec() -> dict[str, Any]:
        return {
            "directory": Directory,
            "tenants": dict[str, Tenant],
            "projects": dict[str, Project],
            "tenant_members": dict[tuple[str, str], Membership],
            "project_members": dict[tuple[str, str], Membership],
            "_seq": int,
            "_rng": random.Random,
        }
