"""Reservations: windows that can be reserved, the promise they keep, and how they are billed."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest

from gpuaas_sim import Simulator
from gpuaas_sim.runtime.clock import format_time

from .conftest import Api, error_of

H200 = "h200-sxm-slice"
HOUR = 3600

pytestmark = pytest.mark.sim_config(access_token_ttl=10**8)  # the clock moves by hours


def next_hour(sim: Simulator, hours: int = 1) -> datetime:
    floor = sim.clock.now().replace(minute=0, second=0, microsecond=0)
    return floor + timedelta(hours=hours)


def reserve(api: Api, start: datetime, **body: Any) -> dict[str, Any]:
    payload = {
        "sku": H200,
        "gpus_total": 8,
        "region_code": "us-buffalo-1",
        "start": format_time(start),
        "duration_hours": 2,
        **body,
    }
    response = api.post("/v1/reservations", json=payload)
    assert response.status_code == 201, response.text
    return dict(response.json())


def advance_to(sim: Simulator, moment: datetime) -> None:
    sim.clock.advance((moment - sim.clock.now()).total_seconds())


def availability(api: Api, **query: Any) -> dict[str, Any]:
    params = {"sku": H200, "gpus_total": 8, "duration_hours": 2, **query}
    response = api.get("/v1/reservations/availability", params=params)
    assert response.status_code == 200, response.text
    return dict(response.json())


def free_now(api: Api) -> int:
    return int(api.get(f"/v1/catalog/skus/{H200}").json()["availability"][0]["available_gpus"])


def test_availability_lists_hourly_windows_and_a_reservation_takes_its_share(
    api: Api, sim: Simulator
) -> None:
    start = next_hour(sim)
    window = {
        "earliest_start": format_time(start),
        "latest_end": format_time(start + timedelta(hours=4)),
    }
    before = availability(api, gpus_total=64, **window)
    assert [(s["start"], s["available_gpus"]) for s in before["slots"]] == [
        (format_time(start + timedelta(hours=h)), 64) for h in range(3)
    ]

    made = reserve(api, start, gpus_total=60)

    assert made["status"] == "scheduled" and made["end"] == format_time(start + timedelta(hours=2))
    assert made["total_minor"] == 349 * 60 * 2
    later = [
        (s["start"], s["available_gpus"])
        for s in availability(api, gpus_total=64, **window)["slots"]
    ]
    assert later == [(format_time(start + timedelta(hours=2)), 64)]  # once it has ended
    after = availability(api, gpus_total=4, **window)
    assert [s["available_gpus"] for s in after["slots"]] == [4, 4, 64]  # the last starts after
    # GPUs promised later are never sold on demand now.
    assert free_now(api) == 4
    assert error_of(api.create(gpus_total=8))["code"] == "sku_unavailable"


def test_a_window_that_cannot_be_kept_is_refused(api: Api, sim: Simulator) -> None:
    for _ in range(8):
        assert api.create(gpus_total=8).status_code == 201  # all 64 on demand

    response = api.post("/v1/reservations", json={
        "sku": H200, "gpus_total": 8, "region_code": "us-buffalo-1",
        "start": format_time(next_hour(sim)), "duration_hours": 1,
    })  # fmt: skip

    assert response.status_code == 409
    assert error_of(response)["code"] == "sku_unavailable"


def test_a_start_in_the_past_is_refused(api: Api, sim: Simulator) -> None:
    response = api.post("/v1/reservations", json={
        "sku": H200, "gpus_total": 1, "region_code": "us-buffalo-1",
        "start": format_time(sim.clock.now() - timedelta(hours=1)), "duration_hours": 1,
    })  # fmt: skip

    assert response.status_code == 422


def test_allocations_run_inside_the_window_and_end_with_it(api: Api, sim: Simulator) -> None:
    start = next_hour(sim)
    made = reserve(api, start, gpus_total=12)
    early = error_of(api.create(gpus_total=8, reservation_id=made["id"]))
    assert early["code"] == "reservation_not_active"

    advance_to(sim, start)
    for _ in range(6):  # on demand takes everything else
        assert api.create(gpus_total=8).status_code == 201
    inside = api.create(gpus_total=8, reservation_id=made["id"])
    too_many = error_of(api.create(gpus_total=8, reservation_id=made["id"]))

    assert inside.status_code == 201, inside.text
    assert inside.json()["reservation_id"] == made["id"]
    assert inside.json()["price_per_gpu_hour_minor"] == 0
    assert too_many["code"] == "reservation_mismatch" and too_many["details"]["gpus_free"] == 4
    reservation = api.get(f"/v1/reservations/{made['id']}").json()
    assert reservation["status"] == "active" and reservation["allocation_ids"] == [
        inside.json()["id"]
    ]
    sim.clock.advance(5)
    assert api.get(f"/v1/reservations/{made['id']}").json()["gpus_in_use"] == 8

    advance_to(sim, start + timedelta(hours=2, seconds=5))
    allocation = api.allocation(inside.json()["id"])
    assert allocation["status"] == "released"
    assert api.get(f"/v1/reservations/{made['id']}").json()["status"] == "ended"


def test_every_hour_begun_is_billed_in_full_and_nothing_else(api: Api, sim: Simulator) -> None:
    start = next_hour(sim)
    made = reserve(api, start, gpus_total=2, duration_hours=3)
    advance_to(sim, start)
    allocation_id = api.create(gpus_total=2, reservation_id=made["id"]).json()["id"]
    balance_before = sim.balance_minor()

    sim.clock.advance(1.5 * HOUR)

    records = api.get("/v1/billing/usage").json()["items"]
    assert [(r["kind"], r["reservation_id"], r["cost_minor"]) for r in records] == [
        ("reservation", made["id"], 698),
        ("reservation", made["id"], 698),
    ]
    assert all(r["allocation_id"] is None for r in records)  # what runs inside is not billed
    assert balance_before - sim.balance_minor() == 2 * 698  # two hours begun, billed in full
    assert sim.allocation_book.accrued(sim.allocations[allocation_id], sim.clock.now()) == 0


def test_cancelling_bills_the_hour_begun_and_releases_what_runs_inside(
    api: Api, sim: Simulator
) -> None:
    start = next_hour(sim)
    unused = reserve(api, start + timedelta(hours=5))
    made = reserve(api, start, gpus_total=1, duration_hours=4)
    advance_to(sim, start)
    allocation_id = api.create(reservation_id=made["id"]).json()["id"]
    sim.clock.advance(0.25 * HOUR)

    cancelled = api.post(f"/v1/reservations/{made['id']}/cancel").json()
    never_started = api.post(f"/v1/reservations/{unused['id']}/cancel").json()
    sim.clock.advance(5 * HOUR)

    assert cancelled["status"] == "cancelled" and never_started["status"] == "cancelled"
    costs = [r["cost_minor"] for r in api.get("/v1/billing/usage").json()["items"]]
    assert costs == [349]  # one hour begun; the unused reservation cost nothing
    assert api.allocation(allocation_id)["status"] == "released"


def test_auto_renew_moves_the_window_on_while_capacity_allows(api: Api, sim: Simulator) -> None:
    start = next_hour(sim)
    made = reserve(api, start, gpus_total=8, duration_hours=1, auto_renew=True)
    advance_to(sim, start)
    allocation_id = api.create(gpus_total=8, reservation_id=made["id"]).json()["id"]

    advance_to(sim, start + timedelta(hours=1, minutes=30))
    renewed = api.get(f"/v1/reservations/{made['id']}").json()
    assert renewed["status"] == "active" and renewed["renewals"] == 1
    assert renewed["end"] == format_time(start + timedelta(hours=2))
    assert api.allocation(allocation_id)["status"] == "active"  # it goes on with the window

    # A renewal is decided when the window ends: GPUs promised to others by then win.
    reserve(api, start + timedelta(hours=2), gpus_total=64, duration_hours=1)
    advance_to(sim, start + timedelta(hours=2, minutes=1))
    ended = api.get(f"/v1/reservations/{made['id']}").json()
    assert ended["status"] == "ended" and ended["renewals"] == 1
    assert api.allocation(allocation_id)["status"] == "released"
    costs = [r["cost_minor"] for r in api.get("/v1/billing/usage").json()["items"]]
    assert costs[:2] == [349 * 8, 349 * 8]  # two windows of one hour
