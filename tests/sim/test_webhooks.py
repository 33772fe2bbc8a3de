"""Webhooks: registration rules, signed deliveries of the event log, retries, test deliveries."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import Any

import pytest

from gpuaas_sdk import verify_webhook
from gpuaas_sim import SimConfig, Simulator
from gpuaas_sim.platform.identity import Principal
from gpuaas_sim.runtime.clock import format_time
from tests.e2e.test_webhooks import Receiver, publish

from .conftest import Api, error_of, login


def eventually(check: Callable[[], Any], timeout: float = 5.0) -> Any:
    """Poll `check` until it returns something truthy (the worker runs on its own thread)."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value or time.monotonic() > deadline:
            assert value, "condition not met in time"
            return value
        time.sleep(0.01)


FAST = {"webhook_poll_interval": 0.01, "webhook_retry_base_delay": 10.0, "webhook_max_attempts": 3}


@pytest.fixture
def sim(request: pytest.FixtureRequest) -> Iterator[Simulator]:
    marker = request.node.get_closest_marker("sim_config")
    fields = {**FAST, **(marker.kwargs if marker else {})}
    simulator = Simulator(SimConfig(clock_speed=0, **fields))
    yield simulator
    simulator.close()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with Receiver() as r:
        yield r


def register(api: Api, url: str, types: list[str] | None = None, **extra: Any) -> dict[str, Any]:
    body = {"url": url, "event_types": types or ["allocation.status_changed"], **extra}
    response = api.post("/v1/webhooks", json=body)
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


def deliveries(api: Api, webhook_id: str, **params: Any) -> list[dict[str, Any]]:
    response = api.get(f"/v1/webhooks/{webhook_id}/deliveries", params=params)
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    return items


# -- registration ----------------------------------------------------------------


def test_create_returns_the_secret_once(api: Api, receiver: Receiver) -> None:
    created = register(api, receiver.url, description="Ops alerts")

    webhook = created["webhook"]
    assert created["secret"].startswith("whsec_")
    assert webhook["id"].startswith("whk-")
    assert webhook["url"] == receiver.url
    assert webhook["event_types"] == ["allocation.status_changed"]
    assert webhook["description"] == "Ops alerts"
    assert webhook["disabled"] is False
    fetched = api.get(f"/v1/webhooks/{webhook['id']}")
    assert fetched.status_code == 200
    assert fetched.json() == webhook
    assert "secret" not in api.get("/v1/webhooks").text


@pytest.mark.parametrize(
    "url", ["http://hooks.example.com/gpuaas", "ftp://127.0.0.1/hook", "not a url", "http://[::1"]
)
def test_urls_must_be_https_or_loopback_http(api: Api, url: str) -> None:
    response = api.post("/v1/webhooks", json={"url": url, "event_types": ["*"]})

    assert response.status_code == 422
    error = error_of(response)
    assert error["code"] == "validation_error"
    assert error["details"]["errors"][0]["field"] == "url"


def test_remote_https_is_registered_but_never_called(api: Api, sim: Simulator) -> None:
    webhook_id = register(api, "https://hooks.example.com/gpuaas")["webhook"]["id"]

    publish(sim)

    delivery = eventually(lambda: [d for d in deliveries(api, webhook_id) if d["attempt"]])[0]
    assert delivery["success"] is False
    assert delivery["status_code"] is None
    assert delivery["error"] == "not sent: the simulator delivers to loopback only"
    assert delivery["next_retry_at"] is not None


@pytest.mark.parametrize("types", [["*", "app.log"], ["nope.type"], [], ["app.log", "app.log"]])
def test_event_types_are_validated(api: Api, receiver: Receiver, types: list[str]) -> None:
    response = api.post("/v1/webhooks", json={"url": receiver.url, "event_types": types})

    assert response.status_code == 422
    assert error_of(response)["code"] == "validation_error"


def test_one_webhook_per_url(api: Api, receiver: Receiver) -> None:
    register(api, receiver.url)

    again = api.post("/v1/webhooks", json={"url": receiver.url, "event_types": ["app.log"]})

    assert again.status_code == 409
    assert error_of(again)["code"] == "already_exists"


def test_create_is_idempotent(api: Api, receiver: Receiver) -> None:
    body = {"url": receiver.url, "event_types": ["*"]}
    headers = {"Idempotency-Key": "whk-key-1"}
    first = api.post("/v1/webhooks", json=body, headers=headers)
    replay = api.post("/v1/webhooks", json=body, headers=headers)
    other = api.post("/v1/webhooks", json={**body, "description": "x"}, headers=headers)

    assert first.status_code == replay.status_code == 201
    assert replay.json() == first.json()
    assert replay.headers["Idempotent-Replayed"] == "true"
    assert other.status_code == 409
    assert error_of(other)["code"] == "idempotency_conflict"


