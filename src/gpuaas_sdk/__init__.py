"""gpuaas-sdk: the Python SDK of the GPUaaS GPU cloud.

from gpuaas_sdk import Client

with Client.from_default_credentials() as client:
    for sku in client.catalog.list_skus():
        print(sku.id, sku.price_per_gpu_hour_minor)
"""

from ._client import AsyncClient, Client, Context
from ._config import ClientConfig
from ._pagination import AsyncPager, Page, SyncPager
from ._retry import RetryPolicy
from ._shared import shared_client
from ._sse import EventStreamOptions, UnknownEvent
from ._terminal import AsyncTerminal, Terminal
from ._version import __version__
from .errors import SDKError
from .signing import sign_request, verify_webhook

__all__ = [
    "AsyncClient",
    "AsyncPager",
    "AsyncTerminal",
    "Client",
    "ClientConfig",
    "Context",
    "EventStreamOptions",
    "Page",
    "RetryPolicy",
    "SDKError",
    "SyncPager",
    "Terminal",
    "UnknownEvent",
    "__version__",
    "shared_client",
    "sign_request",
    "verify_webhook",
]
