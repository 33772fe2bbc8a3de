from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="SshKey")


@_attrs_define
class SshKey:
    """
    Example:
        {'id': 'key-7f2e', 'name': 'laptop', 'fingerprint': 'SHA256:RfZxnd8QvnlF11GchvLSODXRNDYfx9SiAbb/Trapikg',
            'public_key': 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAINT3XvvfDdZA1PwxErlt4hq2ZuRLMYbCefu+k+vBL580 dev@laptop',
            'created_at': '2026-04-01T11:58:00Z'}

    Attributes:
        id (str):
        name (str):
        fingerprint (str): SHA-256 fingerprint of the key as `ssh-keygen -l` prints it (`SHA256:` and unpadded base64).
        public_key (str): The key in OpenSSH `authorized_keys` format, as added.
        created_at (datetime.datetime):
    """

    id: str
    name: str
    fingerprint: str
    public_key: str
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        fingerprint = self.fingerprint

        public_key = self.public_key

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "fingerprint": fingerprint,
                "public_key": public_key,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        id = src_dict["id"]

        name = src_dict["name"]

        fingerprint = src_dict["fingerprint"]

        public_key = src_dict["public_key"]

        created_at = datetime.datetime.fromisoformat(src_dict["created_at"])

        # Positional, in the order of the class's fields: faster than keywords.
        ssh_key = cls(
            id,
            name,
            fingerprint,
            public_key,
            created_at,
        )
        if len(src_dict) > 5:
            known = {
                "id",
                "name",
                "fingerprint",
                "public_key",
                "created_at",
            }
            ssh_key.additional_properties = {
                key: value for key, value in src_dict.items() if key not in known
            }
        return ssh_key

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
