from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.payment_session_status import PaymentSessionStatus

T = TypeVar("T", bound="PaymentSession")


@_attrs_define
class PaymentSession:
    """A hosted checkout that credits the balance once completed.

    Example:
        {'id': 'ps-5d21e0', 'status': 'open', 'amount_minor': 50000, 'currency': 'USD', 'checkout_url':
            'http://127.0.0.1:8080/checkout/ps-5d21e0', 'created_at': '2026-04-01T12:00:00Z', 'expires_at':
            '2026-04-01T13:00:00Z', 'completed_at': None}

    Attributes:
        id (str):
        status (PaymentSessionStatus): `open` until the payer finishes at `checkout_url`; then `completed` (the
            balance was credited) or `failed`; `expired` when `expires_at` passed first.
            New states may be added; clients must tolerate them.
        amount_minor (int): Amount to credit, in minor units of `currency`.
        currency (str):
        checkout_url (str): Page where the payer completes the payment.
        created_at (datetime.datetime):
        expires_at (datetime.datetime):
        completed_at (datetime.datetime | None): When the payment completed; null unless `status` is `completed`.
    """

    id: str
    status: PaymentSessionStatus
    amount_minor: int
    currency: str
    checkout_url: str
    created_at: datetime.datetime
    expires_at: datetime.datetime
    completed_at: datetime.datetime | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        status = self.status.value

        amount_minor = self.amount_minor

        currency = self.currency

        checkout_url = self.checkout_url

        created_at = self.created_at.isoformat()

        expires_at = self.expires_at.isoformat()

        completed_at: None | str
        if isinstance(self.completed_at, datetime.datetime):
            completed_at = self.completed_at.isoformat()
        else:
            completed_at = self.completed_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "status": status,
                "amount_minor": amount_minor,
                "currency": currency,
                "checkout_url": checkout_url,
                "created_at": created_at,
                "expires_at": expires_at,
                "completed_at": completed_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        id = src_dict["id"]

        status = PaymentSessionStatus.from_value(src_dict["status"])

        amount_minor = src_dict["amount_minor"]

        currency = src_dict["currency"]

        checkout_url = src_dict["checkout_url"]

        created_at = datetime.datetime.fromisoformat(src_dict["created_at"])

        expires_at = datetime.datetime.fromisoformat(src_dict["expires_at"])

        def _parse_completed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                completed_at_type_0 = datetime.datetime.fromisoformat(data)

                return completed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        completed_at = _parse_completed_at(src_dict["completed_at"])

        # Positional, in the order of the class's fields: faster than keywords.
        payment_session = cls(
            id,
            status,
            amount_minor,
            currency,
            checkout_url,
            created_at,
            expires_at,
            completed_at,
        )
        if len(src_dict) > 8:
            known = {
                "id",
                "status",
                "amount_minor",
                "currency",
                "checkout_url",
                "created_at",
                "expires_at",
                "completed_at",
            }
            payment_session.additional_properties = {
                key: value for key, value in src_dict.items() if key not in known
            }
        return payment_session

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
