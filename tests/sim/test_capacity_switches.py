"""The simulator's switches for capacity and money: prices on the control API, and the
`placement_drop` fault (in a rule, a profile, or the control API)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from gpuaas_sim import Fault, SimConfig, Simulator
from gpuaas_sim.runtime.fault_profiles import ProfileInjector

from .conftest import Api

CONTROL = pytest.mark.sim_config(control_api=True)


@CONTROL
def test_prices_change_through_the_control_api(client: TestClient, api: Api) -> None:
    changed = client.post(
        "/_sim/prices", json={"sku": "l40s-slice", "price_per_gpu_hour_minor": 120}
    )
    refused = client.post("/_sim/prices", json={"sku": "tpu", "price_per_gpu_hour_minor": 1})

    assert changed.status_code == 200
    assert {"sku": "l40s-slice", "price_per_gpu_hour_minor": 120} in changed.json()["prices"]
    assert api.get("/v1/catalog/skus/l40s-slice").json()["price_per_gpu_hour_minor"] == 120
    assert refused.status_code == 400 and "no SKU 'tpu'" in refused.text


@CONTROL
def test_placement_drops_armed_over_the_control_api(client: TestClient, api: Api) -> None:
    armed = client.post("/_sim/faults", json={"kind": "placement_drop", "times": 2})
    bad = client.post("/_sim/faults", json={"kind": "placement_drop", "path": "/v1/fleets"})

    fleet = api.post("/v1/fleets", json={"sku": "l40s-slice", "gpus_total": 1, "count": 3})

    assert armed.status_code == 201 and bad.status_code == 422
    assert "leave out method and path" in bad.text
    assert fleet.json()["min_count"] == 3
    # Two of three placements failed: the fleet will not come up, and requests are untouched.
    assert api.get("/v1/catalog/skus").status_code == 200
    assert client.get("/_sim/faults").json()["faults"] == []


def test_a_placement_drop_never_fires_on_requests(sim: Simulator, api: Api) -> None:
    sim.faults.add(Fault(kind="placement_drop", times=None))

    assert api.create().status_code == 201  # a plain create places no fleet member
    assert sim.faults.placement_dropped() is True


def test_placement_drops_with_a_probability_come_from_a_profile(tmp_path: Path) -> None:
    profile = tmp_path / "faults.json"
    profile.write_text(json.dumps([{"kind": "placement_drop", "probability": 0.3}]))
    sim = Simulator(SimConfig(clock_speed=0, fault_profile=str(profile), seed=1))

    draws = [sim.faults.placement_dropped() for _ in range(1000)]

    assert isinstance(sim.faults, ProfileInjector)
    assert 230 < sum(draws) < 370  # seeded: the same every run
    assert sim.faults.take("GET", "/v1/health") is None
