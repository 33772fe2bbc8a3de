from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="PaymentSessionCreate")


@_attrs_define
class PaymentSessionCreate:
    """
    Example:
        {'amount_minor': 50000, 'currency': 'USD', 'return_url': 'http://127.0.0.1:8765/billing/done'}

    Attributes:
        amount_minor (int): Amount to credit, in minor units of `currency`.
        currency (str): Must be the balance's currency.
        return_url (str | Unset): Where the checkout page sends the payer back when done.
    """

    amount_minor: int
    currency: str
    return_url: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        amount_minor = self.amount_minor

        currency = self.currency

        return_url = self.return_url

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "amount_minor": amount_minor,
                "currency": currency,
            }
        )
        if return_url is not UNSET:
            field_dict["return_url"] = return_url

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        amount_minor = d.pop("amount_minor")

        currency = d.pop("currency")

        return_url = d.pop("return_url", UNSET)

        # Positional, in the order of the class's fields: faster than keywords.
        payment_session_create = cls(
            amount_minor,
            currency,
            return_url,
        )

        return payment_session_create
