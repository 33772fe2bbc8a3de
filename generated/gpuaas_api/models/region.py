from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Region")


@_attrs_define
class Region:
    """
    Example:
        {'code': 'us-buffalo-1', 'name': 'Buffalo, New York', 'country': 'US'}

    Attributes:
        code (str):
        name (str):
        country (str):
    """

    code: str
    name: str
    country: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        name = self.name

        country = self.country

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "name": name,
                "country": country,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        code = src_dict["code"]

        name = src_dict["name"]

        country = src_dict["country"]

        # Positional, in the order of the class's fields: faster than keywords.
        region = cls(
            code,
            name,
            country,
        )
        if len(src_dict) > 3:
            known = {
                "code",
                "name",
                "country",
            }
            region.additional_properties = {
                key: value for key, value in src_dict.items() if key not in known
            }
        return region

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
