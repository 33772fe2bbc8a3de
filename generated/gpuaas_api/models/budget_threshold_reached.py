from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import (
    Any,
    Literal,
    TypeVar,
    cast,
)

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="BudgetThresholdReached")


@_attrs_define
class BudgetThresholdReached:
    """A service account's month-to-date spend (`spent_this_month_minor`) reached
    `threshold_percent` of its `monthly_spend_cap_minor` (80 % on the platform).
    Sent once per crossing: once a month per cap, again only if the cap changes or a
    new month starts and the spend crosses it again. `occurred_at` is when the spend
    crossed it.

        Example:
            {'type': 'budget.threshold_reached', 'id': '1047', 'occurred_at': '2026-04-20T09:00:00Z', 'tenant_id': 'tnt-
                acme', 'service_account_id': 'sa-1234', 'threshold_percent': 80, 'cap_minor': 100000, 'spent_minor': 80120,
                'currency': 'USD'}

        Attributes:
            type_ (Literal['budget.threshold_reached']):
            id (str):
            occurred_at (datetime.datetime):
            tenant_id (str):
            service_account_id (str):
            threshold_percent (int):
            cap_minor (int):
            spent_minor (int):
            currency (str):
    """

    type_: Literal["budget.threshold_reached"]
    id: str
    occurred_at: datetime.datetime
    tenant_id: str
    service_account_id: str
    threshold_percent: int
    cap_minor: int
    spent_minor: int
    currency: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        id = self.id

        occurred_at = self.occurred_at.isoformat()

        tenant_id = self.tenant_id

        service_account_id = self.service_account_id

        threshold_percent = self.threshold_percent

        cap_minor = self.cap_minor

        spent_minor = self.spent_minor

        currency = self.currency

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "id": id,
                "occurred_at": occurred_at,
                "tenant_id": tenant_id,
                "service_account_id": service_account_id,
                "threshold_percent": threshold_percent,
                "cap_minor": cap_minor,
                "spent_minor": spent_minor,
                "currency": currency,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        type_ = cast(Literal["budget.threshold_reached"], src_dict["type"])
        if type_ != "budget.threshold_reached":
            raise ValueError(
                f"type must match const 'budget.threshold_reached', got '{type_}'"
            )

        id = src_dict["id"]

        occurred_at = datetime.datetime.fromisoformat(src_dict["occurred_at"])

        tenant_id = src_dict["tenant_id"]

        service_account_id = src_dict["service_account_id"]

        threshold_percent = src_dict["threshold_percent"]

        cap_minor = src_dict["cap_minor"]

        spent_minor = src_dict["spent_minor"]

        currency = src_dict["currency"]

        # Positional, in the order of the class's fields: faster than keywords.
        budget_threshold_reached = cls(
            type_,
            id,
            occurred_at,
            tenant_id,
            service_account_id,
            threshold_percent,
            cap_minor,
            spent_minor,
            currency,
        )
        if len(src_dict) > 9:
            known = {
                "type",
                "id",
                "occurred_at",
                "tenant_id",
                "service_account_id",
                "threshold_percent",
                "cap_minor",
                "spent_minor",
                "currency",
            }
            budget_threshold_reached.additional_properties = {
                key: value for key, value in src_dict.items() if key not in known
            }
        return budget_threshold_reached

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
