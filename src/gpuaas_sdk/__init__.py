"""gpuaas-sdk: the Python SDK of the GPUaaS GPU cloud.

from gpuaas_sdk import Client

with Client.from_default_credentials() as client:
    for sku in client.catalog.list_skus():
        print(sku.id, sku.price_per_gpu_hour_minor)

Names are imported on first use (PEP 562 module `__getattr__`), so `import gpuaas_sdk`
costs almost nothing and `from gpuaas_sdk import Client` loads only what a client needs.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._httpx_cli import defer_httpx_cli
from ._version import __version__

defer_httpx_cli()

if TYPE_CHECKING:
    from ._async.client import AsyncClient
    from ._client import Context
    from ._config import ClientConfig
    from ._core._async.pager import AsyncPager
    from ._core._sync.pager import SyncPager
    from ._core.page import Page
    from ._core.ratelimit import LocalRateLimiter, RateLimiter
    from ._core.retry import RetryPolicy
    from ._deprecation import GpuaasDeprecationWarning
    from ._redis.ratelimit import RedisRateLimiter
    from ._shared import shared_client
    from ._streams._async.terminal import AsyncTerminal
    from ._streams._sync.terminal import Terminal
    from ._streams.sse import EventStreamOptions, UnknownEvent
    from ._sync.client import Client
    from ._waiters.waiter import WaitProgress
    from .errors import SDKError
    from .signing import sign_request, verify_webhook

_EXPORTS = {
    "AsyncClient": "._async.client",
    "AsyncPager": "._core._async.pager",
    "AsyncTerminal": "._streams._async.terminal",
    "Client": "._sync.client",
    "ClientConfig": "._config",
    "Context": "._client",
    "EventStreamOptions": "._streams.sse",
    "GpuaasDeprecationWarning": "._deprecation",
    "LocalRateLimiter": "._core.ratelimit",
    "Page": "._core.page",
    "RateLimiter": "._core.ratelimit",
    "RedisRateLimiter": "._redis.ratelimit",
    "RetryPolicy": "._core.retry",
    "SDKError": ".errors",
    "SyncPager": "._core._sync.pager",
    "Terminal": "._streams._sync.terminal",
    "UnknownEvent": "._streams.sse",
    "WaitProgress": "._waiters.waiter",
    "shared_client": "._shared",
    "sign_request": ".signing",
    "verify_webhook": ".signing",
}

__all__ = [
    "AsyncClient",
    "AsyncPager",
    "AsyncTerminal",
    "Client",
    "ClientConfig",
    "Context",
    "EventStreamOptions",
    "GpuaasDeprecationWarning",
    "LocalRateLimiter",
    "Page",
    "RateLimiter",
    "RedisRateLimiter",
    "RetryPolicy",
    "SDKError",
    "SyncPager",
    "Terminal",
    "UnknownEvent",
    "WaitProgress",
    "__version__",
    "shared_client",
    "sign_request",
    "verify_webhook",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'gpuaas_sdk' has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_EXPORTS})