def test_list_is_newest_first_and_paginated(api: Api) -> None:
    ids = [register(api, f"http://127.0.0.1:9/h{i}")["webhook"]["id"] for i in range(3)]

    first = api.get("/v1/webhooks", params={"limit": 2}).json()
    second = api.get("/v1/webhooks", params={"limit": 2, "cursor": first["next_cursor"]}).json()

    assert [w["id"] for w in first["items"] + second["items"]] == ids[::-1]
    assert second["next_cursor"] is None


def test_other_tenants_webhooks_are_invisible(sim: Simulator, api: Api, client: Any) -> None:
    webhook_id = register(api, "http://127.0.0.1:9/h")["webhook"]["id"]
    sim.identity.add_user("globex", "pw", _principal("usr-globex", "tnt-globex", "tenant_member"))
    other = {"Authorization": f"Bearer {login(client, 'globex', 'pw')['access_token']}"}

    response = client.get(f"/v1/webhooks/{webhook_id}", headers=other)

    assert response.status_code == 404
    assert error_of(response)["code"] == "webhook_not_found"
    assert client.get("/v1/webhooks", headers=other).json()["items"] == []


def test_a_principal_without_a_tenant_role_is_refused(sim: Simulator, client: Any) -> None:
    sim.identity.add_user("viewer", "pw", _principal("usr-viewer", "tnt-acme", "project_viewer"))
    headers = {"Authorization": f"Bearer {login(client, 'viewer', 'pw')['access_token']}"}

    response = client.get("/v1/webhooks", headers=headers)

    assert response.status_code == 403
    assert error_of(response)["code"] == "insufficient_permissions"


def test_delete_forgets_the_webhook(api: Api, sim: Simulator) -> None:
    webhook_id = register(api, "http://127.0.0.1:9/h")["webhook"]["id"]

    assert api.client.delete(f"/v1/webhooks/{webhook_id}", headers=api.auth).status_code == 204
    again = api.client.delete(f"/v1/webhooks/{webhook_id}", headers=api.auth)

    assert again.status_code == 404
    assert error_of(again)["code"] == "webhook_not_found"
    assert api.get(f"/v1/webhooks/{webhook_id}/deliveries").status_code == 404
    assert not sim.webhooks.deliveries


# -- deliveries ------------------------------------------------------------------


def test_a_subscribed_event_is_posted_signed(api: Api, sim: Simulator, receiver: Receiver) -> None:
    created = register(api, receiver.url)
    webhook_id, secret = created["webhook"]["id"], created["secret"]

    event = publish(sim)
    [received] = receiver.wait_for(1)

    assert received.path == "/hooks/gpuaas?src=sim"
    assert received.event == event
    assert received.headers["Content-Type"] == "application/json"
    assert received.headers["GPUaaS-Event-Type"] == "allocation.status_changed"
    assert received.headers["GPUaaS-Webhook-ID"] == webhook_id
    verify_webhook(received.body, received.headers, secret, path=received.path)
    [delivery] = eventually(lambda: [d for d in deliveries(api, webhook_id) if d["attempt"]])
    assert delivery["id"] == received.headers["GPUaaS-Delivery-ID"]
    assert delivery["event"] == event
    assert delivery["success"] is True
    assert delivery["status_code"] == 200
    assert delivery["error"] is None
    assert delivery["delivered_at"] == format_time(sim.clock.now())
    assert delivery["next_retry_at"] is None


def test_only_new_events_of_subscribed_types_and_own_tenant_are_sent(
    api: Api, sim: Simulator, receiver: Receiver
) -> None:
    publish(sim, allocation_id="alloc-before")
    register(api, receiver.url, ["allocation.status_changed"])

    publish(sim, tenant="tnt-globex")
    publish(sim, type="app.log", instance_id="inst-1", stream="stdout", line="hi")
    wanted = publish(sim, allocation_id="alloc-after")
    receiver.wait_for(1)
    time.sleep(0.1)  # room for anything that should not have been sent

    assert [r.event for r in receiver.received] == [wanted]


def test_star_subscribes_to_every_type(api: Api, sim: Simulator, receiver: Receiver) -> None:
    register(api, receiver.url, ["*"])

    publish(sim)
    publish(sim, type="app.log", instance_id="inst-1", stream="stdout", line="hi")

    received = receiver.wait_for(2)
    assert [r.event["type"] for r in received] == ["allocation.status_changed", "app.log"]


