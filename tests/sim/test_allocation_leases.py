"""Leases, max runtimes, labels, several states in one listing, and the cost of an allocation.

The clock is frozen (see conftest): each test moves it, so every instant is exact.
Defaults: pending 1 s, provisioning 2 s (active at 3 s), releasing 2 s, lease grace 30 s.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest

from gpuaas_sim import Simulator

from .conftest import Api, error_of

GRACE = 30
pytestmark = pytest.mark.sim_config(access_token_ttl=30 * 24 * 3600)  # tests jump hours ahead


def parse(timestamp: str) -> datetime:
    return datetime.fromisoformat(timestamp)


def renew(api: Api, allocation_id: str) -> Any:
    return api.post(f"/v1/allocations/{allocation_id}/lease/renew")


def usage_cost(api: Api, allocation_id: str) -> int:
    items = api.get("/v1/billing/usage", params={"limit": 200}).json()["items"]
    return sum(r["cost_minor"] for r in items if r["allocation_id"] == allocation_id)


# -- leases ---------------------------------------------------------------------------


def test_an_allocation_without_renewals_is_released_after_its_lease_and_the_grace(
    api: Api, sim: Simulator
) -> None:
    created = api.create(lease_seconds=60).json()
    expires = parse(created["lease_expires_at"])
    assert created["lease_seconds"] == 60
    assert expires - parse(created["created_at"]) == timedelta(seconds=60)

    sim.clock.advance(60 + GRACE - 0.001)
    assert api.allocation(created["id"])["status"] == "active"  # within the grace

    sim.clock.advance(0.001)
    releasing = api.allocation(created["id"])
    assert releasing["status"] == "releasing"
    assert releasing["release_reason"] == "lease_expired"
    assert releasing["lease_expires_at"] is None
    assert parse(releasing["updated_at"]) == expires + timedelta(seconds=GRACE)

    sim.clock.advance(2)
    assert api.allocation(created["id"])["status"] == "released"


def test_a_renewal_moves_the_release_on(api: Api, sim: Simulator) -> None:
    allocation_id = api.create(lease_seconds=60).json()["id"]
    sim.clock.advance(50)

    renewed = renew(api, allocation_id)

    assert renewed.status_code == 200, renewed.text
    body = renewed.json()
    assert parse(body["lease_expires_at"]) == sim.clock.now() + timedelta(seconds=60)
    sim.clock.advance(60 + GRACE - 1)  # long past the first lease and its grace
    assert api.allocation(allocation_id)["status"] == "active"
    sim.clock.advance(1)
    assert api.allocation(allocation_id)["release_reason"] == "lease_expired"


def test_billing_stops_where_the_platform_released_it(api: Api, sim: Simulator) -> None:
    allocation_id = api.create(lease_seconds=60).json()["id"]
    sim.clock.advance(60 + GRACE)  # active from 3 s to 90 s: 87 s at 349/h
    cost = api.allocation(allocation_id)["cost_minor"]

    sim.clock.advance(3 * 3600)

    after = api.allocation(allocation_id)
    assert after["status"] == "released"
    assert after["cost_minor"] == cost == int(87 / 3600 * 349)
    assert usage_cost(api, allocation_id) == cost


def test_a_lapsed_lease_cannot_be_renewed(api: Api, sim: Simulator) -> None:
    allocation_id = api.create(lease_seconds=10).json()["id"]
    sim.clock.advance(10 + GRACE)

    refused = renew(api, allocation_id)

    assert refused.status_code == 409
    error = error_of(refused)
    assert error["code"] == "lease_expired"
    assert error["details"]["lease_expires_at"] is not None
    assert "ran out" in error["message"]


def test_only_a_live_allocation_with_a_lease_can_be_renewed(api: Api, sim: Simulator) -> None:
    plain = api.create().json()["id"]
    leased = api.create(lease_seconds=60).json()["id"]
    api.post(f"/v1/allocations/{leased}/release")

    no_lease = renew(api, plain)
    released = renew(api, leased)
    unknown = renew(api, "alloc-nope")

    assert (no_lease.status_code, error_of(no_lease)["code"]) == (409, "invalid_state")
    assert "lease_seconds" in error_of(no_lease)["message"]
    assert (released.status_code, error_of(released)["code"]) == (409, "allocation_not_active")
    assert (unknown.status_code, error_of(unknown)["code"]) == (404, "allocation_not_found")


def test_a_release_asked_for_says_so(api: Api, sim: Simulator) -> None:
    allocation_id = api.create(lease_seconds=60).json()["id"]
    sim.clock.advance(5)

    released = api.post(f"/v1/allocations/{allocation_id}/release").json()

    assert released["status"] == "releasing"
    assert released["release_reason"] == "requested"
    sim.clock.advance(3600)  # the old lease deadline passes: nothing more happens
    final = api.allocation(allocation_id)
    assert (final["status"], final["release_reason"]) == ("released", "requested")


def test_a_lease_can_be_renewed_while_provisioning(api: Api, sim: Simulator) -> None:
    allocation_id = api.create(lease_seconds=1).json()["id"]
    sim.clock.advance(2)

    renewed = renew(api, allocation_id)

    assert (renewed.status_code, renewed.json()["status"]) == (200, "provisioning")
    sim.clock.advance(1 + GRACE - 0.001)
    assert api.allocation(allocation_id)["status"] == "active"
    sim.clock.advance(0.001)
    assert api.allocation(allocation_id)["status"] == "releasing"


@pytest.mark.sim_config(lease_grace_seconds=0, access_token_ttl=30 * 24 * 3600)
def test_a_lease_that_runs_out_while_provisioning_costs_nothing(api: Api, sim: Simulator) -> None:
    allocation_id = api.create(lease_seconds=2).json()["id"]

    sim.clock.advance(3600)

    final = api.allocation(allocation_id)
    assert (final["status"], final["release_reason"]) == ("released", "lease_expired")
    assert final["cost_minor"] == 0


def test_max_runtime_counts_active_time(api: Api, sim: Simulator) -> None:
    created = api.create(max_runtime_seconds=100).json()
    assert created["max_runtime_seconds"] == 100
    assert created["lease_seconds"] is None and created["lease_expires_at"] is None

    sim.clock.advance(3 + 100 - 0.001)
    assert api.allocation(created["id"])["status"] == "active"
    sim.clock.advance(0.001)
    done = api.allocation(created["id"])

    assert (done["status"], done["release_reason"]) == ("releasing", "max_runtime_reached")
    assert done["cost_minor"] == int(100 / 3600 * 349)


def test_lease_and_runtime_are_checked_against_the_contract(api: Api) -> None:
    for body in ({"lease_seconds": 0}, {"max_runtime_seconds": 0}, {"lease_seconds": 86401}):
        refused = api.create(**body)
        assert refused.status_code == 422, body
        assert error_of(refused)["details"]["errors"][0]["field"] == next(iter(body))


# -- cost so far ------------------------------------------------------------------------


def test_cost_so_far_is_what_billing_charges(api: Api, sim: Simulator) -> None:
    created = api.create(gpus_total=2).json()
    assert (created["price_per_hour_minor"], created["currency"]) == (698, "USD")
    assert created["cost_minor"] == 0

    sim.clock.advance(3 + 1800)

    allocation = api.allocation(created["id"])
    assert allocation["cost_minor"] == 349
    assert usage_cost(api, created["id"]) == 349


# -- labels and listings ----------------------------------------------------------------


def test_labels_are_kept_and_select_allocations(api: Api) -> None:
    nightly = api.create(labels={"run": "nightly-42", "team": "ml"}).json()
    other = api.create(labels={"run": "nightly-43"}).json()
    api.create()

    def listed(*selectors: str) -> list[str]:
        response = api.get("/v1/allocations", params=[("label", s) for s in selectors])
        assert response.status_code == 200, response.text
        return [a["id"] for a in response.json()["items"]]

    assert nightly["labels"] == {"run": "nightly-42", "team": "ml"}
    assert listed("run=nightly-42") == [nightly["id"]]
    assert listed("run=nightly-42", "team=ml") == [nightly["id"]]
    assert listed("run=nightly-42", "team=ops") == []
    assert set(listed("run=nightly-43")) == {other["id"]}
    assert len(listed()) == 3


@pytest.mark.parametrize(
    "labels",
    [{"Run": "x"}, {"run": "x" * 64}, {f"k{i}": "v" for i in range(17)}, {"-run": "x"}],
)
def test_bad_labels_are_refused(api: Api, labels: dict[str, str]) -> None:
    refused = api.create(labels=labels)

    assert refused.status_code == 422
    assert error_of(refused)["details"]["errors"][0]["field"].startswith("labels")


def test_a_malformed_label_selector_is_refused(api: Api) -> None:
    refused = api.get("/v1/allocations", params={"label": "no-equals-sign"})

    assert refused.status_code == 400
    assert error_of(refused)["details"]["parameter"] == "label"


def test_several_states_in_one_listing(api: Api, sim: Simulator) -> None:
    early = api.create().json()["id"]
    sim.clock.advance(1)  # early: provisioning
    pending = api.create().json()["id"]
    released = api.create().json()["id"]
    api.post(f"/v1/allocations/{released}/release")

    def listed(*states: str) -> set[str]:
        response = api.get("/v1/allocations", params=[("status", s) for s in states])
        assert response.status_code == 200, response.text
        return {a["id"] for a in response.json()["items"]}

    assert listed("pending", "provisioning") == {early, pending}
    assert listed("pending") == {pending}
    assert listed("releasing", "released", "failed") == {released}
    refused = api.get("/v1/allocations", params={"status": "sleeping"})
    assert (refused.status_code, error_of(refused)["details"]["value"]) == (400, "sleeping")
