from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Connection")


@_attrs_define
class Connection:
    """
    Example:
        {'private_ip': '10.40.0.12', 'ssh_host': 'ssh.us-buffalo-1.gpuaas.example.com', 'ssh_port': 22012, 'ssh_user':
            'ubuntu'}

    Attributes:
        private_ip (str):
        ssh_host (str):
        ssh_port (int):
        ssh_user (str):
    """

    private_ip: str
    ssh_host: str
    ssh_port: int
    ssh_user: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        private_ip = self.private_ip

        ssh_host = self.ssh_host

        ssh_port = self.ssh_port

        ssh_user = self.ssh_user

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "private_ip": private_ip,
                "ssh_host": ssh_host,
                "ssh_port": ssh_port,
                "ssh_user": ssh_user,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        private_ip = src_dict["private_ip"]

        ssh_host = src_dict["ssh_host"]

        ssh_port = src_dict["ssh_port"]

        ssh_user = src_dict["ssh_user"]

        # Positional, in the order of the class's fields: faster than keywords.
        connection = cls(
            private_ip,
            ssh_host,
            ssh_port,
            ssh_user,
        )
        if len(src_dict) > 4:
            known = {
                "private_ip",
                "ssh_host",
                "ssh_port",
                "ssh_user",
            }
            connection.additional_properties = {
                key: value for key, value in src_dict.items() if key not in known
            }
        return connection

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
