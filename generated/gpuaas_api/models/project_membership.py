from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.principal_kind import PrincipalKind

T = TypeVar("T", bound="ProjectMembership")


@_attrs_define
class ProjectMembership:
    """
    Example:
        {'project_id': 'prj-7c1e9a', 'principal_id': 'usr-jane', 'principal_kind': 'human', 'display_name': 'jane',
            'role': 'project_member', 'created_at': '2026-03-10T08:05:00Z'}

    Attributes:
        project_id (str):
        principal_id (str): Id of the member, a user (`usr-...`) or a service account (`sa-...`).
        principal_kind (PrincipalKind):
        display_name (str):
        role (str): Its project-scoped role.
        created_at (datetime.datetime): When the principal became a member.
    """

    project_id: str
    principal_id: str
    principal_kind: PrincipalKind
    display_name: str
    role: str
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        project_id = self.project_id

        principal_id = self.principal_id

        principal_kind = self.principal_kind.value

        display_name = self.display_name

        role = self.role

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "project_id": project_id,
                "principal_id": principal_id,
                "principal_kind": principal_kind,
                "display_name": display_name,
                "role": role,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        project_id = src_dict["project_id"]

        principal_id = src_dict["principal_id"]

        principal_kind = PrincipalKind.from_value(src_dict["principal_kind"])

        display_name = src_dict["display_name"]

        role = src_dict["role"]

        created_at = datetime.datetime.fromisoformat(src_dict["created_at"])

        # Positional, in the order of the class's fields: faster than keywords.
        project_membership = cls(
            project_id,
            principal_id,
            principal_kind,
            display_name,
            role,
            created_at,
        )
        if len(src_dict) > 6:
            known = {
                "project_id",
                "principal_id",
                "principal_kind",
                "display_name",
                "role",
                "created_at",
            }
            project_membership.additional_properties = {
                key: value for key, value in src_dict.items() if key not in known
            }
        return project_membership

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
