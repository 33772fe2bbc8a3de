"""Admission against spend limits: the one check every create that costs goes through.

Limits: a service account's monthly cap (its own creates and those of the grants it
issued), a project's monthly budget (every create in the project), and a spend grant
(what its token creates, over the grant's life). A create is admitted when, for every
limit that applies, what was spent plus what is committed plus what the create commits
stays within the limit:

- an allocation commits its cost up to its lease or `max_runtime_seconds` (the shorter;
  `DEFAULT_HORIZON_SECONDS` when it has neither), of which what it has accrued is spent
  and the rest committed while it holds GPUs;
- a hold commits one hour of the GPUs it still keeps; a create drawing from it takes
  that commitment over (it is counted once);
- a reservation commits its whole window; the hours begun are spent.

The check and the record of what was admitted happen under one lock (`lock`), which
every create path holds from its first check until its records are in the books: two
creates can never both see the same headroom. A lease renewal commits the next lease
period and is admitted the same way (`renewal`), against the limits of whoever created
the allocation.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from .allocations import Allocation, AllocationBook, month_start
from .budgets import ProjectBudgets
from .catalog import Sku
from .errors import ApiError
from .grants import GrantPrincipal, SpendGrant, SpendGrantBook
from .holds import HoldBook
from .identity import Principal
from .reservations import ReservationBook
from .service_accounts import ServiceAccountBook

__all__ = ["DEFAULT_HORIZON_SECONDS", "Admission", "Ask", "Limit", "commitment_minor"]

DEFAULT_HORIZON_SECONDS = 3600.0
"""An allocation with neither a lease nor a maximum runtime commits one hour."""


def horizon_seconds(lease_seconds: int | None, max_runtime_seconds: int | None) -> float:
    """How far ahead an allocation's cost is committed."""
    bounds = [s for s in (lease_seconds, max_runtime_seconds) if s is not None]
    return float(min(bounds)) if bounds else DEFAULT_HORIZON_SECONDS


def commitment_minor(price_per_gpu_hour_minor: int, gpus: int, seconds: float) -> int:
    """What `gpus` GPUs at this price may cost over `seconds`, rounded up."""
    return math.ceil(price_per_gpu_hour_minor * gpus * seconds / 3600 - 1e-9)


@dataclass(frozen=True)
class Ask:
    """What a create asks the limits for."""

    principal: Principal
    project_id: str
    sku: Sku
    gpus_total: int
    price_per_gpu_hour_minor: int
    seconds: float
    """The commitment horizon of each allocation (a hold: one hour; a reservation: its window)."""
    count: int = 1
    """Allocations of this size (a fleet's members)."""
    credit_minor: int = 0
    """Commitment it takes over from what is counted already (the hold it draws from)."""

    @property
    def each_minor(self) -> int:
        return commitment_minor(self.price_per_gpu_hour_minor, self.gpus_total, self.seconds)

    @property
    def wanted_minor(self) -> int:
        return self.each_minor * self.count - self.credit_minor


@dataclass(frozen=True)
class Limit:
    kind: str
    """`service_account`, `project` or `spend_grant`."""
    id: str
    amount_minor: int
    currency: str
    since: datetime
    """Spend counts from here: the month's start, or a grant's creation."""

    def owns(self, item: Any) -> bool:
        if self.kind == "project":
            return bool(item.project_id == self.id)
        if self.kind == "spend_grant":
            return bool(item.created_by == self.id)
        return bool(item.created_by == self.id or item.on_behalf_of == self.id)

    def describe(self) -> str:
        return {
            "service_account": f"the monthly spend cap of service account {self.id}",
            "project": f"the monthly budget of project {self.id}",
            "spend_grant": f"spend grant {self.id}",
        }[self.kind]


