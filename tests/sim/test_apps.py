"""Apps: the catalog, artifacts, entitlements, and instances living on the simulated clock."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import httpx
import pytest
from starlette.testclient import TestClient

from gpuaas_sim import Simulator
from gpuaas_sim.runtime.clock import format_time

from .conftest import Api, error_of, login


@pytest.fixture
def admin(client: TestClient) -> Api:
    """admin-user (tenant_admin of tnt-acme): may register apps and grant entitlements."""
    token = login(client, "admin-user", "admin123")["access_token"]
    return Api(client, {"Authorization": f"Bearer {token}"})


def active_allocation(api: Api, sim: Simulator, **body: Any) -> str:
    allocation_id: str = api.create(**body).json()["id"]
    sim.clock.advance(3)
    assert api.allocation(allocation_id)["status"] == "active"
    return allocation_id


def create_instance(
    api: Api,
    allocation_id: str,
    app: str = "jupyter-cuda-dev",
    headers: dict[str, str] | None = None,
    **body: Any,
) -> httpx.Response:
    payload = {
        "app_slug": app,
        "project_id": "prj-default",
        "target_allocation_id": allocation_id,
        **body,
    }
    return api.post("/v1/app-instances", json=payload, headers=headers or {})


def instance(api: Api, instance_id: str) -> dict[str, Any]:
    response = api.get(f"/v1/app-instances/{instance_id}")
    assert response.status_code == 200, response.text
    return response.json()


def running_instance(api: Api, sim: Simulator) -> dict[str, Any]:
    created = create_instance(api, active_allocation(api, sim))
    assert created.status_code == 201, created.text
    sim.clock.advance(3)
    return instance(api, created.json()["id"])


def events(api: Api, instance_id: str, **params: Any) -> list[dict[str, Any]]:
    response = api.get(f"/v1/app-instances/{instance_id}/events", params=params)
    assert response.status_code == 200, response.text
    return response.json()["items"]


# -- catalog ------------------------------------------------------------------------


def test_the_catalog_lists_the_seed_apps_by_slug_and_filters(api: Api) -> None:
    slugs = [m["slug"] for m in api.get("/v1/apps").json()["items"]]
    hpc = api.get("/v1/apps", params={"category": "hpc"}).json()["items"]
    found = api.get("/v1/apps", params={"search": "JUPYTER"}).json()["items"]

    assert slugs == sorted(slugs) and {"jupyter-cuda-dev", "slurm-cluster"} <= set(slugs)
    assert [m["slug"] for m in hpc] == ["slurm-cluster"]
    assert [m["slug"] for m in found] == ["jupyter-cuda-dev"]
    jupyter = api.get("/v1/apps/jupyter-cuda-dev").json()
    assert jupyter["entitlement_required"] is False and "head" in jupyter["roles"]
    assert api.get("/v1/apps/slurm-cluster").json()["roles"] == ["head", "worker"]
    assert any(m["entitlement_required"] for m in api.get("/v1/apps").json()["items"])


def test_an_unknown_app_is_app_not_found(api: Api) -> None:
    response = api.get("/v1/apps/no-such-app")

    assert response.status_code == 404
    assert error_of(response)["code"] == "app_not_found"


def test_registering_needs_admin_and_a_new_slug(api: Api, admin: Api) -> None:
    manifest = {
        "slug": "vllm-serve",
        "name": "vLLM",
        "version": "0.6.0",
        "category": "inference",
        "image": "registry.example.com/vllm:0.6.0",
        "ports": [{"name": "http", "port": 8000, "protocol": "http"}],
    }

    refused = api.post("/v1/apps", json=manifest)
    made = admin.post("/v1/apps", json=manifest, headers={"Idempotency-Key": "reg-1"})
    replay = admin.post("/v1/apps", json=manifest, headers={"Idempotency-Key": "reg-1"})
    twice = admin.post("/v1/apps", json=manifest)

    assert error_of(refused)["code"] == "insufficient_permissions"
    assert made.status_code == 201
    body = made.json()
    assert body["roles"] == ["head"] and body["min_gpus"] == 1 and body["description"] == ""
    assert body["supported_skus"] == [] and body["entitlement_required"] is False
    assert replay.json() == body and replay.headers["Idempotent-Replayed"] == "true"
    assert twice.status_code == 409 and error_of(twice)["code"] == "already_exists"
    assert api.get("/v1/apps/vllm-serve").json() == body
    artifacts = api.get("/v1/apps/vllm-serve/artifacts").json()["items"]
    assert [a["version"] for a in artifacts] == ["0.6.0"]


def test_a_manifest_is_validated_field_by_field(admin: Api) -> None:
    response = admin.post(
        "/v1/apps",
        json={"slug": "Bad Slug", "name": "x", "version": "1", "category": "c", "image": "i",
              "roles": ["head", "head"]},
    )  # fmt: skip

    assert response.status_code == 422
    fields = {e["field"] for e in error_of(response)["details"]["errors"]}
    assert {"slug", "roles"} <= fields


# -- artifacts ----------------------------------------------------------------------


def test_artifacts_are_newest_first_with_their_channels(api: Api) -> None:
    items = api.get("/v1/apps/jupyter-cuda-dev/artifacts").json()["items"]
    stable = api.get("/v1/apps/jupyter-cuda-dev/artifacts", params={"channel": "stable"})

    assert [a["version"] for a in items] == ["1.5.0-rc1", "1.4.0", "1.3.2"]
    assert [a["channels"] for a in items] == [["beta", "dev"], ["stable"], []]
    assert items[2]["promoted_at"] is None
    assert [a["version"] for a in stable.json()["items"]] == ["1.4.0"]


def test_promoting_moves_the_channel_to_the_artifact(api: Api, admin: Api, sim: Simulator) -> None:
    old, current, _ = api.get("/v1/apps/jupyter-cuda-dev/artifacts").json()["items"][::-1]
    sim.clock.advance(60)
    path = f"/v1/apps/jupyter-cuda-dev/artifacts/{old['id']}/promote"

    refused = api.post(path, json={"channel": "stable"})
    promoted = admin.post(path, json={"channel": "stable"})
    again = admin.post(path, json={"channel": "stable"})

    assert error_of(refused)["code"] == "insufficient_permissions"
    assert promoted.status_code == 200
    assert promoted.json()["channels"] == ["stable"]
    assert promoted.json()["promoted_at"] == format_time(sim.clock.now())
    assert again.json() == promoted.json()
    by_id = {a["id"]: a for a in api.get("/v1/apps/jupyter-cuda-dev/artifacts").json()["items"]}
    assert by_id[current["id"]]["channels"] == []


def test_promoting_an_unknown_artifact_is_artifact_not_found(admin: Api) -> None:
    response = admin.post(
        "/v1/apps/jupyter-cuda-dev/artifacts/art-nope/promote", json={"channel": "dev"}
    )

    assert response.status_code == 404 and error_of(response)["code"] == "artifact_not_found"


# -- entitlements -------------------------------------------------------------------


def test_an_entitled_app_needs_a_grant_and_a_revoke_takes_it_back(
    api: Api, admin: Api, sim: Simulator
) -> None:
    allocation_id = active_allocation(api, sim)

    refused = create_instance(api, allocation_id, app="triton-inference")
    not_admin = api.post(
        "/v1/apps/triton-inference/entitlements", json={"project_id": "prj-default"}
    )
    granted = admin.post(
        "/v1/apps/triton-inference/entitlements", json={"project_id": "prj-default"}
    )
    twice = admin.post("/v1/apps/triton-inference/entitlements", json={"project_id": "prj-default"})
    allowed = create_instance(api, allocation_id, app="triton-inference")
    listed = api.get("/v1/apps/triton-inference/entitlements").json()["items"]
    revoked = admin.client.delete(
        f"/v1/apps/triton-inference/entitlements/{granted.json()['id']}", headers=admin.auth
    )
    after = create_instance(api, allocation_id, app="triton-inference")

    assert refused.status_code == 403 and error_of(refused)["code"] == "app_not_entitled"
    assert error_of(not_admin)["code"] == "insufficient_permissions"
    assert granted.status_code == 201
    assert granted.json()["granted_by"] == "usr-admin-user"
    assert granted.json()["expires_at"] is None
    assert twice.status_code == 409 and error_of(twice)["code"] == "already_exists"
    assert allowed.status_code == 201
    assert listed == [granted.json()]
    assert revoked.status_code == 204
    assert error_of(after)["code"] == "app_not_entitled"
    assert instance(api, allowed.json()["id"])["status"] != "failed"


def test_a_lapsed_entitlement_is_gone(api: Api, admin: Api, sim: Simulator) -> None:
    expires = format_time(sim.clock.now() + timedelta(minutes=10))  # within the token's life
    granted = admin.post(
        "/v1/apps/triton-inference/entitlements",
        json={"project_id": "prj-default", "expires_at": expires},
    )
    allocation_id = active_allocation(api, sim)

    sim.clock.advance(600)

    assert granted.json()["expires_at"] == expires
    assert api.get("/v1/apps/triton-inference/entitlements").json()["items"] == []
    assert error_of(create_instance(api, allocation_id, app="triton-inference"))["code"] == (
        "app_not_entitled"
    )


def test_a_grant_needs_a_future_expiry_and_a_known_project(admin: Api, sim: Simulator) -> None:
    past = format_time(sim.clock.now() - timedelta(seconds=1))
    path = "/v1/apps/triton-inference/entitlements"

    expired = admin.post(path, json={"project_id": "prj-default", "expires_at": past})
    unknown = admin.post(path, json={"project_id": "prj-nope"})
    revoke = admin.client.delete(f"{path}/ent-nope", headers=admin.auth)

    assert expired.status_code == 422 and error_of(expired)["code"] == "validation_error"
    assert unknown.status_code == 404 and error_of(unknown)["code"] == "project_not_found"
    assert revoke.status_code == 404 and error_of(revoke)["code"] == "entitlement_not_found"


# -- instances ----------------------------------------------------------------------


def test_an_instance_starts_on_the_clock(api: Api, sim: Simulator) -> None:
    allocation_id = active_allocation(api, sim)

    created = create_instance(api, allocation_id, name="notebook", config={"python": "3.11"})
    body = created.json()

    assert created.status_code == 201
    assert body["status"] == "pending" and body["endpoints"] == []
    assert body["name"] == "notebook" and body["head_allocation_id"] == allocation_id
    assert body["failure_reason"] is None
    sim.clock.advance(0.999)
    assert instance(api, body["id"])["status"] == "pending"
    sim.clock.advance(0.001)
    assert instance(api, body["id"])["status"] == "starting"
    sim.clock.advance(2)
    running = instance(api, body["id"])
    assert running["status"] == "running"
    assert [e["name"] for e in running["endpoints"]] == ["jupyter"]
    assert running["endpoints"][0]["url"].startswith(f"https://{body['id']}.apps.us-buffalo-1.")
    assert running["updated_at"] == format_time(sim.clock.now())


def test_stop_start_and_release(api: Api, sim: Simulator) -> None:
    inst = running_instance(api, sim)
    path = f"/v1/app-instances/{inst['id']}"

    stopping = api.post(f"{path}/stop").json()
    release_while_stopping = api.post(f"{path}/release")
    sim.clock.advance(1)
    stopped = instance(api, inst["id"])
    starting = api.post(f"{path}/start").json()
    sim.clock.advance(2)
    running = instance(api, inst["id"])
    released = api.post(f"{path}/release").json()
    released_again = api.post(f"{path}/release").json()

    assert stopping["status"] == "stopping"
    assert error_of(release_while_stopping)["code"] == "invalid_state"
    assert stopped["status"] == "stopped" and stopped["endpoints"] == []
    assert starting["status"] == "starting"
    assert running["status"] == "running"
    assert released["status"] == "released" and released_again == released
    assert api.get(f"{path}/members").json()["items"] == []
    assert api.allocation(inst["head_allocation_id"])["status"] == "active"


@pytest.mark.parametrize(
    ("action", "when"),
    [("start", "pending"), ("stop", "pending"), ("start", "released"), ("stop", "released")],
)
def test_transitions_from_the_wrong_state_are_invalid_state(
    api: Api, sim: Simulator, action: str, when: str
) -> None:
    inst = create_instance(api, active_allocation(api, sim)).json()
    if when == "released":
        api.post(f"/v1/app-instances/{inst['id']}/release")

    response = api.post(f"/v1/app-instances/{inst['id']}/{action}")

    assert response.status_code == 409
    assert error_of(response)["code"] == "invalid_state"
    assert error_of(response)["details"]["status"] == when


def test_starting_a_running_or_stopping_a_stopped_instance_changes_nothing(
    api: Api, sim: Simulator
) -> None:
    inst = running_instance(api, sim)
    path = f"/v1/app-instances/{inst['id']}"

    assert api.post(f"{path}/start").json() == inst
    api.post(f"{path}/stop")
    sim.clock.advance(5)
    stopped = instance(api, inst["id"])
    assert api.post(f"{path}/stop").json() == stopped


def test_create_needs_an_active_allocation(api: Api) -> None:
    pending = api.create().json()["id"]

    not_active = create_instance(api, pending)
    unknown = create_instance(api, "alloc-nope")

    assert not_active.status_code == 409
    assert error_of(not_active)["code"] == "allocation_not_active"
    assert unknown.status_code == 404 and error_of(unknown)["code"] == "allocation_not_found"


def test_create_checks_app_project_sku_and_config(api: Api, sim: Simulator) -> None:
    h200 = active_allocation(api, sim)
    l40s = active_allocation(api, sim, sku="l40s-slice")

    no_app = create_instance(api, h200, app="no-such-app")
    no_project = create_instance(api, h200, project_id="prj-nope")
    wrong_sku = create_instance(api, l40s, app="slurm-cluster")
    bad_config = create_instance(api, h200, config={"python": 3, "colour": "red"})

    assert error_of(no_app)["code"] == "app_not_found"
    assert error_of(no_project)["code"] == "project_not_found"
    assert wrong_sku.status_code == 422
    assert error_of(wrong_sku)["details"]["errors"][0]["field"] == "target_allocation_id"
    assert {e["field"] for e in error_of(bad_config)["details"]["errors"]} == {
        "config.python",
        "config.colour",
    }


def test_create_is_idempotent(api: Api, sim: Simulator) -> None:
    allocation_id = active_allocation(api, sim)
    headers = {"Idempotency-Key": "inst-1"}

    first = create_instance(api, allocation_id, headers=headers)
    replay = create_instance(api, allocation_id, headers=headers)
    other = create_instance(api, allocation_id, name="other", headers=headers)

    assert replay.json() == first.json()
    assert error_of(other)["code"] == "idempotency_conflict"
    assert len(api.get("/v1/app-instances").json()["items"]) == 1


def test_releasing_the_head_allocation_fails_the_instance(api: Api, sim: Simulator) -> None:
    inst = running_instance(api, sim)

    api.post(f"/v1/allocations/{inst['head_allocation_id']}/release")
    sim.clock.advance(0.5)

    failed = instance(api, inst["id"])
    assert failed["status"] == "failed" and failed["endpoints"] == []
    assert inst["head_allocation_id"] in failed["failure_reason"]
    assert failed["updated_at"] == format_time(sim.clock.now() - timedelta(seconds=0.5))
    assert error_of(api.post(f"/v1/app-instances/{inst['id']}/start"))["code"] == "invalid_state"
    assert api.post(f"/v1/app-instances/{inst['id']}/release").json()["status"] == "released"


@pytest.mark.sim_config(failing_apps=frozenset({"jupyter-cuda-dev"}))
def test_a_failing_app_fails_while_starting(api: Api, sim: Simulator) -> None:
    inst = create_instance(api, active_allocation(api, sim)).json()

    sim.clock.advance(3)

    failed = instance(api, inst["id"])
    assert failed["status"] == "failed" and "exited during startup" in failed["failure_reason"]


def test_instances_list_newest_first_with_filters(api: Api, sim: Simulator) -> None:
    allocation_id = active_allocation(api, sim)
    first = create_instance(api, allocation_id).json()
    second = create_instance(api, allocation_id, app="slurm-cluster").json()
    api.post(f"/v1/app-instances/{first['id']}/release")

    everything = api.get("/v1/app-instances", params={"limit": 1})
    released = api.get("/v1/app-instances", params={"status": "released"}).json()["items"]
    slurm = api.get("/v1/app-instances", params={"app_slug": "slurm-cluster"}).json()["items"]
    rest = api.get("/v1/app-instances", params={"cursor": everything.json()["next_cursor"]})

    assert [i["id"] for i in everything.json()["items"]] == [second["id"]]
    assert [i["id"] for i in rest.json()["items"]] == [first["id"]]
    assert [i["id"] for i in released] == [first["id"]]
    assert [i["id"] for i in slurm] == [second["id"]]


def test_an_unknown_instance_is_app_instance_not_found(api: Api) -> None:
    for response in (
        api.get("/v1/app-instances/inst-nope"),
        api.post("/v1/app-instances/inst-nope/start"),
        api.get("/v1/app-instances/inst-nope/members"),
        api.get("/v1/app-instances/inst-nope/events"),
    ):
        assert response.status_code == 404
        assert error_of(response)["code"] == "app_instance_not_found"


# -- members ------------------------------------------------------------------------


def test_workers_join_and_leave(api: Api, sim: Simulator) -> None:
    inst = running_instance(api, sim)
    worker = active_allocation(api, sim)
    path = f"/v1/app-instances/{inst['id']}/members"

    added = api.post(path, json={"allocation_id": worker, "role": "worker"})
    joining = api.get(path).json()["items"]
    sim.clock.advance(1)
    ready = api.get(path).json()["items"]
    removed = api.client.delete(f"{path}/{worker}", headers=api.auth)
    leaving = api.get(path).json()["items"]
    sim.clock.advance(1)
    gone = api.get(path).json()["items"]

    assert added.status_code == 201
    assert added.json() == {
        "allocation_id": worker,
        "role": "worker",
        "status": "joining",
        "joined_at": format_time(sim.clock.now() - timedelta(seconds=2)),
    }
    assert [(m["role"], m["status"]) for m in joining] == [("head", "ready"), ("worker", "joining")]
    assert [m["status"] for m in ready] == ["ready", "ready"]
    assert removed.status_code == 204
    assert [m["status"] for m in leaving] == ["ready", "leaving"]
    assert [m["allocation_id"] for m in gone] == [inst["head_allocation_id"]]
    assert api.allocation(worker)["status"] == "active"


def test_member_rules(api: Api, admin: Api, sim: Simulator) -> None:
    inst = running_instance(api, sim)
    head = inst["head_allocation_id"]
    worker = active_allocation(api, sim)
    pending = api.create().json()["id"]
    path = f"/v1/app-instances/{inst['id']}/members"

    again = api.post(path, json={"allocation_id": head, "role": "worker"})
    second_head = api.post(path, json={"allocation_id": worker, "role": "head"})
    not_active = api.post(path, json={"allocation_id": pending, "role": "worker"})
    unknown = api.post(path, json={"allocation_id": "alloc-nope", "role": "worker"})
    drop_head = api.client.delete(f"{path}/{head}", headers=api.auth)
    not_member = api.client.delete(f"{path}/{worker}", headers=api.auth)

    assert error_of(again)["code"] == "already_exists"
    assert error_of(second_head)["code"] == "already_exists"
    assert error_of(not_active)["code"] == "allocation_not_active"
    assert error_of(unknown)["code"] == "allocation_not_found"
    assert drop_head.status_code == 409 and error_of(drop_head)["code"] == "invalid_state"
    assert not_member.status_code == 404 and error_of(not_member)["code"] == "member_not_found"


def test_an_app_without_workers_refuses_one(api: Api, admin: Api, sim: Simulator) -> None:
    admin.post("/v1/apps/triton-inference/entitlements", json={"project_id": "prj-default"})
    inst = create_instance(api, active_allocation(api, sim), app="triton-inference").json()
    worker = active_allocation(api, sim)

    response = api.post(
        f"/v1/app-instances/{inst['id']}/members", json={"allocation_id": worker, "role": "worker"}
    )

    assert response.status_code == 422
    assert error_of(response)["details"]["errors"][0]["field"] == "role"


def test_a_released_instance_takes_no_members(api: Api, sim: Simulator) -> None:
    inst = running_instance(api, sim)
    worker = active_allocation(api, sim)
    api.post(f"/v1/app-instances/{inst['id']}/release")

    response = api.post(
        f"/v1/app-instances/{inst['id']}/members", json={"allocation_id": worker, "role": "worker"}
    )

    assert error_of(response)["code"] == "invalid_state"


# -- events -------------------------------------------------------------------------


def test_events_record_every_status_change_in_order(api: Api, sim: Simulator) -> None:
    inst = running_instance(api, sim)
    api.post(f"/v1/app-instances/{inst['id']}/stop")
    sim.clock.advance(1)
    api.post(f"/v1/app-instances/{inst['id']}/release")

    history = events(api, inst["id"], type="app_instance.status_changed")

    assert [(e["previous_status"], e["status"]) for e in history] == [
        (None, "pending"),
        ("pending", "starting"),
        ("starting", "running"),
        ("running", "stopping"),
        ("stopping", "stopped"),
        ("stopped", "released"),
    ]
    ids = [int(e["id"]) for e in history]
    assert ids == sorted(ids)
    assert all(e["tenant_id"] == "tnt-acme" and e["instance_id"] == inst["id"] for e in history)
    assert history[2]["occurred_at"] == inst["updated_at"]


def test_running_brings_the_apps_own_event_and_a_log_line(api: Api, sim: Simulator) -> None:
    inst = running_instance(api, sim)

    app_events = events(api, inst["id"], type="app.event")
    logs = events(api, inst["id"], type="app.log")

    kernel = next(e for e in app_events if e["event_type"] == "kernel.started")
    assert kernel["payload"] == {"kernel": "python3"}
    assert kernel["occurred_at"] == inst["updated_at"]
    assert any("Jupyter Server" in e["line"] and e["stream"] == "stdout" for e in logs)


def test_events_appear_only_once_their_time_has_come(api: Api, sim: Simulator) -> None:
    inst = create_instance(api, active_allocation(api, sim)).json()

    before = events(api, inst["id"])
    sim.clock.advance(3)
    after = events(api, inst["id"])

    assert [e["status"] for e in before] == ["pending"]
    assert after[: len(before)] == before
    assert [e["status"] for e in after if e["type"] == "app_instance.status_changed"] == [
        "pending",
        "starting",
        "running",
    ]


def test_events_page_and_filter_by_time(api: Api, sim: Simulator) -> None:
    inst = running_instance(api, sim)
    everything = events(api, inst["id"])

    first = api.get(f"/v1/app-instances/{inst['id']}/events", params={"limit": 2}).json()
    rest = api.get(
        f"/v1/app-instances/{inst['id']}/events", params={"cursor": first["next_cursor"]}
    ).json()
    recent = events(api, inst["id"], since=inst["updated_at"])
    bad = api.get(f"/v1/app-instances/{inst['id']}/events", params={"since": "yesterday"})

    assert first["items"] + rest["items"] == everything
    cutoff = datetime.fromisoformat(inst["updated_at"])
    assert recent == [e for e in everything if datetime.fromisoformat(e["occurred_at"]) >= cutoff]
    assert recent and recent[0]["status"] == "running"
    assert bad.status_code == 400 and error_of(bad)["code"] == "invalid_request"
