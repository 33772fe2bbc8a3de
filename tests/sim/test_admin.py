"""Admin routes: nodes and draining, the ops overview, the audit log, and the role check."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from starlette.testclient import TestClient

from gpuaas_sim import SimConfig, Simulator
from gpuaas_sim.platform.identity import Principal
from gpuaas_sim.runtime.clock import format_time

from .conftest import Api, error_of, login

PLATFORM_ADMIN = Principal(
    principal_id="usr-ops",
    kind="human",
    display_name="ops",
    tenant_id="tnt-platform",
    default_project_id=None,
    roles=("platform_admin",),
    project_ids=(),
)


@pytest.fixture
def sim() -> Iterator[Simulator]:
    simulator = Simulator(SimConfig(clock_speed=0, access_token_ttl=10**6))
    simulator.identity.add_user("ops", "ops-pw", PLATFORM_ADMIN)
    yield simulator
    simulator.close()


@pytest.fixture
def admin(client: TestClient) -> Api:
    """The platform admin's side of the simulator."""
    token = login(client, "ops", "ops-pw")["access_token"]
    return Api(client, {"Authorization": f"Bearer {token}"})


def nodes(admin: Api, **params: Any) -> list[dict[str, Any]]:
    response = admin.get("/v1/admin/nodes", params={"limit": 200, **params})
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    return items


def node_of(sim: Simulator, admin: Api, allocation_id: str) -> dict[str, Any]:
    """The node the allocation landed on (listing the nodes places new allocations)."""
    nodes(admin)
    [node_id] = [
        n.id for n in sim.fleet.nodes.values() if allocation_id in {a.id for a in n.allocations}
    ]
    response = admin.get(f"/v1/admin/nodes/{node_id}")
    node: dict[str, Any] = response.json()
    return node


def drain(admin: Api, node_id: str, reason: str = "NVLink board", **kw: Any) -> Any:
    return admin.post(f"/v1/admin/nodes/{node_id}/drain", json={"reason": reason}, **kw)


def audit(admin: Api, **params: Any) -> list[dict[str, Any]]:
    response = admin.get("/v1/admin/audit-events", params=params)
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    return items


# -- the role check ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/v1/admin/nodes"),
        ("GET", "/v1/admin/nodes/node-buf1-h200-01"),
        ("POST", "/v1/admin/nodes/node-buf1-h200-01/drain"),
        ("GET", "/v1/admin/ops/overview"),
        ("GET", "/v1/admin/audit-events"),
    ],
)
def test_admin_routes_refuse_non_admins(api: Api, method: str, path: str) -> None:
    response = api.client.request(method, path, headers=api.auth, json={"reason": "x"})

    assert response.status_code == 403
    error = error_of(response)
    assert error["code"] == "insufficient_permissions"
    assert error["details"] == {"required_role": "platform_admin"}


def test_admin_routes_need_a_token(client: TestClient) -> None:
    assert client.get("/v1/admin/nodes").status_code == 401


def test_a_refused_drain_is_audited_as_denied(api: Api, admin: Api, sim: Simulator) -> None:
    drain(api, "node-buf1-h200-01")

    [event] = audit(admin, action="node.drain")
    assert event["outcome"] == "denied"
    assert event["actor_id"] == "usr-dev-user"
    assert sim.fleet.nodes["node-buf1-h200-01"].drained_from is None


# -- nodes -------------------------------------------------------------------------


def test_nodes_match_catalog_capacity(admin: Api, sim: Simulator) -> None:
    listed = nodes(admin)

    capacity: dict[tuple[str, str], int] = defaultdict(int)
    for node in listed:
        assert node["status"] == "ready"
        assert node["gpus_allocated"] == 0
        assert node["drain_reason"] is None
        capacity[(node["gpu_model"], node["region_code"])] += node["gpus_total"]
    expected = {
        (sku.gpu_model, region): gpus
        for sku in sim.catalog.skus
        for region, gpus in sku.capacity.items()
    }
    assert dict(capacity) == expected
    assert [(n["region_code"], n["id"]) for n in listed] == sorted(
        (n["region_code"], n["id"]) for n in listed
    )


