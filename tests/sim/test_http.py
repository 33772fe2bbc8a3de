"""The simulator over real HTTP on loopback, as end-to-end tests and `gpuaas-sim` use it."""

from __future__ import annotations

import time
from collections.abc import Iterator

import httpx
import pytest

from gpuaas_sim import Fault, SimConfig, Simulator, serve_in_thread

ALLOCATION = {"sku": "h200-sxm-slice", "gpus_total": 1}


@pytest.fixture
def served() -> Iterator[tuple[Simulator, httpx.Client]]:
    sim = Simulator(SimConfig(clock_speed=0))
    with serve_in_thread(sim) as server, httpx.Client(base_url=server.base_url) as http:
        grant = http.post("/v1/auth/login", json={"username": "dev-user", "password": "dev123"})
        http.headers["Authorization"] = f"Bearer {grant.json()['access_token']}"
        yield sim, http


def test_base_url_is_a_loopback_address_with_a_free_port() -> None:
    with serve_in_thread(Simulator()) as server:
        assert server.base_url.startswith("http://127.0.0.1:")
        assert server.port > 0
        assert httpx.get(f"{server.base_url}/v1/health").status_code == 200

    with pytest.raises(httpx.ConnectError):
        httpx.get(f"{server.base_url}/v1/health")


def test_allocation_lifecycle_over_http(served: tuple[Simulator, httpx.Client]) -> None:
    sim, http = served
    allocation = http.post("/v1/allocations", json=ALLOCATION).json()
    sim.clock.advance(3)

    token = http.post(f"/v1/allocations/{allocation['id']}/terminal-token").json()

    assert http.get(f"/v1/allocations/{allocation['id']}").json()["status"] == "active"
    host = http.base_url.netloc.decode()
    assert token["ws_url"].startswith(f"ws://{host}/v1/allocations/{allocation['id']}/terminal")


def test_drop_fault_breaks_the_connection_after_the_work_is_done(
    served: tuple[Simulator, httpx.Client],
) -> None:
    sim, http = served
    sim.faults.add(Fault(kind="drop", method="POST", path="/v1/allocations"))

    with pytest.raises((httpx.RemoteProtocolError, httpx.ReadError)):
        http.post("/v1/allocations", json=ALLOCATION, headers={"Idempotency-Key": "k"})

    assert len(sim.allocations) == 1
    retried = http.post("/v1/allocations", json=ALLOCATION, headers={"Idempotency-Key": "k"})
    assert retried.status_code == 201
    assert list(sim.allocations) == [retried.json()["id"]]
    creates = [r for r in sim.requests_log if (r.method, r.path) == ("POST", "/v1/allocations")]
    assert [r.headers["Idempotency-Key"] for r in creates] == ["k", "k"]


def test_latency_fault_outlasts_a_short_client_timeout(
    served: tuple[Simulator, httpx.Client],
) -> None:
    sim, http = served
    sim.faults.add(Fault(kind="latency", delay=0.5, path="/v1/catalog/regions"))

    with pytest.raises(httpx.ReadTimeout):
        http.get("/v1/catalog/regions", timeout=0.1)

    started = time.monotonic()
    assert http.get("/v1/catalog/regions").status_code == 200
    assert time.monotonic() - started < 0.5


def test_keep_alive_requests_are_not_delayed(served: tuple[Simulator, httpx.Client]) -> None:
    _, http = served
    http.get("/v1/health")

    started = time.monotonic()
    for _ in range(20):
        http.get("/v1/health")

    # Without TCP_NODELAY each response on a kept-alive connection waits ~40 ms.
    assert time.monotonic() - started < 0.5
