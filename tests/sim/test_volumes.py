"""Block volumes: attached at create time or later, one allocation at a time, outliving it,
billed per GB-hour."""

from __future__ import annotations

from typing import Any

import pytest

from gpuaas_sim import Simulator

from .conftest import Api, error_of

pytestmark = pytest.mark.sim_config(access_token_ttl=10**8)  # the clock moves by hours


def volume(api: Api, **body: Any) -> dict[str, Any]:
    payload = {"name": "datasets", "size_gb": 500, "region_code": "us-buffalo-1", **body}
    response = api.post("/v1/volumes", json=payload)
    assert response.status_code == 201, response.text
    return dict(response.json())


def test_a_volume_attached_at_create_outlives_its_allocation(api: Api, sim: Simulator) -> None:
    made = volume(api)
    allocation = api.create(volumes=[{"volume_id": made["id"], "mount_point": "/data"}]).json()

    assert made["status"] == "available" and made["attachment"] is None
    assert allocation["volumes"] == [{"volume_id": made["id"], "mount_point": "/data"}]
    attached = api.get(f"/v1/volumes/{made['id']}").json()
    assert attached["status"] == "attached"
    assert attached["attachment"] == {"allocation_id": allocation["id"], "mount_point": "/data"}

    api.post(f"/v1/allocations/{allocation['id']}/release")
    sim.clock.advance(2)

    after = api.get(f"/v1/volumes/{made['id']}").json()
    assert after["status"] == "available" and after["attachment"] is None
    assert api.allocation(allocation["id"])["volumes"] == []


def test_attach_later_detach_and_delete(api: Api, sim: Simulator) -> None:
    made = volume(api)
    allocation_id = api.create().json()["id"]
    other_id = api.create().json()["id"]
    path = f"/v1/allocations/{allocation_id}/volumes"

    attached = api.post(path, json={"volume_id": made["id"], "mount_point": "/ckpt"})
    elsewhere = api.post(
        f"/v1/allocations/{other_id}/volumes", json={"volume_id": made["id"], "mount_point": "/x"}
    )
    in_use = api.client.delete(f"/v1/volumes/{made['id']}", headers=api.auth)
    detached = api.client.delete(f"{path}/{made['id']}", headers=api.auth)
    deleted = api.client.delete(f"/v1/volumes/{made['id']}", headers=api.auth)

    assert attached.status_code == 200 and attached.json()["status"] == "attached"
    assert error_of(elsewhere)["code"] == "volume_in_use"
    assert error_of(in_use)["code"] == "volume_in_use"
    assert detached.status_code == 200 and detached.json()["status"] == "available"
    assert deleted.status_code == 204
    assert error_of(api.get(f"/v1/volumes/{made['id']}"))["code"] == "volume_not_found"


def test_a_volume_of_another_region_cannot_be_attached(api: Api) -> None:
    made = volume(api, region_code="eu-helsinki-1")

    response = api.create(volumes=[{"volume_id": made["id"], "mount_point": "/data"}])

    assert response.status_code == 422
    assert error_of(response)["details"]["errors"][0]["field"] == "volume_id"


def test_one_mount_point_per_volume(api: Api) -> None:
    first, second = volume(api, name="a"), volume(api, name="b")
    mounts = [
        {"volume_id": first["id"], "mount_point": "/data"},
        {"volume_id": second["id"], "mount_point": "/data"},
    ]

    assert api.create(volumes=mounts).status_code == 422


def test_a_volume_is_billed_per_gb_hour_attached_or_not(api: Api, sim: Simulator) -> None:
    made = volume(api, size_gb=1000)

    sim.clock.advance(10 * 3600)

    records = [r for r in api.get("/v1/billing/usage").json()["items"] if r["kind"] == "volume"]
    assert {r["volume_id"] for r in records} == {made["id"]}
    assert sum(r["gb_hours"] for r in records) == pytest.approx(10_000)
    assert sum(r["cost_minor"] for r in records) == 140  # 14 per 1,000 GB-hours
    assert sim.balance_minor() == sim.config.initial_balance_minor - 140
