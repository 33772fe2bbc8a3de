"""Project budgets: a monthly amount per project that every costly create is admitted against."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

from ..runtime.state_codec import PersistedFields
from .errors import ApiError
from .iam import IamBook
from .identity import Principal

__all__ = ["ProjectBudget", "ProjectBudgets"]


@dataclass(frozen=True)
class ProjectBudget:
    project_id: str
    monthly_budget_minor: int
    currency: str


class ProjectBudgets(PersistedFields):
    """Budgets by project id (a project without one has no budget limit)."""

    def __init__(self, iam: IamBook) -> None:
        self.iam = iam
        self.budgets: dict[str, ProjectBudget] = {}
        self._lock = threading.Lock()

    def budget_of(self, project_id: str) -> ProjectBudget | None:
        return self.budgets.get(project_id)

    def visible(self, caller: Principal, project_id: str) -> str:
        """The project's id when the caller can see it (404 `project_not_found` otherwise)."""
        return self.iam.project(caller, project_id).id

    def set(
        self, caller: Principal, project_id: str, amount_minor: int | None, currency: str
    ) -> None:
        project = self.iam.project(caller, project_id)
        self.iam.require_project_admin(caller, project, "Setting a project's budget")
        if currency != "USD":
            raise ApiError(
                "validation_error",
                "Budgets are kept in USD, the balance's currency.",
                details={"errors": [{"field": "currency", "reason": "must be USD"}]},
            )
        with self._lock:
            if amount_minor is None:
                self.budgets.pop(project.id, None)
            else:
                self.budgets[project.id] = ProjectBudget(project.id, amount_minor, currency)

    @staticmethod
    def _state_spec() -> dict[str, Any]:
        return {"budgets": dict[str, ProjectBudget]}
