from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="RegionAvailability")


@_attrs_define
class RegionAvailability:
    """
    Attributes:
        region_code (str):
        available_gpus (int):
    """

    region_code: str
    available_gpus: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        region_code = self.region_code

        available_gpus = self.available_gpus

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "region_code": region_code,
                "available_gpus": available_gpus,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        region_code = src_dict["region_code"]

        available_gpus = src_dict["available_gpus"]

        # Positional, in the order of the class's fields: faster than keywords.
        region_availability = cls(
            region_code,
            available_gpus,
        )
        if len(src_dict) > 2:
            known = {
                "region_code",
                "available_gpus",
            }
            region_availability.additional_properties = {
                key: value for key, value in src_dict.items() if key not in known
            }
        return region_availability

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
