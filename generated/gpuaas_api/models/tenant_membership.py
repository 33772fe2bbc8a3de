from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.principal_kind import PrincipalKind

T = TypeVar("T", bound="TenantMembership")


@_attrs_define
class TenantMembership:
    """
    Example:
        {'tenant_id': 'tnt-acme', 'principal_id': 'usr-dev-user', 'principal_kind': 'human', 'display_name': 'dev-user',
            'role': 'tenant_member', 'created_at': '2026-01-15T09:31:00Z'}

    Attributes:
        tenant_id (str):
        principal_id (str): Id of the member, a user (`usr-...`) or a service account (`sa-...`).
        principal_kind (PrincipalKind):
        display_name (str):
        role (str): Its tenant-scoped role.
        created_at (datetime.datetime): When the principal became a member.
    """

    tenant_id: str
    principal_id: str
    principal_kind: PrincipalKind
    display_name: str
    role: str
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        tenant_id = self.tenant_id

        principal_id = self.principal_id

        principal_kind = self.principal_kind.value

        display_name = self.display_name

        role = self.role

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "tenant_id": tenant_id,
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
        tenant_id = src_dict["tenant_id"]

        principal_id = src_dict["principal_id"]

        principal_kind = PrincipalKind.from_value(src_dict["principal_kind"])

        display_name = src_dict["display_name"]

        role = src_dict["role"]

        created_at = datetime.datetime.fromisoformat(src_dict["created_at"])

        # Positional, in the order of the class's fields: faster than keywords.
        tenant_membership = cls(
            tenant_id,
            principal_id,
            principal_kind,
            display_name,
            role,
            created_at,
        )
        if len(src_dict) > 6:
            known = {
                "tenant_id",
                "principal_id",
                "principal_kind",
                "display_name",
                "role",
                "created_at",
            }
            tenant_membership.additional_properties = {
                key: value for key, value in src_dict.items() if key not in known
            }
        return tenant_membership

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
