"""End-to-end fixtures: a simulator served by uvicorn on a loopback port, per test."""

from collections.abc import Iterator

import pytest

from gpuaas_sdk import Client
from gpuaas_sdk.auth import DevPasswordAuth
from gpuaas_sim import SimConfig, Simulator, serve_in_thread

FAST = SimConfig(clock_speed=50)
"""Allocations go active in 3 simulated seconds: 0.06 s of real time."""


@pytest.fixture
def sim_config() -> SimConfig:
    return FAST


@pytest.fixture
def sim(sim_config: SimConfig) -> Simulator:
    return Simulator(sim_config)


@pytest.fixture
def base_url(sim: Simulator) -> Iterator[str]:
    with serve_in_thread(sim) as server:
        yield server.base_url


@pytest.fixture
def env(base_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path) -> str:
    """The environment a user sets for `from_default_credentials()`."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    monkeypatch.setenv("GPUAAS_BASE_URL", base_url)
    monkeypatch.setenv("GPUAAS_USERNAME", "dev-user")
    monkeypatch.setenv("GPUAAS_PASSWORD", "dev123")
    monkeypatch.delenv("GPUAAS_TOKEN", raising=False)
    return base_url


@pytest.fixture
def client(base_url: str) -> Iterator[Client]:
    with Client(base_url, auth=DevPasswordAuth("dev-user", "dev123")) as c:
        yield c
