"""A client attribute whose resource (and its modules) is built on first access.

Importing every resource, its generated endpoints and models and the optional stacks
(WebSocket, SSE, transfers) made `import gpuaas_sdk` several times slower than
`import httpx`; a program pays now only for the resources it uses. The built resource
is stored on the instance, so later reads are plain attribute look-ups.
"""

from __future__ import annotations

import importlib
import threading
from typing import Any, Generic, Self, TypeVar, overload

from ._registry import BY_PATH

R = TypeVar("R")
_BUILDING = threading.RLock()


class Lazy(Generic[R]):
    """Reads its module and class from the registry, under the attribute's name.

    `package` is the resources package of the client's flavour (`resources._async` or
    `resources._sync`): the async classes are named `Async<class_name>`.
    """

    def __init__(self, package: str | None) -> None:
        if package is None:
            raise TypeError("Lazy needs the package of its resource classes")
        self._package = package
        self._prefix = "Async" if package.endswith("._async") else ""
        self._attribute = ""

    def __set_name__(self, owner: type, attribute: str) -> None:
        if attribute not in BY_PATH:
            raise TypeError(f"{attribute!r} is not a resource of resources/_registry.py")
        self._attribute = attribute

    @overload
    def __get__(self, client: None, owner: type) -> Self: ...
    @overload
    def __get__(self, client: object, owner: type) -> R: ...
    def __get__(self, client: object | None, owner: type) -> R | Self:
        if client is None:
            return self
        state: dict[str, Any] = client.__dict__
        with _BUILDING:  # two threads reading it first still share one resource
            built: R | None = state.get(self._attribute)
            if built is None:
                entry = BY_PATH[self._attribute]
                module = importlib.import_module(f"{self._package}.{entry.module}")
                built = getattr(module, self._prefix + entry.class_name)(client.raw)  # type: ignore[attr-defined]
                state[self._attribute] = built
        return built


V = TypeVar("V")


class RawResponses(Generic[V]):
    """`resource.with_raw_response`: its view from `resources/_raw.py`, made on first use."""

    def __set_name__(self, owner: type, attribute: str) -> None:
        self._view = owner.__name__ + "WithRawResponse"

    @overload
    def __get__(self, resource: None, owner: type) -> Self: ...
    @overload
    def __get__(self, resource: object, owner: type) -> V: ...
    def __get__(self, resource: object | None, owner: type) -> V | Self:
        if resource is None:
            return self
        from . import _raw

        view: V = getattr(_raw, self._view)(resource)
        resource.__dict__["with_raw_response"] = view  # later reads skip the descriptor
        return view
