from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ProjectBudget")


@_attrs_define
class ProjectBudget:
    """A project's monthly budget and where it stands. Every create that costs (allocations,
    fleets, holds, reservations) in the project is admitted only if the month's spend plus
    what is committed (see `committed_minor`) plus its own commitment stays within it.

        Example:
            {'project_id': 'prj-default', 'monthly_budget_minor': 500000, 'currency': 'USD', 'spent_minor': 120450,
                'committed_minor': 11168, 'headroom_minor': 368382}

        Attributes:
            project_id (str):
            monthly_budget_minor (int | None): The budget of each calendar month (UTC); null when the project has none.
            currency (str):
            spent_minor (int): What the project's allocations and reservations accrued this month.
            committed_minor (int): What is promised but not yet spent: each live allocation's cost up to its lease or
                `max_runtime_seconds` (one hour when it has neither), open holds (one hour of their
                GPUs) and reservations (the rest of their window).
            headroom_minor (int | None): `monthly_budget_minor - spent_minor - committed_minor`, never below 0; null without
                a budget.
    """

    project_id: str
    monthly_budget_minor: int | None
    currency: str
    spent_minor: int
    committed_minor: int
    headroom_minor: int | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        project_id = self.project_id

        monthly_budget_minor: int | None
        monthly_budget_minor = self.monthly_budget_minor

        currency = self.currency

        spent_minor = self.spent_minor

        committed_minor = self.committed_minor

        headroom_minor: int | None
        headroom_minor = self.headroom_minor

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "project_id": project_id,
                "monthly_budget_minor": monthly_budget_minor,
                "currency": currency,
                "spent_minor": spent_minor,
                "committed_minor": committed_minor,
                "headroom_minor": headroom_minor,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        project_id = src_dict["project_id"]

        monthly_budget_minor: int | None = src_dict["monthly_budget_minor"]

        currency = src_dict["currency"]

        spent_minor = src_dict["spent_minor"]

        committed_minor = src_dict["committed_minor"]

        headroom_minor: int | None = src_dict["headroom_minor"]

        # Positional, in the order of the class's fields: faster than keywords.
        project_budget = cls(
            project_id,
            monthly_budget_minor,
            currency,
            spent_minor,
            committed_minor,
            headroom_minor,
        )
        if len(src_dict) > 6:
            known = {
                "project_id",
                "monthly_budget_minor",
                "currency",
                "spent_minor",
                "committed_minor",
                "headroom_minor",
            }
            project_budget.additional_properties = {
                key: value for key, value in src_dict.items() if key not in known
            }
        return project_budget

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
