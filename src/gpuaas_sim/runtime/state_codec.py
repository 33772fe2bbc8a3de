"""Plain data for persisted state: dataclasses to JSON-ready values and back, guided by type hints.

Books snapshot their records with `to_plain` and rebuild them with `from_plain`, so
nothing live (locks, clocks, callables) is ever written: a field whose value is a
`SimClock` is left out and handed back at restore time (`inject`), and a field
missing from older data takes its default, so records can grow new fields.
"""

from __future__ import annotations

import base64
import dataclasses
import random
import struct
import types
import typing
from collections.abc import Mapping
from contextlib import AbstractContextManager
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

from .clock import SimClock

__all__ = [
    "PersistedFields",
    "StateError",
    "from_plain",
    "restore_fields",
    "restore_rng",
    "rng_state",
    "snapshot_fields",
    "to_plain",
]


class StateError(ValueError):
    """Persisted state that cannot be read back into the simulator's records."""


_SCALARS = (str, int, float, bool, type(None))


def to_plain(value: Any, *, skip: tuple[str, ...] = ()) -> Any:
    """JSON-ready data for `value`; `skip` names top-level dataclass fields to leave out."""
    kind: type = type(value)
    if kind in _SCALARS:
        return value
    if kind is datetime:
        return value.isoformat()
    if kind is list or kind is tuple:
        return [to_plain(item) for item in value]
    if kind is dict:
        if all(type(key) is str for key in value):
            return {key: to_plain(item) for key, item in value.items()}
        return [[to_plain(key), to_plain(item)] for key, item in value.items()]
    shape = _shape(kind)
    if shape is None:
        return _other_to_plain(value)
    plain = {}
    for name in shape:
        item = getattr(value, name)
        if name not in skip and not isinstance(item, SimClock):
            plain[name] = to_plain(item)
    return plain


def _other_to_plain(value: Any) -> Any:
    if isinstance(value, random.Random):
        return rng_state(value)
    if isinstance(value, str | int | float | bool):  # subclasses (enums of str, ...)
        return value
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, Mapping):
        return to_plain(dict(value))
    if isinstance(value, set | frozenset):
        return sorted((to_plain(item) for item in value), key=repr)
    if isinstance(value, list | tuple):
        return [to_plain(item) for item in value]
    raise StateError(f"cannot persist a {type(value).__name__}")


@cache
def _shape(cls: type) -> tuple[str, ...] | None:
    """A dataclass's field names; None for other types."""
    if not dataclasses.is_dataclass(cls):
        return None
    return tuple(f.name for f in dataclasses.fields(cls))


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def from_plain(tp: Any, data: Any, **inject: Any) -> Any:
    """Rebuild a value of type `tp` from `to_plain` data; `inject` fills left-out fields."""
    try:
        return _decode(tp, data, inject)
    except (TypeError, ValueError, KeyError, AttributeError) as exc:
        if isinstance(exc, StateError):
            raise
        name = getattr(tp, "__name__", str(tp))
        raise StateError(f"persisted {name} is not readable: {exc}") from exc


def _decode(tp: Any, data: Any, inject: Mapping[str, Any]) -> Any:
    if tp is Any or data is None:
        return data
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        kinds = [arg for arg in args if arg is not type(None)]
        return _decode(kinds[0], data, inject) if len(kinds) == 1 else data
    if origin is typing.Literal:
        return data
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        hints = _hints(tp)
        values = {}
        for f in dataclasses.fields(tp):
            if not f.init:
                continue  # derived by the record itself
            if f.name in inject:
                values[f.name] = inject[f.name]
            elif f.name in data:
                values[f.name] = _decode(hints[f.name], data[f.name], inject)
            elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
                raise StateError(f"persisted {tp.__name__} has no {f.name!r}")
        return tp(**values)
    if tp is datetime:
        return datetime.fromisoformat(data)
    if tp is Path:
        return Path(data)
    if tp is bytes:
        return base64.b64decode(data)
    if tp in (str, int, float, bool):
        return tp(data)
    if origin in (dict, Mapping):
        key_type, value_type = args or (Any, Any)
        pairs = data.items() if isinstance(data, dict) else data
        return {_decode(key_type, k, inject): _decode(value_type, v, inject) for k, v in pairs}
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_decode(args[0], item, inject) for item in data)
        return tuple(_decode(arg, item, inject) for arg, item in zip(args, data, strict=True))
    if origin is list:
        return [_decode(args[0], item, inject) for item in data]
    if origin in (set, frozenset):
        return origin(_decode(args[0], item, inject) for item in data)
    return data


class PersistedFields:
    """`snapshot()` / `restore()` for a book whose state is the attributes `_state_spec()` names.

    Both run under `_state_lock()` (the book's `_lock` unless it says otherwise); a book
    with more to bring back extends them.
    """

    _lock: AbstractContextManager[Any]

    @staticmethod
    def _state_spec() -> dict[str, Any]:
        """Attribute name -> type of everything the book persists."""
        raise NotImplementedError

    def _state_lock(self) -> AbstractContextManager[Any]:
        return self._lock

    def snapshot(self) -> dict[str, Any]:
        """The book's state as plain data."""
        with self._state_lock():
            return snapshot_fields(self, self._state_spec())

    def restore(self, data: Mapping[str, Any]) -> None:
        """Load a `snapshot()`; fields added to the records since then take their defaults."""
        with self._state_lock():
            restore_fields(self, data, self._state_spec())


def snapshot_fields(owner: object, spec: Mapping[str, Any]) -> dict[str, Any]:
    """The attributes of `owner` named in `spec` (name -> type) as plain data."""
    return {name: to_plain(getattr(owner, name)) for name in spec}


def restore_fields(
    owner: object, data: Mapping[str, Any], spec: Mapping[str, Any], **inject: Any
) -> None:
    """Put `snapshot_fields` data back; containers are refilled in place (others hold them).

    A name missing from `data` (state written before it existed) keeps its current value.
    """
    for name, tp in spec.items():
        if name not in data:
            continue
        current = getattr(owner, name)
        if isinstance(current, random.Random):
            restore_rng(current, data[name])
            continue
        value = from_plain(tp, data[name], **inject)
        if isinstance(current, list):
            current[:] = value
        elif isinstance(current, dict | set):
            current.clear()
            current.update(value)
        else:
            setattr(owner, name, value)


def rng_state(rng: random.Random) -> Any:
    """A `random.Random`'s position as compact plain data, so ids do not repeat after a restart."""
    version, internal, gauss = rng.getstate()
    packed = struct.pack(f"<{len(internal)}I", *internal)
    return [version, base64.b64encode(packed).decode("ascii"), gauss]


def restore_rng(rng: random.Random, state: Any) -> None:
    """Put a `rng_state` back."""
    version, packed, gauss = state
    raw = base64.b64decode(packed)
    rng.setstate((version, struct.unpack(f"<{len(raw) // 4}I", raw), gauss))