def test_nodes_filter_and_paginate(admin: Api) -> None:
    helsinki = nodes(admin, region_code="eu-helsinki-1")
    assert helsinki
    assert {n["region_code"] for n in helsinki} == {"eu-helsinki-1"}

    first = admin.get("/v1/admin/nodes", params={"limit": 5}).json()
    second = admin.get("/v1/admin/nodes", params={"limit": 5, "cursor": first["next_cursor"]})
    assert [n["id"] for n in first["items"] + second.json()["items"]] == [
        n["id"] for n in nodes(admin)[:10]
    ]
    bad = admin.get("/v1/admin/nodes", params={"status": "melting"})
    assert bad.status_code == 400


def test_get_node(admin: Api) -> None:
    node = admin.get("/v1/admin/nodes/node-buf1-h200-01")

    assert node.status_code == 200
    assert node.json()["gpu_model"] == "NVIDIA H200 SXM"
    missing = admin.get("/v1/admin/nodes/node-nope")
    assert missing.status_code == 404
    assert error_of(missing)["code"] == "node_not_found"


def test_allocations_land_on_nodes(api: Api, admin: Api, sim: Simulator) -> None:
    allocation_id = api.create(gpus_total=3).json()["id"]

    node = node_of(sim, admin, allocation_id)

    assert node["gpus_allocated"] == 3
    api.post(f"/v1/allocations/{allocation_id}/release")
    sim.clock.advance(sim.config.release_delay)
    assert admin.get(f"/v1/admin/nodes/{node['id']}").json()["gpus_allocated"] == 0


def test_an_idle_node_is_drained_at_once(admin: Api, sim: Simulator) -> None:
    response = drain(admin, "node-buf1-h200-01", "Replace NVLink switch board")

    assert response.status_code == 200
    node = response.json()
    assert node["status"] == "drained"
    assert node["drain_reason"] == "Replace NVLink switch board"
    assert node["updated_at"] == format_time(sim.clock.now())


def test_draining_waits_for_allocations_on_the_clock(api: Api, admin: Api, sim: Simulator) -> None:
    allocation_id = api.create(gpus_total=2).json()["id"]
    node_id = node_of(sim, admin, allocation_id)["id"]

    assert drain(admin, node_id).json()["status"] == "draining"
    sim.clock.advance(3600)
    assert admin.get(f"/v1/admin/nodes/{node_id}").json()["status"] == "draining"

    api.post(f"/v1/allocations/{allocation_id}/release")
    released_at = sim.clock.now() + timedelta(seconds=sim.config.release_delay)
    assert admin.get(f"/v1/admin/nodes/{node_id}").json()["status"] == "draining"
    sim.clock.advance(sim.config.release_delay + 5)

    node = admin.get(f"/v1/admin/nodes/{node_id}").json()
    assert node["status"] == "drained"
    assert node["gpus_allocated"] == 0
    assert node["updated_at"] == format_time(released_at)
    assert [n["id"] for n in nodes(admin, status="drained")] == [node_id]


def test_new_allocations_avoid_draining_nodes(api: Api, admin: Api, sim: Simulator) -> None:
    first = api.create(gpus_total=1).json()["id"]
    busy = node_of(sim, admin, first)["id"]
    drain(admin, busy)

    second = api.create(gpus_total=1).json()["id"]

    assert node_of(sim, admin, second)["id"] != busy
    assert admin.get(f"/v1/admin/nodes/{busy}").json()["gpus_allocated"] == 1


def test_drain_twice_is_invalid_state(admin: Api) -> None:
    drain(admin, "node-buf1-h200-01")

    again = drain(admin, "node-buf1-h200-01")

    assert again.status_code == 409
    error = error_of(again)
    assert error["code"] == "invalid_state"
    assert error["details"]["state"] == "drained"


@pytest.mark.parametrize("body", [{"reason": ""}, {"reason": "x" * 501}, {}, {"reason": 3}])
def test_drain_reason_is_validated(admin: Api, body: dict[str, Any]) -> None:
    response = admin.post("/v1/admin/nodes/node-buf1-h200-01/drain", json=body)

    assert response.status_code == 422
    assert error_of(response)["code"] == "validation_error"


