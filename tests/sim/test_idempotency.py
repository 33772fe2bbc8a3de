"""Idempotency-Key: replays return the first answer; another body under the same key is refused."""

from __future__ import annotations

import pytest

from gpuaas_sim import Simulator

from .conftest import Api, error_of


def test_replay_returns_the_original_allocation(api: Api, sim: Simulator) -> None:
    first = api.create(key="create-1")
    sim.clock.advance(5)  # the allocation is active by now; the replay still answers as before

    replay = api.create(key="create-1")

    assert replay.status_code == first.status_code == 201
    assert replay.json() == first.json()
    assert replay.headers["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first.headers
    assert list(sim.allocations) == [first.json()["id"]]


def test_same_key_with_another_body_is_a_conflict(api: Api, sim: Simulator) -> None:
    api.create(key="create-1", gpus_total=1)

    response = api.create(key="create-1", gpus_total=2)

    assert response.status_code == 409
    error = error_of(response)
    assert error["code"] == "idempotency_conflict"
    assert error["details"] == {"idempotency_key": "create-1"}
    assert len(sim.allocations) == 1


def test_key_order_and_whitespace_do_not_change_the_body(api: Api) -> None:
    first = api.create(key="k", gpus_total=1)
    raw = b'{ "gpus_total": 1,\n  "sku": "h200-sxm-slice" }'

    replay = api.post(
        "/v1/allocations",
        content=raw,
        headers={"Idempotency-Key": "k", "Content-Type": "application/json"},
    )

    assert replay.json()["id"] == first.json()["id"]


def test_requests_without_a_key_are_simply_executed(api: Api, sim: Simulator) -> None:
    api.create()
    api.create()

    assert len(sim.allocations) == 2


def test_keys_are_scoped_by_path(api: Api) -> None:
    one, two = api.create().json()["id"], api.create().json()["id"]

    first = api.post(f"/v1/allocations/{one}/release", headers={"Idempotency-Key": "r"})
    second = api.post(f"/v1/allocations/{two}/release", headers={"Idempotency-Key": "r"})

    assert first.json()["id"] == one
    assert second.json()["id"] == two
    assert api.create(key="r").status_code == 201  # another path, another scope


def test_business_errors_are_replayed_too(api: Api) -> None:
    first = api.create(key="k", sku="tpu-v9")

    replay = api.create(key="k", sku="tpu-v9")

    assert replay.status_code == first.status_code == 404
    assert error_of(replay)["code"] == "sku_not_found"
    assert replay.headers["Idempotent-Replayed"] == "true"
    # A fresh correlation id: the replay is a request of its own.
    assert error_of(replay)["correlation_id"] != error_of(first)["correlation_id"]


def test_rejected_bodies_do_not_burn_the_key(api: Api) -> None:
    assert api.create(key="k", gpus_total=0).status_code == 422

    assert api.create(key="k", gpus_total=1).status_code == 201


def test_terminal_token_replay_returns_the_same_token(api: Api, sim: Simulator) -> None:
    allocation_id = api.create().json()["id"]
    sim.clock.advance(3)
    path = f"/v1/allocations/{allocation_id}/terminal-token"

    first = api.post(path, headers={"Idempotency-Key": "t"})
    replay = api.post(path, headers={"Idempotency-Key": "t"})
    fresh = api.post(path)

    assert replay.json() == first.json()
    assert fresh.json()["token"] != first.json()["token"]


@pytest.mark.sim_config(access_token_ttl=2 * 24 * 3600)
def test_keys_expire_after_a_day(api: Api, sim: Simulator) -> None:
    first = api.create(key="k").json()["id"]
    sim.clock.advance(24 * 3600)

    assert api.create(key="k").json()["id"] != first


@pytest.mark.parametrize("key", [b"", b"a b", "é".encode(), b"x" * 256])
def test_malformed_keys_are_invalid_requests(api: Api, key: bytes) -> None:
    response = api.post(
        "/v1/allocations",
        json={"sku": "h200-sxm-slice", "gpus_total": 1},
        headers={"Idempotency-Key": key},
    )

    assert response.status_code == 400
    assert error_of(response)["details"] == {"header": "Idempotency-Key"}
