from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ProjectUpdate")


@_attrs_define
class ProjectUpdate:
    """The fields to change; those left out keep their value.

    Example:
        {'description': 'Fine-tuning and evaluation runs for the support assistant.'}

    Attributes:
        name (str | Unset):
        description (None | str | Unset): The new description, or null to clear it.
    """

    name: str | Unset = UNSET
    description: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if description is not UNSET:
            field_dict["description"] = description

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name", UNSET)

        description: None | str | Unset = d.pop("description", UNSET)

        # Positional, in the order of the class's fields: faster than keywords.
        project_update = cls(
            name,
            description,
        )

        return project_update
