from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.oidc_authorization_result_error import OidcAuthorizationResultError
from ..types import UNSET, Unset, redacted_repr

T = TypeVar("T", bound="OidcAuthorizationResult")


@_attrs_define
class OidcAuthorizationResult:
    """Where the browser would have been redirected, and the parts of it the client needs: `code` when signed in, `error`
    and `error_description` when the sign-in was cancelled or denied.

        Example:
            {'location': 'http://127.0.0.1:53682/callback?code=ac_1f3870be274f6c49b3e31a0c6728957f&state=af0ifjsldkj',
                'code': 'ac_1f3870be274f6c49b3e31a0c6728957f', 'state': 'af0ifjsldkj'}

        Attributes:
            location (str): `redirect_uri` with the outcome and `state` added to its query.
            state (str): The `state` the client sent.
            code (str | Unset): Single-use authorization code, valid for 60 seconds.
            error (OidcAuthorizationResultError | Unset): Why there is no code (RFC 6749 §4.1.2.1).
            error_description (str | Unset): The reason in words, e.g. `The sign-in was cancelled.`
    """

    location: str = _attrs_field(repr=redacted_repr)
    state: str
    code: str | Unset = _attrs_field(default=UNSET, repr=redacted_repr)
    error: OidcAuthorizationResultError | Unset = UNSET
    error_description: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        location = self.location

        state = self.state

        code = self.code

        error: str | Unset = UNSET
        if not isinstance(self.error, Unset):
            error = self.error.value

        error_description = self.error_description

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "location": location,
                "state": state,
            }
        )
        if code is not UNSET:
            field_dict["code"] = code
        if error is not UNSET:
            field_dict["error"] = error
        if error_description is not UNSET:
            field_dict["error_description"] = error_description

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        location = d.pop("location")

        state = d.pop("state")

        code = d.pop("code", UNSET)

        _error = d.pop("error", UNSET)
        error: OidcAuthorizationResultError | Unset
        if isinstance(_error, Unset):
            error = UNSET
        else:
            error = OidcAuthorizationResultError.from_value(_error)

        error_description = d.pop("error_description", UNSET)

        # Positional, in the order of the class's fields: faster than keywords.
        oidc_authorization_result = cls(
            location,
            state,
            code,
            error,
            error_description,
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
