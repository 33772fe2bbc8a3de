"""Quotes that bind, price caps and capacity holds, as the simulator enforces them."""

from __future__ import annotations

from typing import Any

import pytest

from gpuaas_sim import Simulator

from .conftest import Api, error_of

H200 = "h200-sxm-slice"

pytestmark = pytest.mark.sim_config(access_token_ttl=10**8)  # the clock moves by hours


def quote(api: Api, **body: Any) -> dict[str, Any]:
    payload = {"sku": H200, "gpus_total": 8, "hours": 24, **body}
    response = api.post("/v1/catalog/quotes", json=payload)
    assert response.status_code == 200, response.text
    return dict(response.json())


# -- quotes ----------------------------------------------------------------------------


def test_a_quote_binds_its_price_after_the_price_changes(api: Api, sim: Simulator) -> None:
    given = quote(api)
    sim.pricing.set_price(H200, 499)  # the price in force goes up after the quote

    created = api.create(gpus_total=8, quote_id=given["id"])
    unquoted = api.create(gpus_total=8)

    assert given["id"].startswith("qt-") and given["price_per_gpu_hour_minor"] == 349
    assert created.status_code == 201, created.text
    assert created.json()["price_per_gpu_hour_minor"] == 349
    assert created.json()["quote_id"] == given["id"]
    assert unquoted.json()["price_per_gpu_hour_minor"] == 499
    assert api.get(f"/v1/catalog/skus/{H200}").json()["price_per_gpu_hour_minor"] == 499
    assert api.get(f"/v1/catalog/quotes/{given['id']}").json() == given

    sim.clock.advance(3 + 3600)  # an hour of active time
    records = api.get("/v1/billing/usage", params={"allocation_id": created.json()["id"]})
    items = records.json()["items"]  # split at the clock hour
    assert sum(r["cost_minor"] for r in items) == 349 * 8
    assert {r["quote_id"] for r in items} == {given["id"]}


def test_an_expired_quote_is_refused(api: Api, sim: Simulator) -> None:
    given = quote(api)
    sim.clock.advance(15 * 60)

    error = error_of(api.create(gpus_total=8, quote_id=given["id"]))

    assert error["code"] == "quote_expired"
    assert error["details"]["valid_until"] == given["valid_until"]
    assert sim.allocations == {}


@pytest.mark.parametrize(
    ("body", "differs"),
    [
        ({"gpus_total": 4}, "gpus_total"),
        ({"sku": "h100-sxm-slice", "gpus_total": 8}, "sku"),
        ({"gpus_total": 8, "region_code": "eu-helsinki-1"}, "region_code"),
    ],
)
def test_a_quote_for_something_else_is_a_mismatch(
    api: Api, body: dict[str, Any], differs: str
) -> None:
    given = quote(api)

    error = error_of(api.create(quote_id=given["id"], **body))

    assert error["code"] == "quote_mismatch"
    assert error["details"]["request"][differs] == body.get(differs)
    assert error["details"]["quote"]["sku"] == H200


def test_an_unknown_quote_is_not_found(api: Api) -> None:
    assert error_of(api.create(quote_id="qt-00000000"))["code"] == "quote_not_found"


def test_a_price_above_the_cap_is_refused_not_paid(api: Api, sim: Simulator) -> None:
    sim.pricing.set_price(H200, 420)

    refused = api.create(max_price_per_gpu_hour_minor=400)
    accepted = api.create(max_price_per_gpu_hour_minor=420)

    assert refused.status_code == 409
    assert error_of(refused)["details"] == {
        "price_per_gpu_hour_minor": 420,
        "max_price_per_gpu_hour_minor": 400,
        "currency": "USD",
    }
    assert accepted.status_code == 201
    assert len(sim.allocations) == 1


# -- holds -----------------------------------------------------------------------------


def hold(api: Api, **body: Any) -> dict[str, Any]:
    payload = {"sku": H200, "gpus_total": 16, "region_code": "us-buffalo-1", "seconds": 300}
    response = api.post("/v1/catalog/holds", json={**payload, **body})
    assert response.status_code == 201, response.text
    return dict(response.json())


def free_h200(api: Api) -> int:
    sku = api.get(f"/v1/catalog/skus/{H200}").json()
    return int(sku["availability"][0]["available_gpus"])


def test_a_hold_keeps_gpus_aside_and_a_create_inside_it_always_succeeds(api: Api) -> None:
    held = hold(api)
    assert free_h200(api) == 64 - 16
    for _ in range(6):  # someone else takes every GPU left
        assert api.create(gpus_total=8).status_code == 201
    assert error_of(api.create(gpus_total=1))["code"] == "sku_unavailable"

    inside = [api.create(gpus_total=8, hold_id=held["id"]) for _ in range(2)]

    assert [r.status_code for r in inside] == [201, 201]
    assert {r.json()["hold_id"] for r in inside} == {held["id"]}
    after = api.get(f"/v1/catalog/holds/{held['id']}").json()
    assert after["status"] == "used" and after["gpus_remaining"] == 0
    assert after["allocation_ids"] == [r.json()["id"] for r in inside]
    assert error_of(api.create(gpus_total=1, hold_id=held["id"]))["code"] == "hold_expired"


def test_a_hold_expires_and_gives_its_gpus_back_by_itself(api: Api, sim: Simulator) -> None:
    held = hold(api, seconds=60)
    sim.clock.advance(60)

    assert api.get(f"/v1/catalog/holds/{held['id']}").json()["status"] == "expired"
    assert free_h200(api) == 64
    assert error_of(api.create(hold_id=held["id"]))["code"] == "hold_expired"


def test_a_released_hold_gives_its_gpus_back_at_once(api: Api) -> None:
    held = hold(api)
    released = api.post(f"/v1/catalog/holds/{held['id']}/release").json()

    assert released["status"] == "released" and released["gpus_remaining"] == 0
    assert free_h200(api) == 64


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ({"sku": "h100-sxm-slice"}, "h100-sxm-slice"),
        ({"gpus_total": 8, "region_code": "eu-helsinki-1"}, "eu-helsinki-1"),
    ],
)
def test_a_create_that_does_not_fit_the_hold_is_a_mismatch(
    api: Api, body: dict[str, Any], problem: str
) -> None:
    held = hold(api, gpus_total=4)

    error = error_of(api.create(hold_id=held["id"], **{"gpus_total": 1, **body}))

    assert error["code"] == "hold_mismatch"
    assert problem in error["message"]


def test_a_hold_needs_the_free_gpus(api: Api) -> None:
    error = error_of(api.post("/v1/catalog/holds", json={
        "sku": H200, "gpus_total": 65, "region_code": "us-buffalo-1", "seconds": 60,
    }))  # fmt: skip

    assert error["code"] == "sku_unavailable"
    assert error["details"]["available_gpus"] == {"us-buffalo-1": 64}
