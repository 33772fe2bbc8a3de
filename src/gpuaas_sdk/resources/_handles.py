"""What every handle shares, sync or async: it *is* its model, plus a way back to the platform.

A handle subclasses the generated model (`Allocation`, `AppInstance`), so code that
reads fields, type-checks against the model or calls `to_dict()` keeps working. Its
fields are the platform's answer as of the last look; the handle's methods refresh
them in place. A handle pickles, copies and compares as its model (the connection to
the platform is not data), and `to_dict()` is the model's.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

import attrs

from ..errors import ArgumentError

ENDED = frozenset({"released", "failed"})
"""States a resource never leaves: `is_terminal`."""


class ModelHandle:
    """Mixed in before the model: equality, pickling and in-place updates by its fields."""

    _model: ClassVar[type[Any]]

    if TYPE_CHECKING:  # the model's own, which the mixin's methods use
        additional_properties: dict[str, Any]

        def to_dict(self) -> dict[str, Any]: ...

    @classmethod
    def _fields_of(cls, model: Any) -> dict[str, Any]:
        return {f.name: getattr(model, f.name) for f in attrs.fields(cls._model) if f.init}

    def _update(self, fresh: Any) -> None:
        """Take the fields of a newer answer about the same resource."""
        for name, value in self._fields_of(fresh).items():
            setattr(self, name, value)
        self.additional_properties = dict(fresh.additional_properties)

    def __reduce__(self) -> tuple[Callable[..., Any], tuple[Any, ...]]:
        """Pickled (and copied) as the model: the platform connection is not data."""
        return (self._model.from_dict, (self.to_dict(),))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, self._model):
            return NotImplemented
        return bool(self.to_dict() == other.to_dict())

    __hash__ = None  # type: ignore[assignment]  # mutable, like the model


def ended(status: object) -> bool:
    return str(status) in ENDED


def succeeded(status: object) -> bool | None:
    """True once it ended without failing (released), False if it failed, None before."""
    if not ended(status):
        return None
    return str(status) == "released"


class Deadline:
    """One deadline shared by the steps of a longer wait; `timeout=None`: none."""

    def __init__(self, timeout: float | None) -> None:
        if timeout is not None and (isinstance(timeout, bool) or not timeout > 0):
            raise ArgumentError(
                f"timeout must be positive seconds, or None for no deadline (got {timeout!r})"
            )
        self.timeout = timeout
        self._end = math.inf if timeout is None else time.monotonic() + timeout

    def remaining(self) -> float | None:
        """Seconds left (at least a millisecond, so a step still looks once); None: no deadline."""
        if self.timeout is None:
            return None
        return max(0.001, self._end - time.monotonic())

    @property
    def passed(self) -> bool:
        return time.monotonic() >= self._end
