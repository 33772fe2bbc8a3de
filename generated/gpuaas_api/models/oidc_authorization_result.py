from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import redacted_repr

T = TypeVar("T", bound="OidcAuthorizationResult")


@_attrs_define
class OidcAuthorizationResult:
    """Where the browser would have been redirected, and the parts of it the client needs.

    Example:
        {'location': 'http://127.0.0.1:53682/callback?code=ac_1f3870be274f6c49b3e31a0c6728957f&state=af0ifjsldkj',
            'code': 'ac_1f3870be274f6c49b3e31a0c6728957f', 'state': 'af0ifjsldkj'}

    Attributes:
        location (str): `redirect_uri` with `code` and `state` added to its query.
        code (str): Single-use authorization code, valid for 60 seconds.
        state (str): The `state` the client sent.
    """

    location: str = _attrs_field(repr=redacted_repr)
    code: str = _attrs_field(repr=redacted_repr)
    state: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        location = self.location

        code = self.code

        state = self.state

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "location": location,
                "code": code,
                "state": state,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        location = d.pop("location")

        code = d.pop("code")

        state = d.pop("state")

        oidc_authorization_result = cls(
            location=location,
            code=code,
            state=state,
        )

        oidc_authorization_result.additional_properties = d
        return oidc_authorization_result

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
