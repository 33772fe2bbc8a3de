from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="VolumeCreate")


@_attrs_define
class VolumeCreate:
    """
    Example:
        {'name': 'datasets', 'size_gb': 500, 'region_code': 'us-buffalo-1'}

    Attributes:
        name (str): A label, unique among the project's volumes.
        size_gb (int):
        region_code (str): The region it lives in; only allocations of this region can attach it.
        project_id (str | Unset): Project to bill; the caller's default project when omitted.
    """

    name: str
    size_gb: int
    region_code: str
    project_id: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        size_gb = self.size_gb

        region_code = self.region_code

        project_id = self.project_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "size_gb": size_gb,
                "region_code": region_code,
            }
        )
        if project_id is not UNSET:
            field_dict["project_id"] = project_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        size_gb = d.pop("size_gb")

        region_code = d.pop("region_code")

        project_id = d.pop("project_id", UNSET)

        # Positional, in the order of the class's fields: faster than keywords.
        volume_create = cls(
            name,
            size_gb,
            region_code,
            project_id,
        )

        return volume_create
