"""Poll hints: a GET of a resource in transition says how long until it is expected to change."""

from datetime import UTC, datetime, timedelta

from gpuaas_sim import SimConfig, Simulator
from gpuaas_sim.http.poll_hints import poll_hint_headers

from .conftest import Api, TestClient, login

T0 = datetime(2026, 4, 1, 12, 0, tzinfo=UTC)


def test_the_hint_is_real_time_left_at_the_clocks_speed_rounded_up():
    upcoming = [T0 - timedelta(seconds=5), T0 + timedelta(seconds=3), T0 + timedelta(seconds=9)]

    assert poll_hint_headers(upcoming, T0, speed=1) == {
        "Retry-After": "3",
        "Retry-After-Ms": "3000",
    }
    assert poll_hint_headers(upcoming, T0, speed=50) == {"Retry-After": "1", "Retry-After-Ms": "60"}
    tiny = [T0 + timedelta(microseconds=10)]
    assert poll_hint_headers(tiny, T0, speed=1) == {"Retry-After": "1", "Retry-After-Ms": "1"}


def test_no_hint_without_a_coming_change_or_on_a_frozen_clock():
    assert poll_hint_headers([T0 - timedelta(seconds=1)], T0, speed=1) == {}
    assert poll_hint_headers([T0 + timedelta(seconds=1)], T0, speed=0) == {}


def test_a_get_carries_the_hint_only_while_the_allocation_is_in_transition() -> None:
    sim = Simulator(SimConfig(clock_speed=1))  # 1 s to provisioning, then 2 s to active
    with TestClient(sim.app) as client:
        check_hints(Api(client, {"Authorization": f"Bearer {login(client)['access_token']}"}), sim)
    sim.close()


def check_hints(api: Api, sim: Simulator) -> None:
    allocation_id = api.create().json()["id"]

    pending = api.get(f"/v1/allocations/{allocation_id}")
    assert pending.json()["status"] == "pending"
    assert 1 <= int(pending.headers["Retry-After-Ms"]) <= 1000
    assert pending.headers["Retry-After"] == "1"

    sim.clock.advance(3)
    active = api.get(f"/v1/allocations/{allocation_id}")
    assert active.json()["status"] == "active"
    assert "Retry-After" not in active.headers and "Retry-After-Ms" not in active.headers

    api.post(f"/v1/allocations/{allocation_id}/release")
    releasing = api.get(f"/v1/allocations/{allocation_id}")
    assert releasing.json()["status"] == "releasing"
    assert 1 <= int(releasing.headers["Retry-After-Ms"]) <= 2000
