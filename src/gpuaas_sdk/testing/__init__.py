"""Test helpers for code that uses the SDK: pytest fixtures and fake platforms.

The fixtures are registered by the SDK's pytest plugin (installed with
`pip install 'gpuaas-sdk[testing]'`); importing them by name works too::

    from gpuaas_sdk.testing import mock_client

    def test_provisioning(mock_client):
        mock_client.allocations.fake_create("alloc-1", status="active")
        assert mock_client.allocations.create(sku="h200-sxm-slice", gpus_total=1).id == "alloc-1"

`sim_client` / `async_sim_client` are a `Client` / `AsyncClient` logged in as dev-user
against the simulator (`gpuaas_sim`, steerable in the test) on a loopback port; they
need `pip install gpuaas-sim` (or `'gpuaas-sdk[testing,sim]'`)::

    import asyncio

    def test_allocation_goes_active(async_sim_client):
        async def main():
            async with async_sim_client as client:
                alloc = await client.allocations.create(sku="h200-sxm-slice", gpus_total=1)
                return await client.allocations.wait_for(alloc.id, timeout=30)

        assert asyncio.run(main()).status == "active"

Calls to what the SDK deprecated can fail your suite before the SDK removes them:
`gpuaas_sdk_deprecations = "error"` in your pytest settings, the `no_sdk_deprecations`
fixture, or `with sdk_deprecations_as_errors(): ...` anywhere.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._deprecations import sdk_deprecations_as_errors
from ._plugin import (
    async_mock_client,
    async_sim_client,
    gpuaas_sim,
    mock_client,
    no_sdk_deprecations,
    sim_client,
)

if TYPE_CHECKING:
    from ._fakes import Fake, FakeAPI, UnmatchedRequestError
    from ._mocks import AsyncMockClient, MockClient

_LAZY = {
    "AsyncMockClient": "._mocks",
    "Fake": "._fakes",
    "FakeAPI": "._fakes",
    "MockClient": "._mocks",
    "UnmatchedRequestError": "._fakes",
}


def __getattr__(name: str) -> Any:
    """The fake classes, imported on use (they need PyYAML)."""
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "AsyncMockClient",
    "Fake",
    "FakeAPI",
    "MockClient",
    "UnmatchedRequestError",
    "async_mock_client",
    "async_sim_client",
    "gpuaas_sim",
    "mock_client",
    "no_sdk_deprecations",
    "sdk_deprecations_as_errors",
    "sim_client",
]
