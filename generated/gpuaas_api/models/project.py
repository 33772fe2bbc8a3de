from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Project")


@_attrs_define
class Project:
    """
    Example:
        {'id': 'prj-7c1e9a', 'tenant_id': 'tnt-acme', 'name': 'llm-finetune', 'description': 'Fine-tuning runs for the
            support assistant.', 'created_at': '2026-03-10T08:00:00Z', 'updated_at': '2026-03-12T14:20:00Z'}

    Attributes:
        id (str):
        tenant_id (str):
        name (str): Unique within the tenant.
        description (None | str):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
    """

    id: str
    tenant_id: str
    name: str
    description: None | str
    created_at: datetime.datetime
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        tenant_id = self.tenant_id

        name = self.name

        description: None | str
        description = self.description

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "tenant_id": tenant_id,
                "name": name,
                "description": description,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        id = src_dict["id"]

        tenant_id = src_dict["tenant_id"]

        name = src_dict["name"]

        description: None | str = src_dict["description"]

        created_at = datetime.datetime.fromisoformat(src_dict["created_at"])

        updated_at = datetime.datetime.fromisoformat(src_dict["updated_at"])

        # Positional, in the order of the class's fields: faster than keywords.
        project = cls(
            id,
            tenant_id,
            name,
            description,
            created_at,
            updated_at,
        )
        if len(src_dict) > 6:
            known = {
                "id",
                "tenant_id",
                "name",
                "description",
                "created_at",
                "updated_at",
            }
            project.additional_properties = {
                key: value for key, value in src_dict.items() if key not in known
            }
        return project

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
