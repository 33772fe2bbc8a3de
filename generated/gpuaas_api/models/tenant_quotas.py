from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="TenantQuotas")


@_attrs_define
class TenantQuotas:
    """Limits of the tenant; a request that would pass one is refused with `quota_exceeded` (403).

    Example:
        {'max_gpus': 64, 'max_projects': 20, 'storage_bytes': 10995116277760}

    Attributes:
        max_gpus (int): GPUs the tenant's live allocations may hold at once.
        max_projects (int): Projects the tenant may have.
        storage_bytes (int): Bytes the tenant may keep in platform storage.
    """

    max_gpus: int
    max_projects: int
    storage_bytes: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        max_gpus = self.max_gpus

        max_projects = self.max_projects

        storage_bytes = self.storage_bytes

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "max_gpus": max_gpus,
                "max_projects": max_projects,
                "storage_bytes": storage_bytes,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        max_gpus = src_dict["max_gpus"]

        max_projects = src_dict["max_projects"]

        storage_bytes = src_dict["storage_bytes"]

        # Positional, in the order of the class's fields: faster than keywords.
        tenant_quotas = cls(
            max_gpus,
            max_projects,
            storage_bytes,
        )
        if len(src_dict) > 3:
            known = {
                "max_gpus",
                "max_projects",
                "storage_bytes",
            }
            tenant_quotas.additional_properties = {
                key: value for key, value in src_dict.items() if key not in known
            }
        return tenant_quotas

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
