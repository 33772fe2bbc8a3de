"""The live event streams: SSE framing, resuming, filters, heartbeats and the instance stream.

Streams here always end by themselves (`sim.stream_cut_after`, or an instance's
release), so a test that goes wrong fails instead of waiting forever.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from gpuaas_sim import Simulator
from gpuaas_sim.platform.errors import ApiError
from gpuaas_sim.platform.identity import Principal

from .conftest import Api, error_of

STREAM = "/v1/events/stream"


@dataclass
class Frame:
    id: str | None = None
    event: str | None = None
    data: str | None = None
    retry: int | None = None
    comment: str | None = None

    def payload(self) -> dict[str, Any]:
        assert self.data is not None
        decoded = json.loads(self.data)
        assert isinstance(decoded, dict)
        return decoded


def frames_of(response: httpx.Response) -> list[Frame]:
    """Every frame of a stream that ends, as sent (blank lines end frames)."""
    frames, current = [], Frame()
    for line in response.iter_lines():
        if line == "":
            frames.append(current)
            current = Frame()
        elif line.startswith(":"):
            frames.append(Frame(comment=line[1:].strip()))
        else:
            name, _, value = line.partition(": ")
            if name == "retry":
                current.retry = int(value)
            else:
                setattr(current, name, value)
    return frames


def events_of(frames: list[Frame]) -> list[Frame]:
    return [f for f in frames if f.data is not None]


def stream(api: Api, path: str = STREAM, **headers: str) -> list[Frame]:
    with api.client.stream("GET", path, headers={**api.auth, **headers}) as response:
        assert response.status_code == 200, response.read()
        assert response.headers["content-type"].startswith("text/event-stream")
        return frames_of(response)


def lifecycle(api: Api, sim: Simulator) -> str:
    """One allocation taken through pending → provisioning → active; its id."""
    allocation_id = str(api.create().json()["id"])
    sim.clock.advance(10)
    return allocation_id


# -- the account stream ----------------------------------------------------------


def test_frames_carry_id_type_and_the_event_as_json(api: Api, sim: Simulator) -> None:
    allocation_id = lifecycle(api, sim)
    sim.stream_cut_after = 3

    frames = stream(api, **{"Last-Event-ID": "0"})

    assert frames[0].retry == sim.config.sse_retry_ms and frames[0].data is None
    events = events_of(frames)
    assert [e.id for e in events] == ["1", "2", "3"]
    assert {e.event for e in events} == {"allocation.status_changed"}
    logged = sim.events.after(sim.clock.now(), "0")[:3]
    assert [e.payload() for e in events] == logged
    assert [(p["status"], p["previous_status"]) for p in logged] == [
        ("pending", None),
        ("provisioning", "pending"),
        ("active", "provisioning"),
    ]
    assert {p["allocation_id"] for p in logged} == {allocation_id}


def test_without_last_event_id_the_stream_starts_with_the_next_event(
    api: Api, sim: Simulator
) -> None:
    api.create()  # `pending` is in the log before the stream opens
    sim.stream_cut_after = 2

    with api.client.stream("GET", STREAM, headers=api.auth) as response:
        sim.clock.advance(10)  # provisioning and active happen while it is open
        events = events_of(frames_of(response))

    assert [e.payload()["status"] for e in events] == ["provisioning", "active"]
    assert [e.id for e in events] == ["2", "3"]


def test_last_event_id_resumes_strictly_after_it(api: Api, sim: Simulator) -> None:
    lifecycle(api, sim)
    api.post(f"/v1/allocations/{next(iter(sim.allocations))}/release")
    sim.clock.advance(10)
    sim.stream_cut_after = 2

    first = events_of(stream(api, **{"Last-Event-ID": "0"}))
    second = events_of(stream(api, **{"Last-Event-ID": first[-1].id or ""}))

    assert [e.id for e in first] == ["1", "2"]
    assert [e.id for e in second] == ["3", "4"]


def test_types_restricts_the_stream(api: Api, sim: Simulator) -> None:
    allocation_id = lifecycle(api, sim)
    api.post(f"/v1/allocations/{allocation_id}/release")
    sim.clock.advance(10)
    sim.stream_cut_after = 1

    usage = events_of(stream(api, f"{STREAM}?types=usage.recorded", **{"Last-Event-ID": "0"}))
    both = "usage.recorded,allocation.status_changed"
    sim.stream_cut_after = 2
    mixed = events_of(stream(api, f"{STREAM}?types={both}", **{"Last-Event-ID": "0"}))

    assert [e.event for e in usage] == ["usage.recorded"]
    assert usage[0].payload()["allocation_id"] == allocation_id
    assert [e.event for e in mixed] == ["allocation.status_changed"] * 2


@pytest.mark.parametrize(
    "query", ["types=allocation.created", "types=", "types=app.log,app.log", "types=a&types=b"]
)
def test_unknown_or_malformed_types_are_refused(api: Api, query: str) -> None:
    response = api.get(f"{STREAM}?{query}")

    assert response.status_code == 400
    assert error_of(response)["code"] == "invalid_request"


@pytest.mark.parametrize("last_event_id", ["abc", "-1", "1.5", "7"])
def test_a_malformed_or_unknown_last_event_id_is_refused(api: Api, last_event_id: str) -> None:
    api.create()  # one event exists: id 1

    response = api.get(STREAM, headers={"Last-Event-ID": last_event_id})

    assert response.status_code == 400
    error = error_of(response)
    assert error["code"] == "invalid_request" and error["details"]["header"] == "Last-Event-ID"


def test_the_stream_needs_a_token(api: Api) -> None:
    response = api.client.get(STREAM)

    assert response.status_code == 401
    assert error_of(response)["code"] == "token_invalid"


def test_other_tenants_events_are_not_streamed(api: Api, sim: Simulator) -> None:
    sim.events.publish(
        {"type": "budget.exceeded", "tenant_id": "tnt-other", "budget_minor": 1}, at=sim.clock.now()
    )
    api.create()
    sim.stream_cut_after = 1

    events = events_of(stream(api, **{"Last-Event-ID": "0"}))

    assert [(e.id, e.event) for e in events] == [("2", "allocation.status_changed")]


@pytest.mark.sim_config(sse_heartbeat_seconds=0.05)
def test_an_idle_stream_sends_heartbeats(api: Api, sim: Simulator) -> None:
    sim.stream_cut_after = 1

    with api.client.stream("GET", STREAM, headers=api.auth) as response:
        lines = response.iter_lines()
        seen = [next(lines) for _ in range(4)]
        api.create()
        rest = list(lines)

    assert seen[:2] == ["retry: 3000", ""]
    assert seen[2:] == [": heartbeat", ""]
    assert "event: allocation.status_changed" in rest


def test_the_cut_fault_closes_each_stream_after_n_events(api: Api, sim: Simulator) -> None:
    lifecycle(api, sim)
    sim.stream_cut_after = 1

    events = events_of(stream(api, **{"Last-Event-ID": "0"}))

    assert [e.id for e in events] == ["1"]


# -- allocation events -------------------------------------------------------------


@pytest.mark.sim_config(failing_skus={"h200-sxm-slice"})
def test_a_failed_allocation_reports_why(api: Api, sim: Simulator) -> None:
    allocation_id = lifecycle(api, sim)

    events = sim.events.after(sim.clock.now())

    assert [e["status"] for e in events] == ["pending", "provisioning", "failed"]
    assert events[-1]["failure_reason"] and events[-1]["allocation_id"] == allocation_id


def test_each_transition_is_published_once_at_its_simulated_time(api: Api, sim: Simulator) -> None:
    allocation = api.create().json()
    sim.clock.advance(1)
    assert [e["status"] for e in sim.events.after(sim.clock.now())] == ["pending", "provisioning"]
    sim.clock.advance(9)
    api.post(f"/v1/allocations/{allocation['id']}/release")
    sim.clock.advance(10)

    events = [e for e in sim.events.after(sim.clock.now()) if e["type"].startswith("allocation")]

    assert [e["status"] for e in events] == [
        "pending", "provisioning", "active", "releasing", "released",
    ]  # fmt: skip
    assert events[0]["occurred_at"] == allocation["created_at"]
    assert [e["previous_status"] for e in events[1:]] == [e["status"] for e in events[:-1]]


# -- the instance stream -----------------------------------------------------------


class StandInApps:
    """Just what the instance stream asks of the apps book: does the instance exist?"""

    def __init__(self, *instance_ids: str) -> None:
        self.instance_ids = set(instance_ids)

    def instance(self, caller: Principal, instance_id: str) -> str:
        if instance_id not in self.instance_ids:
            raise ApiError("app_instance_not_found", f"No app instance {instance_id!r}.")
        return instance_id


def publish_instance(sim: Simulator, instance_id: str, kind: str, **fields: Any) -> None:
    event = {"type": kind, "tenant_id": "tnt-acme", "instance_id": instance_id, **fields}
    sim.events.publish(event, at=sim.clock.now())


def status(sim: Simulator, instance_id: str, new: str, old: str | None) -> None:
    publish_instance(
        sim, instance_id, "app_instance.status_changed",
        status=new, previous_status=old, failure_reason=None,
    )  # fmt: skip


def test_an_instance_stream_has_its_events_only_and_ends_at_release(
    api: Api, sim: Simulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sim, "apps", StandInApps("inst-a", "inst-b"), raising=False)
    status(sim, "inst-a", "starting", None)
    api.create()  # an allocation event in between
    publish_instance(sim, "inst-b", "app.log", stream="stdout", line="not mine")
    publish_instance(sim, "inst-a", "app.log", stream="stdout", line="ready")
    status(sim, "inst-a", "released", "starting")
    publish_instance(sim, "inst-a", "app.log", stream="stdout", line="after the end")

    frames = stream(api, "/v1/app-instances/inst-a/events/stream", **{"Last-Event-ID": "0"})

    events = events_of(frames)
    assert [(e.event, e.payload()["instance_id"]) for e in events] == [
        ("app_instance.status_changed", "inst-a"),
        ("app.log", "inst-a"),
        ("app_instance.status_changed", "inst-a"),
    ]
    assert events[-1].payload()["status"] == "released"


def test_a_released_instance_stream_sends_what_is_left_then_ends(
    api: Api, sim: Simulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sim, "apps", StandInApps("inst-a"), raising=False)
    status(sim, "inst-a", "running", None)
    status(sim, "inst-a", "released", "running")
    path = "/v1/app-instances/inst-a/events/stream"

    resumed = events_of(stream(api, path, **{"Last-Event-ID": "1"}))
    fresh = stream(api, path)

    assert [e.id for e in resumed] == ["2"]
    assert events_of(fresh) == [] and fresh[0].retry is not None


def test_an_unknown_instance_is_refused(api: Api) -> None:
    response = api.get("/v1/app-instances/inst-nope/events/stream")

    assert response.status_code == 404
    assert error_of(response)["code"] == "app_instance_not_found"


def test_without_an_apps_book_no_instance_exists(
    api: Api, sim: Simulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sim, "apps", None, raising=False)

    response = api.get("/v1/app-instances/inst-a/events/stream")

    assert response.status_code == 404
    assert error_of(response)["code"] == "app_instance_not_found"


def test_a_real_instance_streams_its_lifecycle_until_released(api: Api, sim: Simulator) -> None:
    allocation_id = str(api.create().json()["id"])
    sim.clock.advance(3)
    body = {
        "app_slug": "jupyter-cuda-dev",
        "project_id": "prj-default",
        "target_allocation_id": allocation_id,
    }
    created = api.post("/v1/app-instances", json=body)
    assert created.status_code == 201, created.text
    instance_id = created.json()["id"]
    sim.clock.advance(3)
    assert api.post(f"/v1/app-instances/{instance_id}/release").status_code == 200

    events = events_of(
        stream(api, f"/v1/app-instances/{instance_id}/events/stream", **{"Last-Event-ID": "0"})
    )

    payloads = [e.payload() for e in events]
    assert {p["instance_id"] for p in payloads} == {instance_id}
    assert {p["type"] for p in payloads} <= {"app_instance.status_changed", "app.event", "app.log"}
    assert payloads[-1]["type"] == "app_instance.status_changed"
    assert payloads[-1]["status"] == "released"
    ids = [int(p["id"]) for p in payloads]
    assert ids == sorted(ids)
