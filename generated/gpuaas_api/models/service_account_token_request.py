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

T = TypeVar("T", bound="ServiceAccountTokenRequest")


@_attrs_define
class ServiceAccountTokenRequest:
    """
    Example:
        {'grant_type': 'urn:ietf:params:oauth:grant-type:jwt-bearer', 'assertion': 'eyJhbGciOiJFUzI1NiIsInR5cCI6IkpXVCIs
            ImtpZCI6ImtleS0yMDI0LTAxIn0.eyJpc3MiOiJzYS0xMjM0Iiwic3ViIjoic2EtMTIzNCIsImF1ZCI6Imh0dHA6Ly8xMjcuMC4wLjE6ODA4MC92
            MS9hdXRoL3NlcnZpY2UtYWNjb3VudC90b2tlbiIsImlhdCI6MTc3NTA0NDgwMCwiZXhwIjoxNzc1MDQ1MDQwLCJqdGkiOiI1ZjBjMmIxZS04ZDRh
            LTRjM2UtOWE3Ny0yZjFkMGI2ZTRhOTEifQ.KIeTyayfNC-
            WTf7LxNL060gUaXel7lv7cleA5AkT1FWtZsRbrXw5IFfP_8fYdO_8L5mkoQQ_8EH0hO_GfZ4EMA'}

    Attributes:
        grant_type (Literal['urn:ietf:params:oauth:grant-type:jwt-bearer']):  Default: 'urn:ietf:params:oauth:grant-
            type:jwt-bearer'.
        assertion (str): Compact JWS signed by a key of the service account: header `alg`
            (`RS256` or `ES256`, the key's algorithm) and `kid` (the key id);
            claims `iss` = `sub` = the service account id, `aud` = this
            endpoint's URL, `exp` at most 5 minutes ahead, a unique `jti`.
    """

    assertion: str = _attrs_field(repr=redacted_repr)
    grant_type: Literal["urn:ietf:params:oauth:grant-type:jwt-bearer"] = (
        "urn:ietf:params:oauth:grant-type:jwt-bearer"
    )

    def to_dict(self) -> dict[str, Any]:
        grant_type = self.grant_type

        assertion = self.assertion

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "grant_type": grant_type,
                "assertion": assertion,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        grant_type = cast(
            Literal["urn:ietf:params:oauth:grant-type:jwt-bearer"],
            src_dict["grant_type"],
        )
        if grant_type != "urn:ietf:params:oauth:grant-type:jwt-bearer":
            raise ValueError(
                f"grant_type must match const 'urn:ietf:params:oauth:grant-type:jwt-bearer', got '{grant_type}'"
            )

        assertion = src_dict["assertion"]

        # Positional, in the order of the class's fields: faster than keywords.
        service_account_token_request = cls(
            assertion,
            grant_type,
        )
        return service_account_token_request
