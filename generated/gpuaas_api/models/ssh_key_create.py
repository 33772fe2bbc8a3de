from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="SshKeyCreate")


@_attrs_define
class SshKeyCreate:
    """
    Example:
        {'name': 'laptop', 'public_key': 'ssh-ed25519
            AAAAC3NzaC1lZDI1NTE5AAAAINT3XvvfDdZA1PwxErlt4hq2ZuRLMYbCefu+k+vBL580 dev@laptop'}

    Attributes:
        name (str): A label for the key, e.g. the machine it lives on.
        public_key (str): One public key in OpenSSH `authorized_keys` format: `<type> <base64> [comment]`,
            e.g. `ssh-ed25519 AAAA... dev@laptop`, of type `ssh-ed25519`, `ssh-rsa` (at least
            2048 bits) or `ecdsa-sha2-nistp256/384/521`; the key data must parse as a key of
            its type (else 422 `validation_error` saying what is wrong).
    """

    name: str
    public_key: str

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        public_key = self.public_key

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "public_key": public_key,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        name = src_dict["name"]

        public_key = src_dict["public_key"]

        # Positional, in the order of the class's fields: faster than keywords.
        ssh_key_create = cls(
            name,
            public_key,
        )
        return ssh_key_create
