from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, redacted_repr

T = TypeVar("T", bound="LogoutRequest")


@_attrs_define
class LogoutRequest:
    """
    Example:
        {'refresh_token': 'rt_5d41402abc4b2a76b9719d911017c592'}

    Attributes:
        refresh_token (str | Unset): Also revoke this refresh token's family; ignored when it is unknown, revoked or not
            the caller's.
    """

    refresh_token: str | Unset = _attrs_field(default=UNSET, repr=redacted_repr)

    def to_dict(self) -> dict[str, Any]:
        refresh_token = self.refresh_token

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if refresh_token is not UNSET:
            field_dict["refresh_token"] = refresh_token

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        refresh_token = d.pop("refresh_token", UNSET)

        # Positional, in the order of the class's fields: faster than keywords.
        logout_request = cls(
            refresh_token,
        )

        return logout_request
