from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import redacted_repr

T = TypeVar("T", bound="RefreshRequest")


@_attrs_define
class RefreshRequest:
    """
    Example:
        {'refresh_token': 'rt_5d41402abc4b2a76b9719d911017c592'}

    Attributes:
        refresh_token (str): The newest refresh token; each refresh rotates it, and reusing an old one revokes the whole
            family.
    """

    refresh_token: str = _attrs_field(repr=redacted_repr)

    def to_dict(self) -> dict[str, Any]:
        refresh_token = self.refresh_token

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "refresh_token": refresh_token,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        refresh_token = src_dict["refresh_token"]

        # Positional, in the order of the class's fields: faster than keywords.
        refresh_request = cls(
            refresh_token,
        )
        return refresh_request
