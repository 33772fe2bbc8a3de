"""What every handle shares, sync or async: it *is* its model, plus a way back to the platform.

A handle subclasses the generated model (`Allocation`, `AppInstance`), so code that
reads fields, type-checks against the model or calls `to_dict()` keeps working. Its
fields are the platform's answer as of the last look; the handle's methods refresh
them in place. A handle pickles, copies and compares as its model (the connection to
the platform is not data), and `to_dict()` is the model's.
"""

from __future__ import annotations

import math
import operator
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar, Self

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

    _fields: ClassVar[tuple[str, ...]]
    """The model's fields, in the order its `__init__` takes them."""
    _values: ClassVar[Callable[[Any], tuple[Any, ...]]]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls._fields = tuple(f.name for f in attrs.fields(cls._model) if f.init)
        getter = operator.attrgetter(*cls._fields)
        cls._values = staticmethod(getter if len(cls._fields) > 1 else lambda m: (getter(m),))

    @classmethod
    def _copy_of(cls, model: Any) -> Self:
        """A handle holding `model`'s fields (passed in order: a handle is made per answer)."""
        build: Callable[..., Self] = cls  # the model's __init__, which the mixin does not know
        handle = build(*cls._values(model))
        handle.additional_properties = dict(model.additional_properties)
        return handle

    def _update(self, fresh: Any) -> None:
        """Take the fields of a newer answer about the same resource."""
        for name, value in zip(self._fields, type(self)._values(fresh), strict=True):
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
