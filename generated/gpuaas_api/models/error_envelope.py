from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.error_body import ErrorBody


T = TypeVar("T", bound="ErrorEnvelope")


@_attrs_define
class ErrorEnvelope:
    """
    Example:
        {'error': {'code': 'allocation_not_found', 'message': 'No allocation alloc-123 in this project.',
            'correlation_id': '8f14e45fceea167a5a36dedd4bea2543', 'details': {}}}

    Attributes:
        error (ErrorBody):
    """

    error: ErrorBody
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        error = self.error.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "error": error,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        error = ErrorBody.from_dict(src_dict["error"])

        # Positional, in the order of the class's fields: faster than keywords.
        error_envelope = cls(
            error,
        )
        if len(src_dict) > 1:
            known = {
                "error",
            }
            error_envelope.additional_properties = {
                key: value for key, value in src_dict.items() if key not in known
            }
        return error_envelope

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
from ..models.error_body import ErrorBody  # noqa: E402
