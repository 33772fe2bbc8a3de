"""The pytest plugin of the SDK: fixtures for testing code that uses it.

Registered through the `pytest11` entry point. PyYAML and the simulator are
imported inside the fixtures, so having the plugin installed never breaks a
test run that does not use them; a test that asks for a fixture whose package is
missing fails, saying what to install (a skip would hide that it never ran).
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from gpuaas_sim import Simulator

    from .._async.client import AsyncClient
    from .._sync.client import Client
    from ._mocks import AsyncMockClient, MockClient

SIM_HINT = (
    "sim_client, async_sim_client and gpuaas_sim need the simulator, which is not"
    " installed: pip install gpuaas-sim"
)
FAKES_HINT = "mock_client needs PyYAML: pip install 'gpuaas-sdk[testing]'"


def pytest_addoption(parser: pytest.Parser) -> None:
    help_text = (
        "'error' makes the SDK's own deprecation warnings (GpuaasDeprecationWarning) fail "
        "the test that triggers them; 'warn' (the default) leaves them warnings"
    )
    parser.addini("gpuaas_sdk_deprecations", help_text, default="warn")
    parser.addoption(
        "--gpuaas-sdk-deprecations", choices=("error", "warn"), default=None, help=help_text
    )


def pytest_configure(config: pytest.Config) -> None:
    from ._deprecations import DEPRECATIONS_AS_ERRORS_FILTER

    chosen = config.getoption("gpuaas_sdk_deprecations") or config.getini("gpuaas_sdk_deprecations")
    if chosen not in ("error", "warn"):
        raise pytest.UsageError(
            f"gpuaas_sdk_deprecations = {chosen!r}: use 'error' (fail on the SDK's own"
            " deprecated calls) or 'warn'"
        )
    if chosen == "error":
        config.addinivalue_line("filterwarnings", DEPRECATIONS_AS_ERRORS_FILTER)


@pytest.fixture
def no_sdk_deprecations() -> Iterator[None]:
    """Fail the test on any call to something the SDK deprecated."""
    from ._deprecations import sdk_deprecations_as_errors

    with sdk_deprecations_as_errors():
        yield


def _require_fakes() -> None:
    """Fail (not skip: the test asked for fakes) when the testing extra is missing."""
    try:
        import yaml  # noqa: F401
    except ImportError as exc:
        pytest.fail(f"{FAKES_HINT} ({exc})", pytrace=False)


@pytest.fixture
def mock_client() -> Iterator[MockClient]:
    """A `Client` against a fake platform: register answers with `fake_*` helpers."""
    _require_fakes()
    from ._mocks import MockClient

    with MockClient() as client:
        yield client


@pytest.fixture
def async_mock_client() -> AsyncMockClient:
    """An `AsyncClient` against a fake platform (fake_* helpers as on `mock_client`)."""
    _require_fakes()
    from ._mocks import AsyncMockClient

    return AsyncMockClient()


def _require_simulator() -> None:
    """Fail (not skip: the test asked for the simulator) when gpuaas-sim is missing."""
    try:
        import uvicorn  # noqa: F401  # gpuaas_sim imports its web stack lazily

        import gpuaas_sim  # noqa: F401
    except ImportError as exc:
        pytest.fail(f"{SIM_HINT} ({exc})", pytrace=False)


@pytest.fixture
def gpuaas_sim() -> Simulator:
    """A fresh simulator on a fast clock; inject faults or advance its clock in a test."""
    _require_simulator()
    from gpuaas_sim import SimConfig, Simulator

    return Simulator(SimConfig(clock_speed=50))


@pytest.fixture
def sim_client(gpuaas_sim: Simulator) -> Iterator[Client]:
    """A `Client` logged in as dev-user against `gpuaas_sim`, served on loopback."""
    from gpuaas_sim import DEV_PASSWORD, DEV_USERNAME, serve_in_thread

    from .._sync.client import Client
    from ..auth import DevPasswordAuth

    with (
        serve_in_thread(gpuaas_sim) as server,
        Client(server.base_url, auth=DevPasswordAuth(DEV_USERNAME, DEV_PASSWORD)) as client,
    ):
        yield client


@pytest.fixture
def async_sim_client(gpuaas_sim: Simulator) -> Iterator[AsyncClient]:
    """An `AsyncClient` logged in as dev-user against `gpuaas_sim`, served on loopback.

    A plain fixture, so it works with any way of running the test's coroutine
    (anyio, pytest-asyncio, `asyncio.run`). The client belongs to the event loop
    that first uses it; it keeps no idle connection, so nothing is left bound to
    that loop when the fixture closes the client after the test.
    """
    from gpuaas_api.http_stack import httpx

    from gpuaas_sim import DEV_PASSWORD, DEV_USERNAME, serve_in_thread

    from .._async.client import AsyncClient
    from ..auth import DevPasswordAuth

    # No keep-alive: the test's loop may be gone by teardown, and pooled
    # connections bound to it could not be closed from another loop.
    transport = httpx.AsyncHTTPTransport(limits=httpx.Limits(max_keepalive_connections=0))
    with serve_in_thread(gpuaas_sim) as server:
        client = AsyncClient(
            server.base_url, auth=DevPasswordAuth(DEV_USERNAME, DEV_PASSWORD), transport=transport
        )
        try:
            yield client
        finally:
            asyncio.run(client.aclose())  # no-op when the test closed it (`async with`)
