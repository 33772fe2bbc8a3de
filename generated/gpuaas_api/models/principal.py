from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.principal_kind import PrincipalKind

T = TypeVar("T", bound="Principal")


@_attrs_define
class Principal:
    """
    Example:
        {'principal_id': 'usr-dev-user', 'kind': 'human', 'display_name': 'dev-user', 'tenant_id': 'tnt-acme',
            'default_project_id': 'prj-default', 'roles': ['tenant_member']}

    Attributes:
        principal_id (str):
        kind (PrincipalKind):
        display_name (str):
        tenant_id (str):
        default_project_id (None | str): The project used when a call names none.
        roles (list[str]):
    """

    principal_id: str
    kind: PrincipalKind
    display_name: str
    tenant_id: str
    default_project_id: None | str
    roles: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        principal_id = self.principal_id

        kind = self.kind.value

        display_name = self.display_name

        tenant_id = self.tenant_id

        default_project_id: None | str
        default_project_id = self.default_project_id

        roles = self.roles

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "principal_id": principal_id,
                "kind": kind,
                "display_name": display_name,
                "tenant_id": tenant_id,
                "default_project_id": default_project_id,
                "roles": roles,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        principal_id = src_dict["principal_id"]

        kind = PrincipalKind.from_value(src_dict["kind"])

        display_name = src_dict["display_name"]

        tenant_id = src_dict["tenant_id"]

        default_project_id: None | str = src_dict["default_project_id"]

        roles = cast(list[str], src_dict["roles"])

        # Positional, in the order of the class's fields: faster than keywords.
        principal = cls(
            principal_id,
            kind,
            display_name,
            tenant_id,
            default_project_id,
            roles,
        )
        if len(src_dict) > 6:
            known = {
                "principal_id",
                "kind",
                "display_name",
                "tenant_id",
                "default_project_id",
                "roles",
            }
            principal.additional_properties = {
                key: value for key, value in src_dict.items() if key not in known
            }
        return principal

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
