from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.error_code import ErrorCode

if TYPE_CHECKING:
    from ..models.error_body_details import ErrorBodyDetails


T = TypeVar("T", bound="ErrorBody")


@_attrs_define
class ErrorBody:
    """
    Attributes:
        code (ErrorCode): Machine-readable error code. The catalog below (`x-error-catalog`) gives each
            code its HTTP status, whether a retry can succeed, and the exception class
            the SDK raises for it. Clients must tolerate codes they do not know.
        message (str): Human-readable explanation, safe to show to a user.
        correlation_id (str): Id of this request in the platform's logs; the same as the X-Correlation-ID header.
        details (ErrorBodyDetails): Code-specific facts (field errors, balance and cost, retry hints).
    """

    code: ErrorCode
    message: str
    correlation_id: str
    details: ErrorBodyDetails
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code.value

        message = self.message

        correlation_id = self.correlation_id

        details = self.details.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "message": message,
                "correlation_id": correlation_id,
                "details": details,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        code = ErrorCode.from_value(src_dict["code"])

        message = src_dict["message"]

        correlation_id = src_dict["correlation_id"]

        details = ErrorBodyDetails.from_dict(src_dict["details"])

        # Positional, in the order of the class's fields: faster than keywords.
        error_body = cls(
            code,
            message,
            correlation_id,
            details,
        )
        if len(src_dict) > 4:
            known = {
                "code",
                "message",
                "correlation_id",
                "details",
            }
            error_body.additional_properties = {
                key: value for key, value in src_dict.items() if key not in known
            }
        return error_body

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


# The models this one refers to, imported once its class exists (so that models referring
# to each other import cleanly): module globals, not imports run by every from_dict call.
from ..models.error_body_details import ErrorBodyDetails  # noqa: E402