def test_drain_unknown_node(admin: Api) -> None:
    response = drain(admin, "node-nope")

    assert response.status_code == 404
    assert error_of(response)["code"] == "node_not_found"


def test_drain_replays_with_an_idempotency_key(admin: Api) -> None:
    headers = {"Idempotency-Key": "drain-1"}
    first = drain(admin, "node-buf1-h200-01", headers=headers)
    replay = drain(admin, "node-buf1-h200-01", headers=headers)

    assert replay.status_code == 200
    assert replay.json() == first.json()
    assert replay.headers["Idempotent-Replayed"] == "true"


# -- ops overview ------------------------------------------------------------------


def test_ops_overview_counts_live_state(api: Api, admin: Api, sim: Simulator) -> None:
    kept = api.create(gpus_total=2).json()["id"]
    gone = api.create(gpus_total=1).json()["id"]
    sim.clock.advance(10)
    api.post(f"/v1/allocations/{gone}/release")
    api.create(gpus_total=4)
    drain(admin, "node-hel1-a100-01")

    overview = admin.get("/v1/admin/ops/overview")

    assert overview.status_code == 200
    body = overview.json()
    total = sum(n["gpus_total"] for n in nodes(admin))
    assert body["as_of"] == format_time(sim.clock.now())
    assert body["gpus_total"] == total
    assert body["gpus_allocated"] == 2 + 1 + 4  # releasing still holds its GPUs
    assert body["allocations_by_status"] == {
        "pending": 1,
        "provisioning": 0,
        "active": 1,
        "releasing": 1,
        "released": 0,
        "failed": 0,
    }
    assert body["nodes_by_status"] == {
        "ready": len(nodes(admin)) - 1,
        "draining": 0,
        "drained": 1,
        "offline": 0,
    }
    assert body["active_app_instances"] == 0
    assert sim.allocations[kept].status == "active"


def test_released_allocations_count_for_a_day(api: Api, admin: Api, sim: Simulator) -> None:
    allocation_id = api.create().json()["id"]
    api.post(f"/v1/allocations/{allocation_id}/release")
    sim.clock.advance(sim.config.release_delay)
    counts = admin.get("/v1/admin/ops/overview").json()["allocations_by_status"]
    assert counts["released"] == 1

    sim.clock.advance(24 * 3600 + 1)
    assert admin.get("/v1/admin/ops/overview").json()["allocations_by_status"]["released"] == 0


def test_active_app_instances_come_from_status_events(admin: Api, sim: Simulator) -> None:
    for instance, status in [("i1", "starting"), ("i2", "running"), ("i1", "stopped")]:
        sim.events.publish(
            {
                "type": "app_instance.status_changed",
                "tenant_id": "tnt-acme",
                "instance_id": instance,
                "status": status,
                "previous_status": None,
                "failure_reason": None,
            },
            at=sim.clock.now(),
        )

    assert admin.get("/v1/admin/ops/overview").json()["active_app_instances"] == 1


# -- audit -------------------------------------------------------------------------


def test_mutations_are_audited_oldest_first(api: Api, admin: Api) -> None:
    created = api.post("/v1/webhooks", json={"url": "http://127.0.0.1:9/h", "event_types": ["*"]})
    webhook_id = created.json()["webhook"]["id"]
    api.client.delete(f"/v1/webhooks/{webhook_id}", headers=api.auth)
    drained = drain(admin, "node-buf1-h200-01", headers={"X-Correlation-ID": "corr-drain-1"})

    events = audit(admin)

    assert [(e["action"], e["resource_id"]) for e in events] == [
        ("webhook.create", webhook_id),
        ("webhook.delete", webhook_id),
        ("node.drain", "node-buf1-h200-01"),
    ]
    create, _, drain_event = events
    assert create["actor_id"] == "usr-dev-user"
    assert create["actor_kind"] == "human"
    assert create["tenant_id"] == "tnt-acme"
    assert create["outcome"] == "success"
    assert create["correlation_id"] == created.headers["X-Correlation-ID"]
    assert create["ip"]
    assert drain_event["tenant_id"] is None
    assert drain_event["actor_id"] == "usr-ops"
    assert drain_event["correlation_id"] == drained.headers["X-Correlation-ID"] == "corr-drain-1"
    assert all(e["id"].startswith("aud-") for e in events)


