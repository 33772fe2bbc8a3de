"""Lazy event sources: lifecycles that publish their events into the `EventLog`.

An allocation's status is read off its timeline at the simulated time, so nothing
announces a transition when it happens. `AllocationStatusSource` is asked by the
log (on every read) for what has become due and hands out each transition once,
stamped with the simulated time at which it happened.
"""

from __future__ import annotations

import threading
from datetime import datetime
from typing import Any

from ..runtime.clock import format_time
from .allocations import AllocationBook

__all__ = ["AllocationStatusSource"]


class AllocationStatusSource:
    """`allocation.status_changed` for every transition of every allocation, once each.

    Transitions already due never change (a release only rewrites the future part
    of a timeline), so remembering how many of each timeline were published is enough.
    """

    def __init__(self, book: AllocationBook) -> None:
        self._book = book
        self._published: dict[str, int] = {}
        self._lock = threading.Lock()

    def __call__(self, now: datetime) -> list[dict[str, Any]]:
        events: list[dict[str, Any]] = []
        self._book.settle(now)  # lazy rules (reservations ending) first
        with self._lock:
            for allocation in list(self._book.allocations.values()):
                timeline = list(allocation.timeline)
                done = self._published.get(allocation.id, 0)
                due = done
                while due < len(timeline) and timeline[due].at <= now:
                    step = timeline[due]
                    previous = timeline[due - 1].status if due else None
                    events.append(
                        {
                            "type": "allocation.status_changed",
                            "occurred_at": format_time(step.at),
                            "tenant_id": allocation.tenant_id,
                            "allocation_id": allocation.id,
                            "status": step.status,
                            "previous_status": previous,
                            "failure_reason": step.failure_reason,
                        }
                    )
                    due += 1
                self._published[allocation.id] = due
        return events

    def snapshot(self) -> dict[str, Any]:
        """How many transitions of each allocation were published, as plain data."""
        with self._lock:
            return {"published": dict(self._published)}

    def restore(self, data: dict[str, Any]) -> None:
        """Load a `snapshot()`, so transitions published before are not published again."""
        with self._lock:
            self._published = {str(k): int(v) for k, v in data.get("published", {}).items()}
