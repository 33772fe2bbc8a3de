from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="ProjectMembershipCreate")


@_attrs_define
class ProjectMembershipCreate:
    """
    Example:
        {'principal_id': 'usr-jane', 'role': 'project_member'}

    Attributes:
        principal_id (str): The user or service account to add; it must be a member of the project's tenant.
        role (str): Name of a role (see `listRoles`), e.g. `tenant_admin`, `tenant_member`,
            `project_admin`, `project_member`, `project_viewer`.
    """

    principal_id: str
    role: str

    def to_dict(self) -> dict[str, Any]:
        principal_id = self.principal_id

        role = self.role

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "principal_id": principal_id,
                "role": role,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        principal_id = src_dict["principal_id"]

        role = src_dict["role"]

        # Positional, in the order of the class's fields: faster than keywords.
        project_membership_create = cls(
            principal_id,
            role,
        )
        return project_membership_create
