from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.app_port_protocol import AppPortProtocol

T = TypeVar("T", bound="AppPortSpec")


@_attrs_define
class AppPortSpec:
    """
    Attributes:
        name (str):
        port (int):
        protocol (AppPortProtocol): How an app port is reached. New protocols may be added; clients must tolerate them.
    """

    name: str
    port: int
    protocol: AppPortProtocol

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        port = self.port

        protocol = self.protocol.value

        field_dict: dict[str, Any] = {}

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
        app_port_spec = cls(
            name,
            port,
            protocol,
        )
        return app_port_spec
