from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="ProjectBudgetUpdate")


@_attrs_define
class ProjectBudgetUpdate:
    """
    Example:
        {'monthly_budget_minor': 500000, 'currency': 'USD'}

    Attributes:
        monthly_budget_minor (int | None): The new monthly budget; null removes it.
        currency (str):
    """

    monthly_budget_minor: int | None
    currency: str

    def to_dict(self) -> dict[str, Any]:
        monthly_budget_minor: int | None
        monthly_budget_minor = self.monthly_budget_minor

        currency = self.currency

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "monthly_budget_minor": monthly_budget_minor,
                "currency": currency,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        monthly_budget_minor: int | None = src_dict["monthly_budget_minor"]

        currency = src_dict["currency"]

        # Positional, in the order of the class's fields: faster than keywords.
        project_budget_update = cls(
            monthly_budget_minor,
            currency,
        )
        return project_budget_update