@pytest.mark.sim_config(webhook_max_attempts=3, webhook_retry_base_delay=10.0)
def test_failures_are_retried_with_backoff_then_given_up(
    api: Api, sim: Simulator, receiver: Receiver
) -> None:
    receiver.statuses = [500]
    webhook_id = register(api, receiver.url)["webhook"]["id"]
    start = sim.clock.now()

    publish(sim)
    receiver.wait_for(1)
    first = eventually(lambda: [d for d in deliveries(api, webhook_id) if d["attempt"] == 1])[0]
    assert first["success"] is False
    assert first["status_code"] == 500
    assert first["error"] == "HTTP 500"
    assert first["next_retry_at"] == format_time(start + timedelta(seconds=10))

    sim.clock.advance(9)
    time.sleep(0.1)
    assert len(receiver.received) == 1  # not due yet: the clock is what schedules retries

    sim.clock.advance(1)
    receiver.wait_for(2)
    second = eventually(lambda: [d for d in deliveries(api, webhook_id) if d["attempt"] == 2])[0]
    assert second["id"] == first["id"]
    assert second["next_retry_at"] == format_time(sim.clock.now() + timedelta(seconds=50))

    sim.clock.advance(50)
    received = receiver.wait_for(3)
    last = eventually(lambda: [d for d in deliveries(api, webhook_id) if d["attempt"] == 3])[0]
    assert last["next_retry_at"] is None  # given up after webhook_max_attempts
    assert {r.headers["GPUaaS-Delivery-ID"] for r in received} == {first["id"]}
    assert [a.status_code for _, a in sim.webhooks.attempts(webhook_id)] == [500, 500, 500]
    sim.clock.advance(10_000)
    time.sleep(0.1)
    assert len(receiver.received) == 3


def test_a_retry_that_succeeds_acknowledges(api: Api, sim: Simulator, receiver: Receiver) -> None:
    receiver.statuses = [503, 204]
    webhook_id = register(api, receiver.url)["webhook"]["id"]

    publish(sim)
    receiver.wait_for(1)
    eventually(lambda: deliveries(api, webhook_id, success="false")[0]["attempt"] == 1)
    sim.clock.advance(10)
    receiver.wait_for(2)

    [delivery] = eventually(lambda: deliveries(api, webhook_id, success="true"))
    assert delivery["attempt"] == 2
    assert delivery["status_code"] == 204
    assert deliveries(api, webhook_id, success="false") == []


def test_connection_errors_are_recorded_and_retried(api: Api, sim: Simulator) -> None:
    with Receiver() as gone:
        url = gone.url  # a port that nobody listens on once the block is left
    webhook_id = register(api, url)["webhook"]["id"]

    publish(sim)

    delivery = eventually(lambda: [d for d in deliveries(api, webhook_id) if d["attempt"]])[0]
    assert delivery["error"] == "connection refused"
    assert delivery["status_code"] is None
    assert delivery["next_retry_at"] is not None


@pytest.mark.sim_config(
    webhook_disable_after=100.0, webhook_retry_base_delay=50.0, webhook_max_attempts=50
)
def test_a_webhook_failing_for_long_enough_is_disabled(
    api: Api, sim: Simulator, receiver: Receiver
) -> None:
    receiver.statuses = [500]
    webhook_id = register(api, receiver.url)["webhook"]["id"]
    publish(sim)
    eventually(lambda: len(sim.webhooks.attempts(webhook_id)) == 1)
    sim.clock.advance(50)  # the retry fails 50 s into the failures: still enabled
    eventually(lambda: len(sim.webhooks.attempts(webhook_id)) == 2)
    assert api.get(f"/v1/webhooks/{webhook_id}").json()["disabled"] is False

    sim.clock.advance(250)  # the next fails 300 s in, past webhook_disable_after
    eventually(lambda: len(sim.webhooks.attempts(webhook_id)) == 3)

    eventually(lambda: api.get(f"/v1/webhooks/{webhook_id}").json()["disabled"])
    count = len(receiver.received)
    publish(sim)
    sim.clock.advance(10_000)
    time.sleep(0.1)
    assert len(receiver.received) == count


def test_deleting_stops_pending_retries(api: Api, sim: Simulator, receiver: Receiver) -> None:
    receiver.statuses = [500]
    webhook_id = register(api, receiver.url)["webhook"]["id"]
    publish(sim)
    receiver.wait_for(1)

    api.client.delete(f"/v1/webhooks/{webhook_id}", headers=api.auth)
    sim.clock.advance(10_000)
    time.sleep(0.1)

    assert len(receiver.received) == 1


