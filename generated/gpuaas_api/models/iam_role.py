from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.iam_role_scope import IamRoleScope

T = TypeVar("T", bound="IamRole")


@_attrs_define
class IamRole:
    """
    Example:
        {'name': 'project_member', 'description': 'Create and manage allocations, apps and storage in the project.',
            'scope': 'project', 'permissions': ['allocations:read', 'allocations:write', 'apps:read', 'apps:write',
            'storage:read', 'storage:write']}

    Attributes:
        name (str):
        description (str):
        scope (IamRoleScope): Where a role is granted, on a tenant (tenant memberships) or on a project (project
            memberships).
        permissions (list[str]): What the role allows, as `<resource>:<action>` strings.
    """

    name: str
    description: str
    scope: IamRoleScope
    permissions: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        description = self.description

        scope = self.scope.value

        permissions = self.permissions

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "description": description,
                "scope": scope,
                "permissions": permissions,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        name = src_dict["name"]

        description = src_dict["description"]

        scope = IamRoleScope.from_value(src_dict["scope"])

        permissions = cast(list[str], src_dict["permissions"])

        # Positional, in the order of the class's fields: faster than keywords.
        iam_role = cls(
            name,
            description,
            scope,
            permissions,
        )
        if len(src_dict) > 4:
            known = {
                "name",
                "description",
                "scope",
                "permissions",
            }
            iam_role.additional_properties = {
                key: value for key, value in src_dict.items() if key not in known
            }
        return iam_role

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
