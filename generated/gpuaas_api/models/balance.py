from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Balance")


@_attrs_define
class Balance:
    """The tenant's prepaid balance. Usage is charged against it as it accrues;
    payment sessions top it up and refunds credit it back.

        Example:
            {'amount_minor': 125000, 'currency': 'USD', 'updated_at': '2026-04-01T13:00:00Z', 'credit_limit_minor': 0}

        Attributes:
            amount_minor (int): Balance in minor units of `currency`. It may go below zero, down to
                `-credit_limit_minor`; past that, creating allocations is refused with
                `insufficient_balance`.
            currency (str):
            updated_at (datetime.datetime): When the balance last changed.
            credit_limit_minor (int): How far below zero the balance may go, in minor units of `currency`.
    """

    amount_minor: int
    currency: str
    updated_at: datetime.datetime
    credit_limit_minor: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        amount_minor = self.amount_minor

        currency = self.currency

        updated_at = self.updated_at.isoformat()

        credit_limit_minor = self.credit_limit_minor

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "amount_minor": amount_minor,
                "currency": currency,
                "updated_at": updated_at,
                "credit_limit_minor": credit_limit_minor,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        amount_minor = src_dict["amount_minor"]

        currency = src_dict["currency"]

        updated_at = datetime.datetime.fromisoformat(src_dict["updated_at"])

        credit_limit_minor = src_dict["credit_limit_minor"]

        # Positional, in the order of the class's fields: faster than keywords.
        balance = cls(
            amount_minor,
            currency,
            updated_at,
            credit_limit_minor,
        )
        if len(src_dict) > 4:
            known = {
                "amount_minor",
                "currency",
                "updated_at",
                "credit_limit_minor",
            }
            balance.additional_properties = {
                key: value for key, value in src_dict.items() if key not in known
            }
        return balance

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
