from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import redacted_repr

T = TypeVar("T", bound="DevLoginRequest")


@_attrs_define
class DevLoginRequest:
    """
    Example:
        {'username': 'dev-user', 'password': 'dev123'}

    Attributes:
        username (str):
        password (str):
    """

    username: str
    password: str = _attrs_field(repr=redacted_repr)

    def to_dict(self) -> dict[str, Any]:
        username = self.username

        password = self.password

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "username": username,
                "password": password,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        username = src_dict["username"]

        password = src_dict["password"]

        # Positional, in the order of the class's fields: faster than keywords.
        dev_login_request = cls(
            username,
            password,
        )
        return dev_login_request
