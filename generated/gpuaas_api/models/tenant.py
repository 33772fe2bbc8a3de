from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.tenant_quotas import TenantQuotas


T = TypeVar("T", bound="Tenant")


@_attrs_define
class Tenant:
    """
    Example:
        {'id': 'tnt-acme', 'name': 'acme', 'created_at': '2026-01-15T09:30:00Z', 'default_project_id': 'prj-default',
            'quotas': {'max_gpus': 64, 'max_projects': 20, 'storage_bytes': 10995116277760}}

    Attributes:
        id (str):
        name (str): Short unique name, usable as `tenant_hint` when signing in.
        created_at (datetime.datetime):
        default_project_id (None | str): The project a member's calls use when they name none; null if the tenant has no
            project.
        quotas (TenantQuotas): Limits of the tenant; a request that would pass one is refused with `quota_exceeded`
            (403). Example: {'max_gpus': 64, 'max_projects': 20, 'storage_bytes': 10995116277760}.
    """

    id: str
    name: str
    created_at: datetime.datetime
    default_project_id: None | str
    quotas: TenantQuotas
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        created_at = self.created_at.isoformat()

        default_project_id: None | str
        default_project_id = self.default_project_id

        quotas = self.quotas.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "created_at": created_at,
                "default_project_id": default_project_id,
                "quotas": quotas,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        id = src_dict["id"]

        name = src_dict["name"]

        created_at = datetime.datetime.fromisoformat(src_dict["created_at"])

        default_project_id: None | str = src_dict["default_project_id"]

        quotas = TenantQuotas.from_dict(src_dict["quotas"])

        # Positional, in the order of the class's fields: faster than keywords.
        tenant = cls(
            id,
            name,
            created_at,
            default_project_id,
            quotas,
        )
        if len(src_dict) > 5:
            known = {
                "id",
                "name",
                "created_at",
                "default_project_id",
                "quotas",
            }
            tenant.additional_properties = {
                key: value for key, value in src_dict.items() if key not in known
            }
        return tenant

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


# The models this one refers to, imported once its class exists (so that models referring
# to each other import cleanly): module globals, not imports run by every from_dict call.
from ..models.tenant_quotas import TenantQuotas  # noqa: E402
