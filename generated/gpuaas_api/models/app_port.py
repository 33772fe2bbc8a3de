from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.app_port_protocol import AppPortProtocol

T = TypeVar("T", bound="AppPort")


@_attrs_define
class AppPort:
    """
    Attributes:
        name (str): Name of the port, also the name of the endpoint it becomes, e.g. `jupyter`.
        port (int):
        protocol (AppPortProtocol): How an app port is reached. New protocols may be added; clients must tolerate them.
    """

    name: str
    port: int
    protocol: AppPortProtocol
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        port = self.port

        protocol = self.protocol.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "port": port,
                "protocol": protocol,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        name = src_dict["name"]

        port = src_dict["port"]

        protocol = AppPortProtocol.from_value(src_dict["protocol"])

        # Positional, in the order of the class's fields: faster than keywords.
        app_port = cls(
            name,
            port,
            protocol,
        )
        if len(src_dict) > 3:
            known = {
                "name",
                "port",
                "protocol",
            }
            app_port.additional_properties = {
                key: value for key, value in src_dict.items() if key not in known
            }
        return app_port

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
