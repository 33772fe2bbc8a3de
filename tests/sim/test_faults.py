"""Injected faults, in-process: what a retrying client must survive."""

from __future__ import annotations

import time

import pytest

from gpuaas_sim import ConnectionDropped, Fault, Simulator

from .conftest import Api, error_of


def test_status_fault_answers_without_executing(api: Api, sim: Simulator) -> None:
    sim.faults.add(Fault(method="POST", path="/v1/allocations", kind="status", status=503))

    response = api.create()

    assert response.status_code == 503
    assert error_of(response)["code"] == "service_unavailable"
    assert response.headers["Retry-After"] == "1"
    assert sim.allocations == {}
    assert api.create().status_code == 201  # consumed


def test_status_fault_for_429_uses_the_given_retry_after(api: Api, sim: Simulator) -> None:
    sim.faults.add(Fault(path="/v1/catalog/*", status=429, retry_after=7))

    response = api.get("/v1/catalog/regions")

    assert response.status_code == 429
    assert error_of(response)["code"] == "rate_limit_exceeded"
    assert response.headers["Retry-After"] == "7"
    assert "X-RateLimit-Limit" in response.headers


def test_status_fault_for_500_has_no_retry_after(api: Api, sim: Simulator) -> None:
    sim.faults.add(Fault(status=500))

    response = api.get("/v1/health")

    assert error_of(response)["code"] == "internal_error"
    assert "Retry-After" not in response.headers


def test_faults_hit_the_given_number_of_matching_requests(api: Api, sim: Simulator) -> None:
    sim.faults.add(Fault(method="GET", path="/v1/catalog/skus", times=2))

    statuses = [
        api.post("/v1/catalog/skus").status_code,  # another method: not matched
        api.get("/v1/catalog/regions").status_code,  # another path: not matched
        api.get("/v1/catalog/skus").status_code,
        api.get("/v1/catalog/skus").status_code,
        api.get("/v1/catalog/skus").status_code,
    ]

    assert statuses == [405, 200, 503, 503, 200]
    assert len(sim.faults) == 0


def test_faults_are_checked_in_order_and_can_stay_armed(api: Api, sim: Simulator) -> None:
    sim.faults.add(Fault(path="/v1/health", status=502), Fault(path="/v1/*", times=None))

    statuses = [api.get("/v1/health").status_code for _ in range(3)]

    assert statuses == [502, 503, 503]
    sim.faults.clear()
    assert api.get("/v1/health").status_code == 200


def test_html_fault_looks_like_a_proxy_error_page(api: Api, sim: Simulator) -> None:
    sim.faults.add(Fault(kind="html"))

    response = api.get("/v1/allocations")

    assert response.status_code == 502
    assert response.headers["Content-Type"].startswith("text/html")
    assert "<h1>502 Bad Gateway</h1>" in response.text


def test_expire_token_fault_expires_the_token_for_one_request(api: Api, sim: Simulator) -> None:
    sim.faults.add(Fault(kind="expire_token", path="/v1/auth/whoami"))

    first, second = api.get("/v1/auth/whoami"), api.get("/v1/auth/whoami")

    assert first.status_code == 401
    assert error_of(first)["code"] == "token_expired"
    assert second.status_code == 200


def test_drop_fault_executes_then_breaks_the_response(api: Api, sim: Simulator) -> None:
    sim.faults.add(Fault(kind="drop", method="POST", path="/v1/allocations"))

    with pytest.raises(ConnectionDropped):
        api.create(key="k")

    assert len(sim.allocations) == 1  # the work was done
    replay = api.create(key="k")
    assert replay.json()["id"] in sim.allocations


def test_latency_fault_delays_then_handles(api: Api, sim: Simulator) -> None:
    sim.faults.add(Fault(kind="latency", delay=0.2, path="/v1/health"))

    started = time.monotonic()
    response = api.get("/v1/health")

    assert time.monotonic() - started >= 0.2
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("fault", "complaint"),
    [({"kind": "explode"}, "kind"), ({"times": 0}, "times"), ({"status": 200}, "status")],
)
def test_nonsense_faults_are_refused(fault: dict, complaint: str) -> None:
    with pytest.raises(ValueError, match=complaint):
        Fault(**fault)


def test_rules_round_trip_through_their_json_shape() -> None:
    fault = Fault(method="GET", path="/v1/catalog/*", times=None, status=429, retry_after=3)
    assert Fault.from_json(fault.to_json()) == fault
    assert Fault.from_json({"kind": "latency", "delay": 2}).delay == 2.0
    with pytest.raises(ValueError, match="must be int"):
        Fault.from_json({"times": "2"})


def test_armed_lists_rules_with_the_hits_they_have_left(api: Api, sim: Simulator) -> None:
    sim.faults.add(Fault(path="/v1/health", times=2), Fault(path="/v1/catalog/*", times=None))
    api.get("/v1/health")

    assert [(f.path, left) for f, left in sim.faults.armed()] == [
        ("/v1/health", 1),
        ("/v1/catalog/*", None),
    ]
