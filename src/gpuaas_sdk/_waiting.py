"""Waiting for a resource to reach a state, shared by every waiter, sync or async.

The waiter polls with jittered exponential backoff, checks once more at the
deadline, fails fast on a failure state the caller did not ask for, and treats
throttling or a transient failure of one poll as a missed poll, not as the end
of the wait.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Collection
from enum import Enum
from typing import Any

from gpuaas_api.exceptions import APIConnectionError, RateLimitError, ServerError

from .errors import ArgumentError, ResourceFailedError, WaitTimeoutError

TRANSIENT_POLL_ERRORS = (RateLimitError, ServerError, APIConnectionError)


def state_names(states: Collection[str | Enum], known: type[Enum]) -> frozenset[str]:
    """Normalize wanted states and refuse ones the resource can never have."""
    names = frozenset(s.value if isinstance(s, Enum) else str(s) for s in states)
    unknown = names - {m.value for m in known}
    if not names or unknown:
        allowed = ", ".join(sorted(m.value for m in known))
        raise ArgumentError(f"states must be among: {allowed} (got {sorted(names) or 'none'})")
    return names


class Waiter:
    def __init__(
        self,
        *,
        kind: str,
        resource_id: str,
        states: frozenset[str],
        failure_states: frozenset[str],
        timeout: float,
        state_of: Callable[[Any], str],
        reason_of: Callable[[Any], str | None],
        initial_delay: float = 0.5,
        max_delay: float = 10.0,
    ) -> None:
        if timeout <= 0:
            raise ArgumentError(f"timeout must be positive seconds (got {timeout})")
        self._kind = kind
        self._id = resource_id
        self._states = states
        self._failure_states = failure_states - states
        self._timeout = timeout
        self._deadline = time.monotonic() + timeout
        self._state_of = state_of
        self._reason_of = reason_of
        self._delay = initial_delay
        self._max_delay = max_delay
        self._last: Any = None
        self._last_error: Exception | None = None
        self.polls = 0

    def reached(self, resource: Any) -> bool:
        """Whether to return `resource`; raises if it failed instead."""
        self.polls += 1
        self._last = resource
        state = self._state_of(resource)
        if state in self._states:
            return True
        if state in self._failure_states:
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
        self._last_error = error

    def next_delay(self) -> float:
        """Seconds to sleep before the next poll; raises once the deadline has passed."""
        remaining = self._deadline - time.monotonic()
        if remaining <= 0:
            state = self._state_of(self._last) if self._last is not None else None
            seen = f"last state {state}" if state else "no state seen"
            if self._last_error is not None:
                seen += f"; last poll error: {self._last_error}"
            raise WaitTimeoutError(
                f"{self._kind} {self._id} did not reach {', '.join(sorted(self._states))} "
                f"within {self._timeout:g}s ({seen})",
                code="wait_timeout",
                resource=self._last,
                state=state,
            )
        delay = random.uniform(self._delay / 2, self._delay)
        self._delay = min(self._delay * 2, self._max_delay)
        return min(delay, remaining)
