from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.refund_status import RefundStatus

T = TypeVar("T", bound="Refund")


@_attrs_define
class Refund:
    """
    Example:
        {'id': 'rf-0b8e41', 'usage_record_id': 'use-77a1', 'amount_minor': 349, 'currency': 'USD', 'reason': 'Allocation
            failed to boot its image.', 'status': 'pending', 'created_at': '2026-04-02T09:30:00Z'}

    Attributes:
        id (str):
        usage_record_id (str): The charge (usage record) refunded.
        amount_minor (int): Amount refunded, in minor units of `currency` (the charge's currency).
        currency (str):
        reason (str):
        status (RefundStatus): `pending` while the refund is processed, then `succeeded` (the balance was
            credited) or `refused`. New states may be added; clients must tolerate them.
        created_at (datetime.datetime):
    """

    id: str
    usage_record_id: str
    amount_minor: int
    currency: str
    reason: str
    status: RefundStatus
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        usage_record_id = self.usage_record_id

        amount_minor = self.amount_minor

        currency = self.currency

        reason = self.reason

        status = self.status.value

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "usage_record_id": usage_record_id,
                "amount_minor": amount_minor,
                "currency": currency,
                "reason": reason,
                "status": status,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        id = src_dict["id"]

        usage_record_id = src_dict["usage_record_id"]

        amount_minor = src_dict["amount_minor"]

        currency = src_dict["currency"]

        reason = src_dict["reason"]

        status = RefundStatus.from_value(src_dict["status"])

        created_at = datetime.datetime.fromisoformat(src_dict["created_at"])

        # Positional, in the order of the class's fields: faster than keywords.
        refund = cls(
            id,
            usage_record_id,
            amount_minor,
            currency,
            reason,
            status,
            created_at,
        )
        if len(src_dict) > 7:
            known = {
                "id",
                "usage_record_id",
                "amount_minor",
                "currency",
                "reason",
                "status",
                "created_at",
            }
            refund.additional_properties = {
                key: value for key, value in src_dict.items() if key not in known
            }
        return refund

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
