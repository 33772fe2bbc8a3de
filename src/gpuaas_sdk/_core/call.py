"""How a facade method runs one generated operation, sync or async.

A resource builds a `Call` (which generated endpoint, with which arguments, and
what a success returns) in shared code; the sync and async twins only differ in
how they run it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from gpuaas_api.exceptions import MalformedResponseError

if TYPE_CHECKING:
    from gpuaas_api.client import Client as GeneratedClient

T = TypeVar("T")


@dataclass(frozen=True)
class Call(Generic[T]):
    endpoint: ModuleType
    """A module of `gpuaas_api.api`, with `sync_detailed` and `asyncio_detailed`."""
    kwargs: dict[str, Any]
    returns: type[T]


@contextmanager
def _parsing(call: Call[Any]) -> Iterator[None]:
    try:
        yield
    except (KeyError, ValueError, TypeError, AttributeError) as exc:
        raise MalformedResponseError(
            f"{_name(call)}: the response does not match the contract: {exc!r}",
            code="malformed_response",
        ) from exc


def _name(call: Call[Any]) -> str:
    return call.endpoint.__name__.rsplit(".", 1)[-1]


def _expect(call: Call[T], parsed: object) -> T:
    if isinstance(parsed, call.returns):
        return parsed
    raise MalformedResponseError(
        f"{_name(call)}: expected {call.returns.__name__}, got {type(parsed).__name__}",
        code="malformed_response",
    )


def run(raw: GeneratedClient, call: Call[T]) -> T:
    with _parsing(call):
        response = call.endpoint.sync_detailed(client=raw, **call.kwargs)
    return _expect(call, response.parsed)


async def arun(raw: GeneratedClient, call: Call[T]) -> T:
    with _parsing(call):
        response = await call.endpoint.asyncio_detailed(client=raw, **call.kwargs)
    return _expect(call, response.parsed)


def unset_if_none(value: T | None) -> Any:
    """The generated layer's UNSET for an argument the caller left out."""
    from gpuaas_api.types import UNSET

    return UNSET if value is None else value