def test_test_delivery_is_sent_once(api: Api, sim: Simulator, receiver: Receiver) -> None:
    receiver.statuses = [500]
    created = register(api, receiver.url, ["usage.recorded", "app.log"])
    webhook_id = created["webhook"]["id"]

    response = api.post(f"/v1/webhooks/{webhook_id}/test")

    assert response.status_code == 202
    queued = response.json()
    assert queued["attempt"] == 0
    assert queued["event"]["type"] == "usage.recorded"
    assert queued["event"]["id"].startswith("test-")
    assert queued["event"]["allocation_id"].startswith("test-")
    [received] = receiver.wait_for(1)
    verify_webhook(received.body, received.headers, created["secret"], path=received.path)
    done = eventually(lambda: [d for d in deliveries(api, webhook_id) if d["attempt"]])[0]
    assert done["id"] == queued["id"]
    assert done["success"] is False
    assert done["next_retry_at"] is None
    sim.clock.advance(10_000)
    time.sleep(0.1)
    assert len(receiver.received) == 1


def test_attempts_record_their_latency_and_nothing_sent_has_none(
    api: Api, sim: Simulator, receiver: Receiver
) -> None:
    receiver.delay = 0.1
    slow = register(api, receiver.url)["webhook"]["id"]
    remote = register(api, "https://hooks.example.com/gpuaas")["webhook"]["id"]

    publish(sim)

    [answered] = eventually(lambda: [d for d in deliveries(api, slow) if d["attempt"]])
    [unsent] = eventually(lambda: [d for d in deliveries(api, remote) if d["attempt"]])
    assert answered["latency_ms"] >= 100  # at least the receiver's own delay
    assert unsent["latency_ms"] is None
    assert answered["redelivery_of"] is None


@pytest.mark.sim_config(webhook_max_attempts=2, webhook_retry_base_delay=10.0)
def test_only_a_failed_delivery_with_no_retry_pending_is_redelivered(
    api: Api, sim: Simulator, receiver: Receiver
) -> None:
    receiver.statuses = [500, 500, 500]
    created = register(api, receiver.url)
    webhook_id = created["webhook"]["id"]
    publish(sim)
    [retrying] = eventually(lambda: [d for d in deliveries(api, webhook_id) if d["attempt"]])
    path = f"/v1/webhooks/{webhook_id}/deliveries/{retrying['id']}/redeliver"

    early = api.post(path)
    sim.clock.advance(10)
    eventually(lambda: deliveries(api, webhook_id)[0]["next_retry_at"] is None)
    redelivered = api.post(path)
    receiver.wait_for(3)

    assert (early.status_code, error_of(early)["code"]) == (409, "invalid_state")
    assert error_of(early)["details"]["state"] == "retrying"
    assert redelivered.status_code == 202, redelivered.text
    again = redelivered.json()
    assert again["redelivery_of"] == retrying["id"] and again["event"] == retrying["event"]
    last = receiver.received[-1]
    assert last.headers["GPUaaS-Delivery-ID"] == again["id"]
    verify_webhook(last.body, last.headers, created["secret"], path=last.path)
    done = eventually(
        lambda: [d for d in deliveries(api, webhook_id) if d["id"] == again["id"] and d["attempt"]]
    )[0]
    assert (done["success"], done["next_retry_at"]) == (False, None)  # attempted once, no retries
    missing = api.post(f"/v1/webhooks/{webhook_id}/deliveries/dlv-nope/redeliver")
    assert (missing.status_code, error_of(missing)["code"]) == (404, "delivery_not_found")
    sim.clock.advance(10_000)
    time.sleep(0.1)
    assert len(receiver.received) == 3


def test_test_delivery_of_unknown_webhook_is_404(api: Api) -> None:
    response = api.post("/v1/webhooks/whk-nope/test")

    assert response.status_code == 404
    assert error_of(response)["code"] == "webhook_not_found"


def test_close_stops_the_delivery_thread(sim: Simulator, api: Api, receiver: Receiver) -> None:
    assert not sim.webhooks.running  # started by the first webhook, not before
    register(api, receiver.url)
    assert sim.webhooks.running

    sim.close()

    assert not sim.webhooks.running


def test_reset_stops_the_old_delivery_thread(sim: Simulator, api: Api, receiver: Receiver) -> None:
    register(api, receiver.url)
    old = sim.webhooks

    sim.reset()

    assert not old.running
    assert sim.webhooks.webhooks == {}


def _principal(principal_id: str, tenant: str, role: str) -> Principal:
    return Principal(principal_id, "human", principal_id, tenant, None, (role,), ())


@pytest.mark.parametrize(
    "bad",
    [
        {"webhook_max_attempts": 0},
        {"webhook_retry_base_delay": -1.0},
        {"webhook_retry_factor": 0.5},
        {"webhook_poll_interval": 0.0},
    ],
)
def test_bad_webhook_settings_are_refused(bad: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match=next(iter(bad))):
        Simulator(SimConfig(**bad))
