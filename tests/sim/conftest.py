"""Fixtures for the simulator's own tests: a frozen-clock simulator, clients, and the contract."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from gpuaas_sim import SimConfig, Simulator

from ..postgres_server import PostgresServer

# Starlette 1.x prefers httpx2 for its TestClient (and says so on import); we stay on httpx.
_HTTPX2_NOTICE = "Using `httpx` with `starlette.testclient` is deprecated"
warnings.filterwarnings("ignore", message=_HTTPX2_NOTICE)
from starlette.testclient import TestClient  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
SHIPPED_BUNDLE = REPO / "generated" / "gpuaas_api" / "openapi.yaml"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("filterwarnings", f"ignore:{_HTTPX2_NOTICE}")
    config.addinivalue_line(
        "markers", "sim_config(**fields): SimConfig fields for this test's simulator"
    )


@pytest.fixture(scope="session")
def contract_path() -> Path:
    """The bundled contract shipped in the generated package (`make test` checks it is fresh)."""
    return SHIPPED_BUNDLE


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    """A real PostgreSQL server for the session (Debian's package; `make postgres-setup`)."""
    server = PostgresServer()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def database_url(postgres: PostgresServer) -> Iterator[str]:
    """An empty database of its own for the test."""
    url = postgres.create_database()
    yield url
    postgres.drop_database(url)


@pytest.fixture
def sim(request: pytest.FixtureRequest) -> Simulator:
    """A simulator whose clock only moves when the test advances it.

    `@pytest.mark.sim_config(field=value)` changes its SimConfig.
    """
    marker = request.node.get_closest_marker("sim_config")
    return Simulator(SimConfig(clock_speed=0, **(marker.kwargs if marker else {})))


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


class Api:
    """dev-user's side of the simulator: a TestClient that always sends the bearer token."""

    def __init__(self, client: TestClient, auth: dict[str, str]) -> None:
        self.client = client
        self.auth = auth

    def get(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.client.get(path, headers={**self.auth, **kwargs.pop("headers", {})}, **kwargs)

    def post(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.client.post(path, headers={**self.auth, **kwargs.pop("headers", {})}, **kwargs)

    def create(self, key: str | None = None, **body: Any) -> httpx.Response:
        """POST /v1/allocations; `body` defaults to one GPU of h200-sxm-slice."""
        headers = {"Idempotency-Key": key} if key else {}
        payload = {"sku": "h200-sxm-slice", "gpus_total": 1, **body}
        return self.post("/v1/allocations", json=payload, headers=headers)

    def allocation(self, allocation_id: str) -> dict[str, Any]:
        response = self.get(f"/v1/allocations/{allocation_id}")
        assert response.status_code == 200, response.text
        return response.json()


@pytest.fixture
def api(client: TestClient, auth: dict[str, str]) -> Api:
    return Api(client, auth)


def error_of(response: httpx.Response) -> dict[str, Any]:
    """The error body, after checking the envelope every error shares."""
    body = response.json()
    assert set(body) == {"error"}
    error = body["error"]
    assert set(error) == {"code", "message", "correlation_id", "details"}
    assert error["correlation_id"] == response.headers["X-Correlation-ID"]
    return error