@dataclass(frozen=True)
class Shortfall:
    """A limit a request would pass, where it stands, and what the request wanted."""

    limit: Limit
    spent: int
    committed: int
    headroom: int
    wanted: int

    def standing(self) -> str:
        limit = self.limit
        return (
            f"{limit.describe()} leaves {self.headroom} of {limit.amount_minor}"
            f" ({self.spent} spent, {self.committed} committed)"
        )

    def details(self) -> dict[str, Any]:
        """The `budget_exceeded` details every refusal carries."""
        return {
            "limit_kind": self.limit.kind,
            "limit_id": self.limit.id,
            "cap_minor": self.limit.amount_minor,
            "spent_minor": self.spent,
            "committed_minor": self.committed,
            "headroom_minor": self.headroom,
            "estimated_cost_minor": self.wanted,
            "currency": self.limit.currency,
        }


class Admission:
    """The spend limits of the platform, and the lock under which creates are admitted."""

    def __init__(
        self,
        book: AllocationBook,
        holds: HoldBook,
        reservations: ReservationBook,
        grants: SpendGrantBook,
        budgets: ProjectBudgets,
        accounts: ServiceAccountBook,
    ) -> None:
        self.book = book
        self.holds = holds
        self.reservations = reservations
        self.grants = grants
        self.budgets = budgets
        self.accounts = accounts
        self.lock = threading.RLock()
        """Held by a create path from its first check until its records are stored."""

    # -- limits ------------------------------------------------------------------

    def limits(self, principal: Principal, project_id: str, now: datetime) -> list[Limit]:
        """Every limit a create by `principal` in `project_id` must stay within."""
        grant = self.grants.grant_of(principal)
        return self._limits(principal.principal_id, grant, project_id, now)

    def _limits(
        self, creator: str, grant: SpendGrant | None, project_id: str, now: datetime
    ) -> list[Limit]:
        found = []
        month = month_start(now)
        payers = [creator]
        if grant is not None:
            found.append(
                Limit("spend_grant", grant.id, grant.amount_minor, grant.currency, grant.created_at)
            )
            payers = [grant.issued_by]
        for payer in payers:
            cap = self.accounts.spend_cap(payer)
            if cap is not None:
                found.append(
                    Limit("service_account", cap.principal_id, cap.cap_minor, cap.currency, month)
                )
        budget = self.budgets.budget_of(project_id)
        if budget is not None:
            found.append(
                Limit("project", project_id, budget.monthly_budget_minor, budget.currency, month)
            )
        return found

    def used(self, limit: Limit, now: datetime) -> tuple[int, int]:
        """(spent, committed) against `limit` at `now`."""
        return self.usage(limit.owns, limit.since, now)

    def usage(self, owns: Callable[[Any], bool], since: datetime, now: datetime) -> tuple[int, int]:
        """(spent since `since`, committed) of the allocations, holds and reservations `owns`."""
        spent = committed = 0
        for allocation in list(self.book.allocations.values()):
            if not owns(allocation):
                continue
            accrued = self.book.accrued(allocation, now)
            spent += accrued - self.book.accrued(allocation, since)
            if allocation.holds_gpus_at(now):
                committed += max(0, allocation.commitment_minor - accrued)
        for hold in list(self.holds.holds.values()):
            if owns(hold):
                committed += hold.commitment_minor(now)
        for reservation in list(self.reservations.reservations.values()):
            if not owns(reservation):
                continue
            charged = reservation.charged_minor(now)
            spent += charged - reservation.charged_minor(since)
            committed += max(0, reservation.commitment_minor() - charged)
        return spent, committed

    # -- the check ---------------------------------------------------------------

    def check(self, ask: Ask, now: datetime) -> None:
        """402 `budget_exceeded` when `ask` would pass a limit; call it holding `lock`."""
        self._check_sku(ask)
        wanted = ask.wanted_minor
        if wanted <= 0:
            return  # it commits nothing new (it runs inside a hold it paid for)
        short = self._shortfall(self.limits(ask.principal, ask.project_id, now), wanted, now)
        if short is not None:
            raise self._refusal(short, ask)

    def _shortfall(self, limits: list[Limit], wanted: int, now: datetime) -> Shortfall | None:
        """The first limit that `wanted` more would pass, and where it stands."""
        for limit in limits:
            spent, committed = self.used(limit, now)
            headroom = max(0, limit.amount_minor - spent - committed)
            if wanted > headroom:
                return Shortfall(limit, spent, committed, headroom, wanted)
        return None

    def _check_sku(self, ask: Ask) -> None:
        grant = self.grants.grant_of(ask.principal)
        if grant is not None and ask.sku.id not in grant.allowed_skus:
            raise ApiError(
                "insufficient_permissions",
                f"Spend grant {grant.id} may be spent on {', '.join(grant.allowed_skus)}"
                f" only, not {ask.sku.id}.",
                details={"allowed_skus": list(grant.allowed_skus), "sku": ask.sku.id},
            )

    def _refusal(self, short: Shortfall, ask: Ask) -> ApiError:
        limit, headroom = short.limit, short.headroom
        room = headroom + ask.credit_minor
        largest_gpus = 0
        for gpus in range(ask.sku.gpus_per_node, 0, -1):
            each = commitment_minor(ask.price_per_gpu_hour_minor, gpus, ask.seconds)
            if each * ask.count <= room:
                largest_gpus = gpus
                break
        details = {**short.details(), "largest_gpus_total": largest_gpus}
        fits = f"at most {largest_gpus} GPUs of {ask.sku.id} would fit"
        if ask.count > 1:
            largest_count = room // ask.each_minor if ask.each_minor else ask.count
            details["largest_count"] = largest_count
            fits = (
                f"at most {largest_count} members of {ask.gpus_total} GPUs would fit"
                f" (or {largest_gpus} GPUs each for {ask.count} members)"
            )
        message = (
            f"This request commits {ask.wanted_minor} {limit.currency} minor units, but"
            f" {short.standing()}: {fits}. Ask for less, a shorter max runtime or a"
            " cheaper SKU, or raise the limit."
        )
        return ApiError("budget_exceeded", message, details=details)

    def renewal(self, allocation: Allocation, seconds: float, now: datetime) -> int:
        """The allocation's commitment once its lease runs `seconds` from `now`.

        What it adds to the present commitment is admitted against the limits of whoever
        created it (402 `budget_exceeded` when one would be passed); call holding `lock`.
        """
        sku = self.book.catalog.sku(allocation.sku)
        if sku is None or allocation.reservation_id is not None:
            return allocation.commitment_minor  # the reservation committed its whole window
        price = allocation.price_or(sku.price_per_gpu_hour_minor)
        renewed = self.book.accrued(allocation, now) + commitment_minor(
            price, allocation.gpus_total, seconds
        )
        wanted = renewed - allocation.commitment_minor
        if wanted <= 0:
            return allocation.commitment_minor
        creator = allocation.created_by or ""
        limits = self._limits(creator, self.grants.grants.get(creator), allocation.project_id, now)
        short = self._shortfall(limits, wanted, now)
        if short is not None:
            raise ApiError(
                "budget_exceeded",
                f"Renewing the lease of allocation {allocation.id} commits {wanted}"
                f" {short.limit.currency} minor units more, but {short.standing()}. Release"
                " it, or raise the limit; it is released when its lease runs out.",
                details={**short.details(), "allocation_id": allocation.id},
            )
        return renewed

    # -- what a grant or budget has used ---------------------------------------------

    def account_spend(self, account_id: str, now: datetime) -> int:
        """What a service account spent this month: its own, and through the grants it issued."""
        month = month_start(now)
        limit = Limit("service_account", account_id, 0, "", month)
        return self.usage(limit.owns, month, now)[0]

    def grant_usage(self, grant_id: str, since: datetime, now: datetime) -> tuple[int, int]:
        return self.usage(lambda item: item.created_by == grant_id, since, now)

    def project_usage(self, project_id: str, now: datetime) -> tuple[int, int]:
        return self.usage(lambda item: item.project_id == project_id, month_start(now), now)

    @staticmethod
    def on_behalf_of(principal: Principal) -> str | None:
        """Whose limits a grant's spend also counts against: its issuer's."""
        return principal.issued_by if isinstance(principal, GrantPrincipal) else None
