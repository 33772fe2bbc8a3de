from __future__ import annotations

from collections.abc import Mapping
from typing import (
    Any,
    Literal,
    TypeVar,
    cast,
)

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import redacted_repr

T = TypeVar("T", bound="TokenGrant")


@_attrs_define
class TokenGrant:
    """
    Example:
        {'access_token': 'at_7d793037a0760186574b0282f2f435e7', 'refresh_token': 'rt_5d41402abc4b2a76b9719d911017c592',
            'token_type': 'Bearer', 'expires_in': 900, 'refresh_expires_in': 2592000}

    Attributes:
        access_token (str):
        refresh_token (str): Replaces the refresh token that was presented, which is now spent.
        token_type (Literal['Bearer']):
        expires_in (int): Seconds until the access token expires.
        refresh_expires_in (int): Seconds until the refresh token expires.
    """

    access_token: str = _attrs_field(repr=redacted_repr)
    refresh_token: str = _attrs_field(repr=redacted_repr)
    token_type: Literal["Bearer"]
    expires_in: int
    refresh_expires_in: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        access_token = self.access_token

        refresh_token = self.refresh_token

        token_type = self.token_type

        expires_in = self.expires_in

        refresh_expires_in = self.refresh_expires_in

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "access_token": access_token,
                "refresh_token": refresh_token,
                "token_type": token_type,
                "expires_in": expires_in,
                "refresh_expires_in": refresh_expires_in,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        access_token = src_dict["access_token"]

        refresh_token = src_dict["refresh_token"]

        token_type = cast(Literal["Bearer"], src_dict["token_type"])
        if token_type != "Bearer":
            raise ValueError(
                f"token_type must match const 'Bearer', got '{token_type}'"
            )

        expires_in = src_dict["expires_in"]

        refresh_expires_in = src_dict["refresh_expires_in"]

        # Positional, in the order of the class's fields: faster than keywords.
        token_grant = cls(
            access_token,
            refresh_token,
            token_type,
            expires_in,
            refresh_expires_in,
        )
        if len(src_dict) > 5:
            known = {
                "access_token",
                "refresh_token",
                "token_type",
                "expires_in",
                "refresh_expires_in",
            }
            token_grant.additional_properties = {
                key: value for key, value in src_dict.items() if key not in known
            }
        return token_grant

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
