"""Live event streams through the facade, sync and async, over real HTTP.

The simulator's `stream_cut_after` fault closes every stream after N events and a
`drop` fault breaks a connection mid-response; the facade must resume both with
nothing lost or repeated, which the tests check against the simulator's own log.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from gpuaas_api.models import AllocationStatusChanged, AppInstanceStatusChanged, UsageRecorded

from gpuaas_sdk import AsyncClient, Client
from gpuaas_sdk._streams._async.events import aiter_instance_events
from gpuaas_sdk._streams._sync.events import iter_instance_events
from gpuaas_sdk._streams.sse import EventStreamOptions, UnknownEvent
from gpuaas_sdk.auth import DevPasswordAuth
from gpuaas_sdk.errors import APIConnectionError, AppInstanceNotFound, ArgumentError, InvalidRequest
from gpuaas_sim import SimConfig, Simulator
from gpuaas_sim.errors import ApiError
from gpuaas_sim.faults import Fault

STREAM = "/v1/events/stream"
LIFECYCLE = ["pending", "provisioning", "active", "releasing", "released"]


@pytest.fixture
def sim_config() -> SimConfig:
    return SimConfig(clock_speed=50, sse_retry_ms=10, sse_heartbeat_seconds=0.2)


def run_lifecycle(client: Client) -> str:
    """Create an allocation, let it go active, release it and wait until it is gone.

    The waits poll (`use_events=False`): these tests count the streams they open.
    """
    alloc = client.allocations.create(sku="h200-sxm-slice", gpus_total=1)
    client.allocations.wait_for(alloc.id, states={"active"}, timeout=30, use_events=False)
    client.allocations.release(alloc.id)
    client.allocations.wait_for(alloc.id, states={"released"}, timeout=30, use_events=False)
    return alloc.id


def logged_ids(sim: Simulator, types: set[str] | None = None) -> list[str]:
    events = sim.events.after(sim.clock.now())
    return [e["id"] for e in events if types is None or e["type"] in types]


def take(stream: Iterator[Any], count: int) -> list[Any]:
    taken = [next(stream) for _ in range(count)]
    close = getattr(stream, "close", None)
    if close is not None:
        close()
    return taken


def test_an_allocations_lifecycle_arrives_live_in_order(client: Client, sim: Simulator) -> None:
    stream = client.events.stream(types="allocation.status_changed")
    made: list[str] = []

    def later() -> None:
        time.sleep(0.3)  # the stream is open by then, waiting for the next event
        made.append(run_lifecycle(client))

    worker = threading.Thread(target=later)
    worker.start()
    events = take(stream, 5)
    worker.join()

    assert all(isinstance(e, AllocationStatusChanged) for e in events)
    assert [e.status for e in events] == LIFECYCLE
    assert {e.allocation_id for e in events} == set(made)
    ids = [int(e.id) for e in events]
    assert ids == sorted(ids) and len(set(ids)) == 5


def test_a_cut_stream_resumes_with_nothing_lost_or_repeated(client: Client, sim: Simulator) -> None:
    for _ in range(2):
        run_lifecycle(client)
    expected = logged_ids(sim)
    sim.stream_cut_after = 3

    events = take(client.events.stream(last_event_id="0"), len(expected))

    assert [e.id for e in events] == expected
    resumed = [r.headers.get("last-event-id") for r in sim.requests_log if r.path == STREAM]
    assert len(resumed) >= len(expected) // 3
    assert resumed[0] == "0" and resumed[1:3] == [expected[2], expected[5]]


def test_a_dropped_connection_is_resumed(client: Client, sim: Simulator) -> None:
    run_lifecycle(client)
    expected = logged_ids(sim)
    sim.faults.add(Fault("GET", STREAM, kind="drop"), Fault("GET", STREAM, status=503))

    quick = EventStreamOptions(default_retry=0.05)  # no `retry:` hint got through the drop

    events = take(client.events.stream(last_event_id="0", options=quick), len(expected))

    assert [e.id for e in events] == expected
    assert sum(r.path == STREAM for r in sim.requests_log) == 3


def test_a_stream_that_keeps_dropping_gives_up_with_a_typed_error(
    client: Client, sim: Simulator
) -> None:
    sim.faults.add(Fault("GET", STREAM, kind="drop", times=None))
    impatient = EventStreamOptions(max_attempts=3, default_retry=0.01)

    with pytest.raises(APIConnectionError):
        next(client.events.stream(options=impatient))

    assert sum(r.path == STREAM for r in sim.requests_log) == 3


def test_types_filters_the_stream(client: Client, sim: Simulator) -> None:
    allocation_id = run_lifecycle(client)
    usage_ids = logged_ids(sim, {"usage.recorded"})

    usage = take(client.events.stream(types=["usage.recorded"], last_event_id="0"), 1)

    assert usage_ids and isinstance(usage[0], UsageRecorded)
    assert usage[0].id == usage_ids[0] and usage[0].allocation_id == allocation_id


def test_bad_types_are_refused(client: Client) -> None:
    with pytest.raises(InvalidRequest) as caught:
        next(client.events.stream(types=["allocation.created"]))
    assert "allocation.created" in str(caught.value.details)
    with pytest.raises(ArgumentError):
        client.events.stream(types=[])


def test_an_unknown_event_type_comes_as_a_generic_event(client: Client, sim: Simulator) -> None:
    sim.events.publish({"type": "quota.changed", "tenant_id": "tnt-acme"}, at=sim.clock.now())
    run_lifecycle(client)

    first, second = take(client.events.stream(last_event_id="0"), 2)

    assert isinstance(first, UnknownEvent) and first.type_ == "quota.changed"
    assert first.id == "1" and first.data["tenant_id"] == "tnt-acme"
    assert isinstance(second, AllocationStatusChanged) and second.id == "2"


# -- the instance stream (what `client.apps.instances.events(..., follow=True)` uses) ----


class StandInApps:
    def instance(self, caller: Any, instance_id: str) -> str:
        if instance_id != "inst-a":
            raise ApiError("app_instance_not_found", f"No app instance {instance_id!r}.")
        return instance_id


def publish_status(sim: Simulator, status: str, previous: str | None) -> None:
    event = {
        "type": "app_instance.status_changed", "tenant_id": "tnt-acme", "instance_id": "inst-a",
        "status": status, "previous_status": previous, "failure_reason": None,
    }  # fmt: skip
    sim.events.publish(event, at=sim.clock.now())


def test_the_instance_stream_resumes_and_ends_at_release(
    client: Client, sim: Simulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sim, "apps", StandInApps(), raising=False)
    steps = ["starting", "running", "stopping", "stopped", "released"]
    for previous, status in zip([None, *steps], steps, strict=False):
        publish_status(sim, status, previous)
    sim.stream_cut_after = 2

    events = list(iter_instance_events(client._http, "inst-a", last_event_id="0"))

    assert all(isinstance(e, AppInstanceStatusChanged) for e in events)
    assert [e.status for e in events] == steps
    assert [e.id for e in events] == logged_ids(sim)
    with pytest.raises(AppInstanceNotFound):
        next(iter_instance_events(client._http, "inst-nope"))


def test_a_released_instance_stream_ends_at_once(
    client: Client, sim: Simulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sim, "apps", StandInApps(), raising=False)
    publish_status(sim, "released", None)

    assert list(iter_instance_events(client._http, "inst-a")) == []


# -- async -------------------------------------------------------------------------


def test_async_stream_resumes_after_cuts(base_url: str, sim: Simulator) -> None:
    with Client(base_url, auth=DevPasswordAuth("dev-user", "dev123")) as client:
        run_lifecycle(client)
    expected = logged_ids(sim)
    sim.stream_cut_after = 2

    async def main() -> list[Any]:
        async with AsyncClient(base_url, auth=DevPasswordAuth("dev-user", "dev123")) as client:
            stream = client.events.stream(last_event_id="0")
            events = [await anext(stream) for _ in expected]
            await stream.aclose()  # type: ignore[attr-defined]
            with pytest.raises(InvalidRequest):
                await anext(client.events.stream(types="no.such"))
            return events

    events = asyncio.run(main())

    assert [e.id for e in events] == expected
    assert [e.status for e in events if isinstance(e, AllocationStatusChanged)] == LIFECYCLE


def test_async_instance_stream_ends_at_release(
    base_url: str, sim: Simulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sim, "apps", StandInApps(), raising=False)
    publish_status(sim, "running", None)
    sim.stream_cut_after = 1

    async def main() -> list[Any]:
        async with AsyncClient(base_url, auth=DevPasswordAuth("dev-user", "dev123")) as client:
            events = []
            stream = aiter_instance_events(client._http, "inst-a", last_event_id="0")
            async for event in stream:
                events.append(event)
                if len(events) == 1:
                    publish_status(sim, "released", "running")
            return events

    events = asyncio.run(main())

    assert [e.status for e in events] == ["running", "released"]
