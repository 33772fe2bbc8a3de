"""Waiting for a resource to reach a state, shared by every waiter, sync or async.

One state machine (`Waiter`) decides; the sync and async drivers only differ in
how they sleep, fetch and listen. The rules:

- Events first: the driver opens the account event stream (when the server has it)
  *before* the first GET, so a change between the two is not missed; every status
  change announced for the resource wakes the waiter for a confirming GET. The
  answer is always the GET's resource, never the event. A stream that is refused
  (older server, 403/404) or dropped for good turns the wait into polling, silently.
- Polls: with no event, the waiter polls on its own schedule. The server's poll hint
  (`Retry-After-Ms` / `Retry-After` on the GET, present while the resource is in a
  transitional state) says when the next change is due: the next poll is never
  earlier than the hint. Without a hint, jittered exponential backoff up to
  `max_delay`. While events flow, polls are only a safety net: no earlier than the
  hint *and* the backoff.
- The deadline: no sleep goes past it, and one last check happens at it; then
  `WaitTimeoutError`, carrying the last state (and the last poll error, if any).
  `timeout=None` waits without a deadline.
- Failure states the caller did not ask for raise `ResourceFailedError` with the
  reason at once. Throttling (429, whose `Retry-After` the HTTP layer honours) or a
  transient failure of one poll is a missed poll, not the end of the wait: the
  wait's cadence is its own, separate from per-call retries.
"""

from __future__ import annotations

import logging
import math
import random
import time
from collections.abc import Callable, Collection
from dataclasses import dataclass
from enum import Enum
from typing import Any

from gpuaas_api.exceptions import APIConnectionError, RateLimitError, ServerError

from ..errors import ArgumentError, ResourceFailedError, WaitTimeoutError

log = logging.getLogger("gpuaas_sdk")

TRANSIENT_POLL_ERRORS = (RateLimitError, ServerError, APIConnectionError)

STREAM_OPEN_TIMEOUT = 10.0
"""Longest wait for the event stream to open before the first GET goes anyway."""


def check_timeout(timeout: float | None) -> None:
    """A wait's `timeout`: positive seconds, or None for no deadline."""
    if timeout is not None and (isinstance(timeout, bool) or not timeout > 0):
        raise ArgumentError(
            "timeout must be positive seconds, or None to wait without a deadline"
            f" (got {timeout!r})"
        )


def state_names(states: Collection[str | Enum], known: type[Enum]) -> frozenset[str]:
    """Normalize wanted states and refuse ones the resource can never have."""
    names = frozenset(s.value if isinstance(s, Enum) else str(s) for s in states)
    unknown = names - {m.value for m in known}
    if not names or unknown:
        allowed = ", ".join(sorted(m.value for m in known))
        raise ArgumentError(f"states must be among: {allowed} (got {sorted(names) or 'none'})")
    return names


@dataclass(frozen=True)
class WaitProgress:
    """What a waiter reports to its `progress=` callback after every look at the resource."""

    kind: str
    """What is waited for: "allocation", "app instance", "payment session"."""
    resource_id: str
    state: str | None
    """The state seen by this look, or the last one seen when the look failed."""
    changed: bool
    """Whether `state` differs from the one the previous look saw (True for the first)."""
    elapsed: float
    """Seconds since the wait began."""
    next_check_in: float | None
    """Seconds until the next look at the latest (sooner if an event announces a change);
    None when the wait is over."""
    error: Exception | None = None
    """The transient error of a failed look (the wait goes on)."""


WaitProgressCallback = Callable[[WaitProgress], None]


class Waiter:
    """The decisions of one wait: done, failed, or how long until the next look."""

    def __init__(
        self,
        *,
        kind: str,
        resource_id: str,
        states: frozenset[str],
        failure_states: frozenset[str],
        timeout: float | None,
        state_of: Callable[[Any], str],
        reason_of: Callable[[Any], str | None],
        initial_delay: float = 0.5,
        max_delay: float = 10.0,
        clock: Callable[[], float] = time.monotonic,
        progress: WaitProgressCallback | None = None,
    ) -> None:
        check_timeout(timeout)
        self._kind = kind
        self._id = resource_id
        self._states = states
        self._failure_states = failure_states - states
        self._timeout = timeout
        self._clock = clock
        self._started = clock()
        self._deadline = math.inf if timeout is None else self._started + timeout
        self._state_of = state_of
        self._reason_of = reason_of
        self._delay = initial_delay
        self._max_delay = max_delay
        self._hint: float | None = None
        self._last: Any = None
        self._last_error: Exception | None = None
        self._progress = progress
        self._state: str | None = None
        self._changed = False
        self.polls = 0

    @property
    def remaining(self) -> float:
        return max(0.0, self._deadline - self._clock())

    def reached(self, resource: Any, hint: float | None = None) -> bool:
        """Whether to return `resource`; raises if it failed instead.

        `hint`: the server's seconds until the next change, from the same answer.
        """
        self.polls += 1
        self._last = resource
        self._hint = hint
        self._last_error = None
        state = self._state_of(resource)
        self._observe(state)
        if state in self._states:
            self._report(None)
            return True
        if state in self._failure_states:
            self._report(None)
            reason = self._reason_of(resource)
            raise ResourceFailedError(
                f"{self._kind} {self._id} is {state}"
                + (f": {reason}" if reason else "")
                + f" (waited for {', '.join(sorted(self._states))})",
                resource=resource,
                state=state,
                reason=reason,
            )
        return False

    def missed(self, error: Exception) -> None:
        """Remember a poll that failed transiently; the wait goes on."""
        self.polls += 1
        self._hint = None
        self._last_error = error
        self._changed = False

    def next_delay(self, *, following_events: bool = False) -> float:
        """Seconds until the next poll; raises once the deadline has passed.

        Never earlier than the server's hint, never past the deadline (so the last
        check happens at it). With events, the poll is a safety net: no earlier
        than the backoff either.
        """
        remaining = self._deadline - self._clock()
        if remaining <= 0:
            self._report(None)
            raise self._timed_out()
        hint, self._hint = self._hint, None
        if hint is not None and not following_events:
            delay = min(hint, remaining)
        else:
            backoff = random.uniform(self._delay / 2, self._delay)
            self._delay = min(self._delay * 2, self._max_delay)
            delay = min(max(backoff, hint or 0.0), remaining)
        self._report(delay)
        return delay

    def _observe(self, state: str) -> None:
        self._changed = state != self._state
        if self._changed:
            elapsed = self._clock() - self._started
            if self._state is None:
                log.info("%s %s is %s (after %.1fs)", self._kind, self._id, state, elapsed)
            else:
                log.info(
                    "%s %s: %s -> %s (after %.1fs)",
                    self._kind, self._id, self._state, state, elapsed,
                )  # fmt: skip
            self._state = state

    def _report(self, next_check_in: float | None) -> None:
        if self._progress is None:
            return
        self._progress(
            WaitProgress(
                kind=self._kind,
                resource_id=self._id,
                state=self._state,
                changed=self._changed,
                elapsed=self._clock() - self._started,
                next_check_in=next_check_in,
                error=self._last_error,
            )
        )
        self._changed = False

    def _timed_out(self) -> WaitTimeoutError:
        state = self._state_of(self._last) if self._last is not None else None
        seen = f"last state {state}" if state else "no state seen"
        if self._last_error is not None:
            seen += f"; last poll error: {self._last_error}"
        return WaitTimeoutError(
            f"{self._kind} {self._id} did not reach {', '.join(sorted(self._states))} "
            f"within {self._timeout or 0:g}s ({seen})",
            code="wait_timeout",
            resource=self._last,
            state=state,
        )
