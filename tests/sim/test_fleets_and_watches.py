"""Fleets (all or nothing, one idempotency key) and capacity watches (answered by an event)."""

from __future__ import annotations

from typing import Any

import pytest

from gpuaas_sim import Fault, Simulator

from .conftest import Api, error_of

H200 = "h200-sxm-slice"

pytestmark = pytest.mark.sim_config(access_token_ttl=10**8)  # the clock moves by hours


def launch(api: Api, key: str | None = None, **body: Any) -> Any:
    payload = {"sku": H200, "gpus_total": 8, "count": 4, **body}
    headers = {"Idempotency-Key": key} if key else {}
    return api.post("/v1/fleets", json=payload, headers=headers)


def fleet(api: Api, fleet_id: str) -> dict[str, Any]:
    response = api.get(f"/v1/fleets/{fleet_id}")
    assert response.status_code == 200, response.text
    return dict(response.json())


def events_of(sim: Simulator, kind: str) -> list[dict[str, Any]]:
    return [e for e in sim.events.after(sim.clock.now()) if e["type"] == kind]


# -- fleets ----------------------------------------------------------------------------


def test_a_fleet_comes_up_whole(api: Api, sim: Simulator) -> None:
    created = launch(api)
    assert created.status_code == 201, created.text
    fleet_id = created.json()["id"]
    assert created.json()["status"] == "provisioning"
    assert fleet(api, fleet_id)["active_count"] == 0

    sim.clock.advance(3)

    up = fleet(api, fleet_id)
    assert up["status"] == "active" and up["active_count"] == 4 and up["failed_count"] == 0
    members = [api.allocation(a) for a in up["allocation_ids"]]
    assert {m["status"] for m in members} == {"active"}
    assert {m["fleet_id"] for m in members} == {fleet_id}
    changes = [(e["status"], e["previous_status"]) for e in events_of(sim, "fleet.status_changed")]
    assert changes == [("provisioning", None), ("active", "provisioning")]


def test_a_fleet_short_of_min_count_releases_everything_and_bills_nothing(
    api: Api, sim: Simulator
) -> None:
    sim.faults.add(Fault(kind="placement_drop", times=1))
    fleet_id = launch(api).json()["id"]

    sim.clock.advance(3)
    failed = fleet(api, fleet_id)
    sim.clock.advance(10 * 3600)

    assert failed["status"] == "failed" and failed["failed_count"] == 1
    assert "Only 3 of 4" in failed["failure_reason"]
    members = [sim.allocations[a] for a in failed["allocation_ids"]]
    assert sorted(m.status for m in members) == ["failed", "released", "released", "released"]
    # No member was ever active: nothing was billed, and no GPU is held.
    assert all(m.active_seconds(sim.clock.now()) == 0 for m in members)
    assert api.get("/v1/billing/usage").json()["items"] == []
    assert sim.balance_minor() == sim.config.initial_balance_minor
    assert api.get(f"/v1/catalog/skus/{H200}").json()["availability"][0]["available_gpus"] == 64


def test_a_fleet_with_min_count_keeps_what_came_up(api: Api, sim: Simulator) -> None:
    sim.faults.add(Fault(kind="placement_drop", times=1))
    fleet_id = launch(api, min_count=3).json()["id"]
    sim.clock.advance(3)

    up = fleet(api, fleet_id)

    assert up["status"] == "active" and (up["active_count"], up["failed_count"]) == (3, 1)


def test_one_idempotency_key_covers_the_whole_fleet(api: Api, sim: Simulator) -> None:
    first = launch(api, key="fleet-run-1")
    again = launch(api, key="fleet-run-1")

    assert first.status_code == again.status_code == 201
    assert again.headers["Idempotent-Replayed"] == "true"
    assert again.json()["id"] == first.json()["id"]
    assert len(sim.fleets.fleets) == 1 and len(sim.allocations) == 4


def test_releasing_a_fleet_releases_every_member(api: Api, sim: Simulator) -> None:
    fleet_id = launch(api, count=2).json()["id"]
    sim.clock.advance(3)

    releasing = api.post(f"/v1/fleets/{fleet_id}/release").json()
    sim.clock.advance(2)

    assert releasing["status"] == "releasing"
    assert fleet(api, fleet_id)["status"] == "released"
    assert {sim.allocations[a].status for a in releasing["allocation_ids"]} == {"released"}


def test_a_fleet_places_as_many_as_fit_but_at_least_min_count(api: Api) -> None:
    for _ in range(5):
        assert api.create(gpus_total=8).status_code == 201  # 24 GPUs left: 3 members

    refused = launch(api, count=4)
    partial = launch(api, count=4, min_count=2)

    assert refused.status_code == 409
    assert error_of(refused)["details"]["members_that_fit"] == {"us-buffalo-1": 3}
    assert partial.status_code == 201 and len(partial.json()["allocation_ids"]) == 3


def test_min_count_above_count_is_invalid(api: Api) -> None:
    assert error_of(launch(api, count=2, min_count=3))["code"] == "validation_error"


# -- capacity watches ---------------------------------------------------------------------


def watch(api: Api, **body: Any) -> dict[str, Any]:
    payload = {"sku": H200, "gpus_total": 8, **body}
    response = api.post("/v1/catalog/capacity-watches", json=payload)
    assert response.status_code == 201, response.text
    return dict(response.json())


def test_a_watch_fires_once_when_the_gpus_are_freed(api: Api, sim: Simulator) -> None:
    ids = [api.create(gpus_total=8).json()["id"] for _ in range(8)]
    watched = watch(api)
    assert watched["status"] == "watching"
    sim.clock.advance(60)
    assert events_of(sim, "capacity.available") == []

    api.post(f"/v1/allocations/{ids[0]}/release")
    freed_at = sim.clock.now()
    sim.clock.advance(30)  # released 2 s after the release began

    fired = api.get(f"/v1/catalog/capacity-watches/{watched['id']}").json()
    events = events_of(sim, "capacity.available")
    assert fired["status"] == "available"
    assert (fired["available_region_code"], fired["available_gpus"]) == ("us-buffalo-1", 8)
    assert [(e["watch_id"], e["available_gpus"]) for e in events] == [(watched["id"], 8)]
    assert events[0]["occurred_at"] == fired["fired_at"]
    fired_at = sim.capacity_watches.watches[watched["id"]].fired_at
    assert fired_at is not None and (fired_at - freed_at).total_seconds() == 2


def test_a_watch_whose_gpus_are_free_fires_at_once(api: Api) -> None:
    assert watch(api)["status"] == "available"


def test_a_watch_expires_and_can_be_cancelled(api: Api, sim: Simulator) -> None:
    for _ in range(8):
        api.create(gpus_total=8)
    short = watch(api, timeout_seconds=10)
    other = watch(api)

    cancelled = api.post(f"/v1/catalog/capacity-watches/{other['id']}/cancel").json()
    sim.clock.advance(10)

    assert cancelled["status"] == "cancelled"
    assert api.get(f"/v1/catalog/capacity-watches/{short['id']}").json()["status"] == "expired"
