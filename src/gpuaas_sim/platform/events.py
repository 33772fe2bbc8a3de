"""The platform's event log: what the SSE streams, event history and webhooks read.

Events get strictly increasing integer ids (as strings) in the order they are
appended. Lifecycles here are lazy (a status is read off a timeline at the current
simulated time), so a resource registers a *source*: a callable that, given the
current time, returns the events that have become due since it was last asked,
each exactly once. `sync(now)` drains every source in time order before a read.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager, nullcontext
from datetime import datetime
from typing import Any

from ..runtime.clock import format_time

__all__ = ["EventLog", "EventSource"]

Event = dict[str, Any]
EventSource = Callable[[datetime], Iterable[Event]]


class EventLog:
    def __init__(self) -> None:
        self._events: list[Event] = []
        self._sources: list[EventSource] = []
        self._lock = threading.RLock()
        self.changed = threading.Condition(self._lock)
        self.syncing: Callable[[], AbstractContextManager[bool]] = _always
        """Around each read's `sync`: yields whether this read may drain the sources."""

    def add_source(self, source: EventSource) -> None:
        with self._lock:
            self._sources.append(source)

    def publish(self, event: Event, *, at: datetime) -> Event:
        """Append one event (a payload of components/events.yaml without `id`)."""
        with self._lock:
            stored = {**event, "id": str(len(self._events) + 1)}
            stored.setdefault("occurred_at", format_time(at))
            self._events.append(stored)
            self.changed.notify_all()
            return stored

    def sync(self, now: datetime) -> None:
        """Append the events every source has made due by `now`, oldest first."""
        with self._lock:
            due = [event for source in self._sources for event in source(now)]
            for event in sorted(due, key=lambda e: e["occurred_at"]):
                self.publish(event, at=now)

    def after(
        self,
        now: datetime,
        last_id: str | None = None,
        where: Callable[[Event], bool] | None = None,
    ) -> list[Event]:
        """Events after `last_id` (all when None) that match `where`, in id order."""
        with self.syncing() as may_sync, self._lock:
            if may_sync:
                self.sync(now)
            start = int(last_id) if last_id and last_id.isdigit() else 0
            return [e for e in self._events[start:] if where is None or where(e)]

    def snapshot_from(self, start: int) -> list[Event]:
        """Copies of the events from position `start` on (the log only ever grows)."""
        with self._lock:
            return [dict(event) for event in self._events[start:]]

    def restore(self, events: list[Event]) -> None:
        """Put persisted events back, so new ids continue after the last one."""
        with self._lock:
            self._events[:] = [dict(event) for event in events]

    def append_saved(self, event: Event) -> None:
        """Append an event another process saved (it has its id already)."""
        with self._lock:
            self._events.append(dict(event))
            self.changed.notify_all()

    def truncate(self, length: int) -> None:
        """Drop the events past `length` (appended here but never saved)."""
        with self._lock:
            del self._events[length:]

    def __len__(self) -> int:
        with self._lock:
            return len(self._events)


def _always() -> AbstractContextManager[bool]:
    return nullcontext(True)
