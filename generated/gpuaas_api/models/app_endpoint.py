from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="AppEndpoint")


@_attrs_define
class AppEndpoint:
    """
    Attributes:
        name (str): The manifest port this endpoint serves, e.g. `jupyter`.
        url (str): Where to reach it (`https://...` for http ports, `tcp://host:port` for tcp ports).
    """

    name: str
    url: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        url = self.url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "url": url,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        name = src_dict["name"]

        url = src_dict["url"]

        # Positional, in the order of the class's fields: faster than keywords.
        app_endpoint = cls(
            name,
            url,
        )
        if len(src_dict) > 2:
            known = {
                "name",
                "url",
            }
            app_endpoint.additional_properties = {
                key: value for key, value in src_dict.items() if key not in known
            }
        return app_endpoint

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