def test_audit_filters_combine(api: Api, admin: Api, sim: Simulator) -> None:
    drain(admin, "node-buf1-h200-01")
    sim.clock.advance(60)
    middle = format_time(sim.clock.now())
    drain(admin, "node-buf1-h200-02")
    api.post("/v1/webhooks", json={"url": "http://127.0.0.1:9/h", "event_types": ["*"]})

    assert [e["resource_id"] for e in audit(admin, since=middle, action="node.drain")] == [
        "node-buf1-h200-02"
    ]
    assert [e["resource_id"] for e in audit(admin, until=middle)] == ["node-buf1-h200-01"]
    assert [e["action"] for e in audit(admin, actor_id="usr-dev-user")] == ["webhook.create"]
    assert audit(admin, action="allocation.create") == []


def test_audit_pages_resume_from_the_cursor(admin: Api) -> None:
    for index in range(1, 6):
        drain(admin, f"node-buf1-h200-0{index}")

    first = admin.get("/v1/admin/audit-events", params={"limit": 3}).json()
    rest = admin.get("/v1/admin/audit-events", params={"cursor": first["next_cursor"]}).json()

    ids = [e["resource_id"] for e in first["items"] + rest["items"]]
    assert ids == [f"node-buf1-h200-0{i}" for i in range(1, 6)]
    assert rest["next_cursor"] is None


def test_audit_window_must_be_ordered(admin: Api) -> None:
    response = admin.get(
        "/v1/admin/audit-events",
        params={"since": "2026-04-01T12:00:00Z", "until": "2026-04-01T12:00:00Z"},
    )

    assert response.status_code == 422
    assert error_of(response)["code"] == "validation_error"


@pytest.mark.parametrize("value", ["yesterday", "2026-04-01", "2026-04-01T12:00:00"])
def test_audit_times_must_be_rfc3339(admin: Api, value: str) -> None:
    response = admin.get("/v1/admin/audit-events", params={"since": value})

    assert response.status_code == 400
    assert error_of(response)["code"] == "invalid_request"


def test_allocations_are_audited_with_who_what_and_outcome(api: Api, admin: Api) -> None:
    created = api.create(gpus_total=1)
    allocation_id = created.json()["id"]
    api.post(f"/v1/allocations/{allocation_id}/release")
    refused = api.create(gpus_total=9)

    events = audit(admin, actor_id="usr-dev-user")

    assert [(e["action"], e["resource_id"], e["outcome"]) for e in events] == [
        ("allocation.create", allocation_id, "success"),
        ("allocation.release", allocation_id, "success"),
        ("allocation.create", None, "failed"),
    ]
    assert {e["resource_type"] for e in events} == {"allocation"}
    assert {e["tenant_id"] for e in events} == {"tnt-acme"}
    assert events[0]["correlation_id"] == created.headers["X-Correlation-ID"]
    assert events[2]["correlation_id"] == refused.headers["X-Correlation-ID"]


def test_a_replayed_create_is_audited_once(api: Api, admin: Api) -> None:
    api.create(key="create-once")
    api.create(key="create-once")

    assert len(audit(admin, action="allocation.create")) == 1


def test_drained_nodes_take_their_capacity_away(api: Api, admin: Api) -> None:
    helsinki = nodes(admin, region_code="eu-helsinki-1")
    l40s = [n["id"] for n in helsinki if n["gpu_model"] == "NVIDIA L40S"]
    assert len(l40s) == 2  # 8 GPUs in nodes of 4
    drain(admin, l40s[0])
    assert (
        api.create(sku="l40s-slice", gpus_total=4, region_code="eu-helsinki-1").status_code == 201
    )

    drain(admin, l40s[1])
    refused = api.create(sku="l40s-slice", gpus_total=1, region_code="eu-helsinki-1")

    assert refused.status_code == 409
    details = error_of(refused)["details"]
    assert details["available_gpus"]["eu-helsinki-1"] == 0
    placed = api.create(sku="l40s-slice", gpus_total=1)  # any region: Buffalo still has room
    assert placed.json()["region_code"] == "us-buffalo-1"
