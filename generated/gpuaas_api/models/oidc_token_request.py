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

T = TypeVar("T", bound="OidcTokenRequest")


@_attrs_define
class OidcTokenRequest:
    """
    Example:
        {'grant_type': 'authorization_code', 'code': 'ac_1f3870be274f6c49b3e31a0c6728957f', 'redirect_uri':
            'http://127.0.0.1:53682/callback', 'client_id': 'gpuaas-sdk', 'code_verifier': 'dBjftJeZ4CVP-
            mB92K27uhbUJU1p1r_wW1gFWFOEjXk'}

    Attributes:
        grant_type (Literal['authorization_code']):  Default: 'authorization_code'.
        code (str): The code from the redirect's query.
        redirect_uri (str): Exactly the `redirect_uri` given to `authorizeOidc`.
        client_id (str): Exactly the `client_id` given to `authorizeOidc`.
        code_verifier (str): The secret whose SHA-256 was sent as `code_challenge` (RFC 7636 §4.1).
    """

    code: str = _attrs_field(repr=redacted_repr)
    redirect_uri: str
    client_id: str
    code_verifier: str = _attrs_field(repr=redacted_repr)
    grant_type: Literal["authorization_code"] = "authorization_code"

    def to_dict(self) -> dict[str, Any]:
        grant_type = self.grant_type

        code = self.code

        redirect_uri = self.redirect_uri

        client_id = self.client_id

        code_verifier = self.code_verifier

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "grant_type": grant_type,
                "code": code,
                "redirect_uri": redirect_uri,
                "client_id": client_id,
                "code_verifier": code_verifier,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        grant_type = cast(Literal["authorization_code"], src_dict["grant_type"])
        if grant_type != "authorization_code":
            raise ValueError(
                f"grant_type must match const 'authorization_code', got '{grant_type}'"
            )

        code = src_dict["code"]

        redirect_uri = src_dict["redirect_uri"]

        client_id = src_dict["client_id"]

        code_verifier = src_dict["code_verifier"]

        # Positional, in the order of the class's fields: faster than keywords.
        oidc_token_request = cls(
            code,
            redirect_uri,
            client_id,
            code_verifier,
            grant_type,
        )
        return oidc_token_request
