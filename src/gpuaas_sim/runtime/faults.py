"""Injected faults: the failures a retrying client must survive, on demand and in order."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import AbstractContextManager, nullcontext
from dataclasses import asdict, dataclass, fields
from typing import Any, Literal

from gpuaas_api.exceptions import ERROR_CATALOG

__all__ = [
    "PLACEMENT_KINDS",
    "REQUEST_KINDS",
    "ConnectionDropped",
    "Fault",
    "FaultInjector",
    "FaultKind",
]

FaultKind = Literal["status", "html", "drop", "latency", "expire_token", "placement_drop"]
REQUEST_KINDS = frozenset({"status", "html", "drop", "latency", "expire_token"})
"""Kinds the gateway fires on requests."""
PLACEMENT_KINDS = frozenset({"placement_drop"})
"""Kinds the platform fires inside a request: a fleet member's node never comes up."""
_KINDS = REQUEST_KINDS | PLACEMENT_KINDS


class ConnectionDropped(Exception):
    """Raised inside the app after the response head went out, so the body never arrives."""


@dataclass
class Fault:
    """One fault to inject into the next `times` requests matching `method` and `path`.

    `path` is an exact path or a prefix ending in `*`; None matches anything.
    Kinds:
      * ``status``: answer `status` (default 503) with the catalog code for it and
        `Retry-After` (`retry_after`, default 1 for 429 and 503); nothing is executed.
      * ``html``: answer `status` (default 502) with an HTML page, like a proxy would.
      * ``drop``: execute the request, send the response head, then cut the connection.
      * ``latency``: wait `delay` seconds, then handle the request normally.
      * ``expire_token``: treat the presented access token as expired (401 token_expired).
      * ``placement_drop``: not a request fault: the next `times` node placements of fleet
        members fail (the node never comes up); `method` and `path` must be left out.
    `times=None` keeps the fault armed for every matching request (or placement).
    """

    method: str | None = None
    path: str | None = None
    times: int | None = 1
    kind: FaultKind = "status"
    status: int | None = None
    retry_after: int | None = None
    delay: float = 0.0
    code: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in _KINDS:
            raise ValueError(
                f"unknown fault kind {self.kind!r}; known: {', '.join(sorted(_KINDS))}"
            )
        if self.times is not None and self.times < 1:
            raise ValueError("times must be at least 1 (or None for always)")
        if self.status is not None and not 400 <= self.status <= 599:
            raise ValueError("a fault status must be a 4xx or 5xx code")
        if self.retry_after is not None and self.retry_after < 0:
            raise ValueError("retry_after must not be negative")
        if self.code is not None and self.code not in ERROR_CATALOG:
            raise ValueError(f"{self.code!r} is not a code of the error catalog")
        if self.kind in PLACEMENT_KINDS and (self.method is not None or self.path is not None):
            raise ValueError(
                "a placement_drop fault hits node placements: leave out method and path"
            )

    @classmethod
    def from_json(cls, rule: Mapping[str, Any]) -> Fault:
        """A fault from its JSON shape (the fields above); ValueError says what is wrong.

        Used by the control API (`POST /_sim/faults`) and by fault profiles, so a rule
        written for one works in the other.
        """
        if not isinstance(rule, Mapping):
            raise ValueError("a fault rule must be a JSON object")
        unknown = sorted(set(rule) - _FIELD_TYPES.keys())
        if unknown:
            raise ValueError(
                f"unknown fault field(s) {', '.join(unknown)}; "
                f"known: {', '.join(sorted(_FIELD_TYPES))}"
            )
        for name, value in rule.items():
            expected = _FIELD_TYPES[name]
            if value is None and name in _NULLABLE:
                continue
            if isinstance(value, bool) or not isinstance(value, expected):
                kind = " or ".join(t.__name__ for t in expected)
                raise ValueError(f"fault field {name!r} must be {kind}, not {value!r}")
        values = dict(rule)
        if isinstance(values.get("delay"), int):
            values["delay"] = float(values["delay"])
        if values.get("kind", "status") == "latency" and values.get("delay", 0.0) <= 0:
            raise ValueError("a latency fault needs a positive `delay` (seconds)")
        if values.get("delay", 0.0) < 0 or values.get("delay", 0.0) > 60:
            raise ValueError("`delay` must be from 0 to 60 seconds")
        return cls(**values)

    def to_json(self) -> dict[str, Any]:
        """The rule as `from_json` reads it."""
        return asdict(self)

    def matches(self, method: str, path: str) -> bool:
        if self.method is not None and self.method.upper() != method.upper():
            return False
        if self.path is None:
            return True
        if self.path.endswith("*"):
            return path.startswith(self.path[:-1])
        return path == self.path


_FIELD_TYPES: dict[str, tuple[type, ...]] = {
    "method": (str,),
    "path": (str,),
    "times": (int,),
    "kind": (str,),
    "status": (int,),
    "retry_after": (int,),
    "delay": (int, float),
    "code": (str,),
}
_NULLABLE = frozenset({"method", "path", "times", "status", "retry_after", "code"})
assert _FIELD_TYPES.keys() == {f.name for f in fields(Fault)}


@dataclass
class _Armed:
    fault: Fault
    remaining: int | None


class FaultInjector:
    """The armed faults of one simulator, checked in the order they were added.

    The armed rules and the hits they have left are state (`snapshot()`/`restore()`), so
    simulator processes sharing a database share them; `guard` makes `add()` and
    `clear()` transactions there.
    """

    def __init__(self) -> None:
        self._armed: list[_Armed] = []
        self._lock = threading.Lock()
        self.guard: Callable[[], AbstractContextManager[Any]] = nullcontext

    def add(self, *faults: Fault) -> None:
        with self.guard(), self._lock:
            self._armed.extend(_Armed(fault, fault.times) for fault in faults)

    def clear(self) -> None:
        with self.guard(), self._lock:
            self._armed.clear()

    def take(
        self, method: str, path: str, *, kinds: frozenset[str] = REQUEST_KINDS
    ) -> Fault | None:
        """The first armed fault of `kinds` matching this request, consuming one of its hits."""
        with self._lock:
            for armed in self._armed:
                if armed.fault.kind not in kinds or not armed.fault.matches(method, path):
                    continue
                if armed.remaining is not None:
                    armed.remaining -= 1
                    if armed.remaining == 0:
                        self._armed.remove(armed)
                return armed.fault
        return None

    def placement_dropped(self) -> bool:
        """Whether the next node placement fails (a `placement_drop` fault fires and is used)."""
        return self.take("", "", kinds=PLACEMENT_KINDS) is not None

    def armed(self) -> list[tuple[Fault, int | None]]:
        """Every armed fault in checking order, with the hits it has left (None: unlimited)."""
        with self._lock:
            return [(armed.fault, armed.remaining) for armed in self._armed]

    def __len__(self) -> int:
        return len(self._armed)

    def snapshot(self) -> dict[str, Any]:
        """The armed rules in order, each with the hits it has left."""
        with self._lock:
            return {"armed": [[a.fault.to_json(), a.remaining] for a in self._armed]}

    def restore(self, data: Mapping[str, Any]) -> None:
        """Load a `snapshot()`."""
        armed = [_Armed(Fault(**rule), remaining) for rule, remaining in data.get("armed", [])]
        with self._lock:
            self._armed[:] = armed

    def __iter__(self) -> Iterator[Fault]:
        return iter([armed.fault for armed in self._armed])
