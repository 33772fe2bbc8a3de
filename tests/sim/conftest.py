"""Fixtures for the simulator's own tests: a frozen-clock simulator, clients, and the contract."""

from __future__ import annotations

import os
import shutil
import subprocess
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

# Starlette 1.x prefers httpx2 for its TestClient; this project stays on httpx.
_HTTPX2_NOTICE = "Using `httpx` with `starlette.testclient` is deprecated"
warnings.filterwarnings("ignore", message=_HTTPX2_NOTICE)
from starlette.testclient import TestClient  # noqa: E402

from gpuaas_sim import SimConfig, Simulator

REPO = Path(__file__).resolve().parents[2]
SHIPPED_BUNDLE = REPO / "generated" / "gpuaas_api" / "openapi.yaml"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("filterwarnings", f"ignore:{_HTTPX2_NOTICE}")


def bundle_contract(destination: Path) -> Path:
    """The single-file contract: the codegen's shipped bundle if present, else bundle it now."""
    if SHIPPED_BUNDLE.is_file():
        return SHIPPED_BUNDLE
    npx = shutil.which("npx")
    if npx is None:
        pytest.skip("npx is not installed: cannot bundle the multi-file contract")
    target = destination / "bundle.yaml"
    subprocess.run(
        [npx, "--no-install", "redocly", "bundle", "openapi/openapi.yaml", "-o", str(target)],
        cwd=REPO,
        env={**os.environ, "REDOCLY_TELEMETRY": "off"},
        check=True,
        capture_output=True,
        timeout=120,
    )
    return target


@pytest.fixture(scope="session")
def contract_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return bundle_contract(tmp_path_factory.mktemp("contract"))


@pytest.fixture
def sim() -> Simulator:
    """A simulator whose clock only moves when the test advances it."""
    return Simulator(SimConfig(clock_speed=0))


@pytest.fixture
def client(sim: Simulator) -> Iterator[TestClient]:
    with TestClient(sim.app) as test_client:
        yield test_client


def login(client: TestClient, username: str = "dev-user", password: str = "dev123") -> dict:
    response = client.post("/v1/auth/login", json={"username": username, "password": password})
    assert response.status_code == 200, response.text
    return response.json()


@pytest.fixture
def tokens(client: TestClient) -> dict:
    return login(client)


@pytest.fixture
def auth(tokens: dict) -> dict[str, str]:
    """Headers that authenticate as dev-user."""
    return {"Authorization": f"Bearer {tokens['access_token']}"}
