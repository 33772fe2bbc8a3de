"""Budget events: `budget.threshold_reached` and `budget.exceeded` for service-account caps.

Everything that announces a budget crossing goes through `BudgetWatch`, and the rule
"once per crossing" lives in one method, `_first`:

- spend crossing a level: spend is read off the allocations' timelines (nothing runs in
  the background), so the watch is an event-log source like the allocations' transitions:
  asked at `now`, it announces the levels the month's spend has passed since, stamped
  with the moment it passed them (found by bisection: spend only grows within a month);
- a create (or lease renewal) refused with 402 `budget_exceeded` by a service account's
  cap: `refusals()` wraps it and announces `budget.exceeded` (`reason: create_refused`)
  for the account whose cap refused (the caller's, or the issuer of its spend grant) as
  the error leaves.

A level is announced once per (account, calendar month, cap): a new month, or a new cap,
can announce it again. The threshold is `SimConfig.budget_threshold_percent` of the cap
(80 by default); `budget.exceeded` is the spend passing the cap, or a refusal, whichever
comes first in the month.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import Any

from ..runtime.clock import SimClock, format_time
from ..runtime.state_codec import PersistedFields
from .allocations import month_start
from .errors import ApiError
from .events import EventLog
from .service_accounts import ServiceAccount, ServiceAccountBook

__all__ = ["BudgetWatch"]

_PRECISION = timedelta(seconds=1)
"""How close to the real crossing a spend event's `occurred_at` is found."""


class BudgetWatch(PersistedFields):
    """Announces budget crossings into the event log (hence the SSE stream and webhooks)."""

    def __init__(
        self,
        clock: SimClock,
        accounts: ServiceAccountBook,
        events: EventLog,
        threshold_percent: int = 80,
    ) -> None:
        self.clock = clock
        self.accounts = accounts
        self.events = events
        self.threshold_percent = threshold_percent
        self.announced: set[str] = set()
        """`account|YYYY-MM|cap|level` of every crossing announced."""
        self._lock = threading.Lock()

    # -- spend crossing a level (an event-log source) -----------------------------------

    def __call__(self, now: datetime) -> list[dict[str, Any]]:
        """The crossings the month's spend has made by `now` and nobody announced yet."""
        events: list[dict[str, Any]] = []
        with self._lock:
            for account in list(self.accounts.accounts.values()):
                cap = account.monthly_spend_cap_minor
                if cap is None:
                    continue
                spent = self.accounts.spend_of(account.id, now)
                for level, passed in self._levels(cap):
                    if passed(spent) and self._first(account, now, cap, level):
                        at = self._crossing(account.id, passed, now)
                        spent_then = self._spend(account.id, at)
                        events.append(self._event(account, level, at, cap, spent_then))
        return events

    def _levels(self, cap: int) -> list[tuple[str, Callable[[int], bool]]]:
        threshold = math.ceil(cap * self.threshold_percent / 100)
        return [
            ("threshold", lambda spent: spent > 0 and spent >= threshold),
            ("exceeded", lambda spent: spent > cap),
        ]

    def _spend(self, account_id: str, at: datetime) -> int:
        return self.accounts.spend_of(account_id, at)

    def _crossing(self, account_id: str, passed: Callable[[int], bool], now: datetime) -> datetime:
        """The first moment this month (to the second) at which the spend had passed."""
        low, high = month_start(now), now
        while high - low > _PRECISION:
            middle = low + (high - low) / 2
            if passed(self._spend(account_id, middle)):
                high = middle
            else:
                low = middle
        return high

    # -- a create refused with 402 --------------------------------------------------------

    @contextmanager
    def refusals(self) -> Iterator[None]:
        """Announce `budget.exceeded` when a service account's cap refuses the block (402)."""
        try:
            yield
        except ApiError as error:
            details = error.details or {}
            if error.code == "budget_exceeded" and details.get("limit_kind") == "service_account":
                self._refused(str(details.get("limit_id")), details)
            raise

    def _refused(self, account_id: str, details: Mapping[str, Any]) -> None:
        account = self.accounts.accounts.get(account_id)
        cap = details.get("cap_minor")
        if account is None or not isinstance(cap, int):
            return
        now = self.clock.now()
        # The log's lock, then ours (the order `sync` takes them in): spend crossings
        # that became due before this refusal get their earlier ids first.
        with self.events.changed:
            self.events.sync(now)
            with self._lock:
                first = self._first(account, now, cap, "exceeded")
            if first:
                event = self._event(
                    account,
                    "exceeded",
                    now,
                    cap,
                    int(details.get("spent_minor", 0)),
                    refused_cost=int(details.get("estimated_cost_minor", 0)),
                )
                self.events.publish(event, at=now)

    # -- once per crossing ----------------------------------------------------------------

    def _first(self, account: ServiceAccount, now: datetime, cap: int, level: str) -> bool:
        """True the first time `level` is reached in this month under this cap (then never)."""
        key = f"{account.id}|{month_start(now):%Y-%m}|{cap}|{level}"
        if key in self.announced:
            return False
        self.announced.add(key)
        return True

    def _event(
        self,
        account: ServiceAccount,
        level: str,
        at: datetime,
        cap: int,
        spent: int,
        *,
        refused_cost: int | None = None,
    ) -> dict[str, Any]:
        """The event of a crossing; `refused_cost` for a refusal, the refused create's estimate."""
        common = {
            "occurred_at": format_time(at),
            "tenant_id": account.tenant_id,
            "service_account_id": account.id,
            "cap_minor": cap,
            "spent_minor": spent,
            "currency": account.currency,
        }
        if level == "threshold":
            return {
                "type": "budget.threshold_reached",
                **common,
                "threshold_percent": self.threshold_percent,
            }
        return {
            "type": "budget.exceeded",
            **common,
            "reason": "spend_crossed_cap" if refused_cost is None else "create_refused",
            "estimated_cost_minor": refused_cost,
        }

    # -- persistence -----------------------------------------------------------------------

    @staticmethod
    def _state_spec() -> dict[str, Any]:
        return {"announced": set[str]}
