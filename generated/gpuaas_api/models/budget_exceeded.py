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

from ..models.budget_exceeded_reason import BudgetExceededReason

T = TypeVar("T", bound="BudgetExceeded")


@_attrs_define
class BudgetExceeded:
    """A service account's monthly cap was exceeded: its month-to-date spend passed
    the cap (`reason: spend_crossed_cap`; running allocations keep accruing past it),
    or a create was refused with 402 `budget_exceeded` because its estimated cost
    would pass it (`reason: create_refused`, with `estimated_cost_minor`). Sent once
    per crossing: the first of the two in a month announces it, later refusals and
    the spend passing the cap afterwards do not repeat it until the cap changes or a
    new month starts.

        Example:
            {'type': 'budget.exceeded', 'id': '1048', 'occurred_at': '2026-04-28T17:30:00Z', 'tenant_id': 'tnt-acme',
                'service_account_id': 'sa-1234', 'cap_minor': 100000, 'spent_minor': 100349, 'currency': 'USD', 'reason':
                'spend_crossed_cap', 'estimated_cost_minor': None}

        Attributes:
            type_ (Literal['budget.exceeded']):
            id (str):
            occurred_at (datetime.datetime):
            tenant_id (str):
            service_account_id (str):
            cap_minor (int):
            spent_minor (int):
            currency (str):
            reason (BudgetExceededReason): What announced it; new reasons may be added.
            estimated_cost_minor (int | None): For `create_refused`, what the refused create would have committed (its cost
                up to its lease or maximum runtime, else one hour); null otherwise.
    """

    type_: Literal["budget.exceeded"]
    id: str
    occurred_at: datetime.datetime
    tenant_id: str
    service_account_id: str
    cap_minor: int
    spent_minor: int
    currency: str
    reason: BudgetExceededReason
    estimated_cost_minor: int | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        id = self.id

        occurred_at = self.occurred_at.isoformat()

        tenant_id = self.tenant_id

        service_account_id = self.service_account_id

        cap_minor = self.cap_minor

        spent_minor = self.spent_minor

        currency = self.currency

        reason = self.reason.value

        estimated_cost_minor: int | None
        estimated_cost_minor = self.estimated_cost_minor

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "id": id,
                "occurred_at": occurred_at,
                "tenant_id": tenant_id,
                "service_account_id": service_account_id,
                "cap_minor": cap_minor,
                "spent_minor": spent_minor,
                "currency": currency,
                "reason": reason,
                "estimated_cost_minor": estimated_cost_minor,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        type_ = cast(Literal["budget.exceeded"], src_dict["type"])
        if type_ != "budget.exceeded":
            raise ValueError(f"type must match const 'budget.exceeded', got '{type_}'")

        id = src_dict["id"]

        occurred_at = datetime.datetime.fromisoformat(src_dict["occurred_at"])

        tenant_id = src_dict["tenant_id"]

        service_account_id = src_dict["service_account_id"]

        cap_minor = src_dict["cap_minor"]

        spent_minor = src_dict["spent_minor"]

        currency = src_dict["currency"]

        reason = BudgetExceededReason.from_value(src_dict["reason"])

        estimated_cost_minor: int | None = src_dict["estimated_cost_minor"]

        # Positional, in the order of the class's fields: faster than keywords.
        budget_exceeded = cls(
            type_,
            id,
            occurred_at,
            tenant_id,
            service_account_id,
            cap_minor,
            spent_minor,
            currency,
            reason,
            estimated_cost_minor,
        )
        if len(src_dict) > 10:
            known = {
                "type",
                "id",
                "occurred_at",
                "tenant_id",
                "service_account_id",
                "cap_minor",
                "spent_minor",
                "currency",
                "reason",
                "estimated_cost_minor",
            }
            budget_exceeded.additional_properties = {
                key: value for key, value in src_dict.items() if key not in known
            }
        return budget_exceeded

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
