from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="RefundCreate")


@_attrs_define
class RefundCreate:
    """
    Example:
        {'usage_record_id': 'use-77a1', 'amount_minor': 349, 'reason': 'Allocation failed to boot its image.'}

    Attributes:
        usage_record_id (str): The charge to refund (a usage record's `id`).
        amount_minor (int): Amount to refund, in minor units of the charge's currency; at most the
            charge's `cost_minor` less what earlier refunds of it already returned.
        reason (str):
    """

    usage_record_id: str
    amount_minor: int
    reason: str

    def to_dict(self) -> dict[str, Any]:
        usage_record_id = self.usage_record_id

        amount_minor = self.amount_minor

        reason = self.reason

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "usage_record_id": usage_record_id,
                "amount_minor": amount_minor,
                "reason": reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        usage_record_id = src_dict["usage_record_id"]

        amount_minor = src_dict["amount_minor"]

        reason = src_dict["reason"]

        # Positional, in the order of the class's fields: faster than keywords.
        refund_create = cls(
            usage_record_id,
            amount_minor,
            reason,
        )
        return refund_create
