"""An allocation's boot and provisioning log: its lines, paging, `tail`, and the live stream."""

from __future__ import annotations

import threading

import pytest

from gpuaas_sim import Simulator

from .conftest import Api, error_of
from .test_events import events_of, stream


def logs(api: Api, allocation_id: str, **params: object) -> list[dict]:
    response = api.get(f"/v1/allocations/{allocation_id}/logs", params=params)
    assert response.status_code == 200, response.text
    return list(response.json()["items"])


def test_each_state_writes_its_lines_when_it_is_entered(api: Api, sim: Simulator) -> None:
    allocation_id = api.create(ssh_key_ids=["key-7f2e"], lease_seconds=600).json()["id"]
    assert [line["status"] for line in logs(api, allocation_id)] == ["pending", "pending"]

    sim.clock.advance(3.5)  # active at 3 s; SSH answers 1 s later
    lines = logs(api, allocation_id)

    assert [line["id"] for line in lines] == [str(n) for n in range(1, len(lines) + 1)]
    assert [(line["status"], line["line"].split(":")[0]) for line in lines] == [
        ("pending", "Accepted"),
        ("pending", "Lease"),
        ("provisioning", "Provisioning"),
        ("provisioning", "Provisioning"),
        ("provisioning", "Provisioning"),
        ("active", "nvidia-smi"),
        ("active", "Network"),
        ("active", "Allocation is active; billing started"),
    ]
    assert "1 x NVIDIA H200 SXM" in lines[5]["line"]
    assert "installing 1 SSH key(s)" in lines[4]["line"]
    assert all(line["allocation_id"] == allocation_id for line in lines)
    assert all(line["type"] == "allocation.log" for line in lines)

    sim.clock.advance(0.5)
    assert logs(api, allocation_id)[-1]["line"] == "sshd: accepting connections for ubuntu"
    api.post(f"/v1/allocations/{allocation_id}/release")
    sim.clock.advance(2)
    final = logs(api, allocation_id)
    assert [line["line"] for line in final[-3:]] == [
        "Release requested; stopping workloads",
        "Billing stopped",
        "Released: GPUs wiped and returned to the pool",
    ]
    assert final[: len(lines)] == lines  # lines once written never change


def test_tail_since_and_pages(api: Api, sim: Simulator) -> None:
    allocation_id = api.create().json()["id"]
    sim.clock.advance(10)
    everything = logs(api, allocation_id)

    assert logs(api, allocation_id, tail=2) == everything[-2:]
    since = everything[3]["occurred_at"]
    assert logs(api, allocation_id, since=since) == [
        line for line in everything if line["occurred_at"] >= since
    ]
    first = api.get(f"/v1/allocations/{allocation_id}/logs", params={"limit": 3}).json()
    rest = api.get(
        f"/v1/allocations/{allocation_id}/logs", params={"cursor": first["next_cursor"]}
    ).json()
    assert first["items"] + rest["items"] == everything


@pytest.mark.sim_config(failing_skus={"h200-sxm-slice"}, lease_grace_seconds=0)
def test_failures_and_lapsed_leases_are_written_to_stderr(api: Api, sim: Simulator) -> None:
    failing = api.create().json()["id"]
    leased = api.create(sku="h100-sxm-slice", lease_seconds=5).json()["id"]
    sim.clock.advance(10)

    failed_last = logs(api, failing)[-1]
    lapsed = [line for line in logs(api, leased) if line["stream"] == "stderr"]

    assert (failed_last["status"], failed_last["stream"]) == ("failed", "stderr")
    assert "Provisioning failed" in failed_last["line"]
    assert len(lapsed) == 1 and lapsed[0]["line"].startswith("Lease expired: not renewed since")


def test_the_stream_of_an_ended_allocation_replays_then_ends(api: Api, sim: Simulator) -> None:
    allocation_id = api.create().json()["id"]
    sim.clock.advance(5)
    api.post(f"/v1/allocations/{allocation_id}/release")
    sim.clock.advance(5)
    path = f"/v1/allocations/{allocation_id}/logs/stream"
    everything = logs(api, allocation_id)

    replayed = events_of(stream(api, path, **{"Last-Event-ID": "0"}))
    resumed = events_of(stream(api, path, **{"Last-Event-ID": "3"}))
    fresh = stream(api, path)

    assert [f.payload() for f in replayed] == everything
    assert [f.event for f in replayed] == ["allocation.log"] * len(everything)
    assert [f.id for f in resumed] == [line["id"] for line in everything[3:]]
    assert events_of(fresh) == [] and fresh[0].retry is not None


def test_a_live_stream_follows_until_the_allocation_is_released(api: Api, sim: Simulator) -> None:
    allocation_id = api.create().json()["id"]
    mover = threading.Timer(0.2, lambda: (sim.clock.advance(5), _release(api, allocation_id, sim)))
    mover.start()
    try:
        frames = events_of(stream(api, f"/v1/allocations/{allocation_id}/logs/stream"))
    finally:
        mover.join()

    assert frames[0].payload()["status"] == "provisioning"  # written after the stream opened
    assert frames[-1].payload()["status"] == "released"


def _release(api: Api, allocation_id: str, sim: Simulator) -> None:
    api.post(f"/v1/allocations/{allocation_id}/release")
    sim.clock.advance(5)


def test_unknown_allocations_and_ids_beyond_the_log_are_refused(api: Api) -> None:
    allocation_id = api.create().json()["id"]

    unknown = api.get("/v1/allocations/alloc-nope/logs")
    beyond = api.get(
        f"/v1/allocations/{allocation_id}/logs/stream", headers={"Last-Event-ID": "99"}
    )
    missing_stream = api.get("/v1/allocations/alloc-nope/logs/stream")

    assert (unknown.status_code, error_of(unknown)["code"]) == (404, "allocation_not_found")
    assert (beyond.status_code, error_of(beyond)["code"]) == (400, "invalid_request")
    assert missing_stream.status_code == 404
