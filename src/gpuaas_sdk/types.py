"""The types the SDK's calls take and return, for annotations in your own code.

    from gpuaas_sdk.types import Allocation, Page, RawResponse

    def cheapest(allocations: list[Allocation]) -> Allocation: ...

Every model of the platform's contract (`Allocation`, `Sku`, `StorageObject`, ...) is
here, so code need not name the generated package (`gpuaas_api.models`), plus the
facade's own types. Names load on first use: importing this module costs nothing.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gpuaas_api.models import *  # noqa: F403  (every model is this module's API)

    from ._core.call import RawResponse as RawResponse
    from ._core.call import RequestOptions as RequestOptions
    from ._core.call import WaitOptions as WaitOptions
    from ._core.page import Page as Page
    from ._streams.sse import Event as Event
    from ._streams.sse import EventStreamOptions as EventStreamOptions
    from ._streams.sse import UnknownEvent as UnknownEvent
    from ._streams.terminal import OutputFrame as OutputFrame
    from ._waiters.waiter import WaitProgress as WaitProgress
    from .errors import ReadinessStage as ReadinessStage
    from .resources._async.handles import AsyncAllocationHandle as AsyncAllocationHandle
    from .resources._async.handles import AsyncAppInstanceHandle as AsyncAppInstanceHandle
    from .resources._async.sessions import AsyncAllocationSession as AsyncAllocationSession
    from .resources._sync.handles import AllocationHandle as AllocationHandle
    from .resources._sync.handles import AppInstanceHandle as AppInstanceHandle
    from .resources._sync.sessions import AllocationSession as AllocationSession
    from .resources.allocations import Orphan as Orphan

_OWN = {
    "AllocationHandle": ".resources._sync.handles",
    "AllocationSession": ".resources._sync.sessions",
    "AppInstanceHandle": ".resources._sync.handles",
    "AsyncAllocationHandle": ".resources._async.handles",
    "AsyncAllocationSession": ".resources._async.sessions",
    "AsyncAppInstanceHandle": ".resources._async.handles",
    "Orphan": ".resources.allocations",
    "ReadinessStage": ".errors",
    "Event": "._streams.sse",
    "EventStreamOptions": "._streams.sse",
    "OutputFrame": "._streams.terminal",
    "Page": "._core.page",
    "RawResponse": "._core.call",
    "RequestOptions": "._core.call",
    "UnknownEvent": "._streams.sse",
    "WaitOptions": "._core.call",
    "WaitProgress": "._waiters.waiter",
}


def _models() -> Any:
    return importlib.import_module("gpuaas_api.models")


def __getattr__(name: str) -> Any:
    module = _OWN.get(name)
    source = importlib.import_module(module, __package__) if module else _models()
    try:
        value = getattr(source, name)
    except AttributeError:
        raise AttributeError(f"module 'gpuaas_sdk.types' has no attribute {name!r}") from None
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_OWN, *_models().__all__})
