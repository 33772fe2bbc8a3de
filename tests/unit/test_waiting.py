"""Waiters poll until a wanted state, fail fast on failure, and time out clearly."""

import httpx
import pytest

from gpuaas_sdk.errors import ResourceFailedError, WaitTimeoutError

from .conftest import allocation_json, envelope


def test_a_waiter_returns_the_resource_once_it_reaches_a_wanted_state(api, client, sleeps):
    api.get("/v1/allocations/a").mock(
        side_effect=[
            httpx.Response(200, json=allocation_json("a", "pending")),
            httpx.Response(200, json=allocation_json("a", "provisioning")),
            httpx.Response(200, json=allocation_json("a", "active")),
        ]
    )

    final = client.allocations.wait_for("a", states={"active", "failed"}, timeout=600)

    assert final.status == "active"
    assert len(sleeps) == 2 and sleeps[0] <= 0.5 and sleeps[1] <= 1.0  # jittered, growing backoff


def test_a_failure_state_not_waited_for_raises_with_its_reason(api, client, sleeps):
    failed = allocation_json("a", "failed") | {"failure_reason": "node health check failed"}
    api.get("/v1/allocations/a").mock(return_value=httpx.Response(200, json=failed))

    with pytest.raises(ResourceFailedError) as caught:
        client.allocations.wait_for("a", states={"active"})

    assert caught.value.state == "failed"
    assert caught.value.reason == "node health check failed"
    assert "node health check failed" in str(caught.value)


def test_a_throttled_poll_does_not_end_the_wait(api, make_client, sleeps):
    client = make_client(max_retries=0)
    api.get("/v1/allocations/a").mock(
        side_effect=[
            envelope("rate_limit_exceeded", status=429, **{"Retry-After": "1"}),
            httpx.Response(200, json=allocation_json("a", "active")),
        ]
    )

    assert client.allocations.wait_for("a").status == "active"


def test_the_timeout_error_carries_the_last_state_seen(api, client):
    api.get("/v1/allocations/a").mock(
        return_value=httpx.Response(200, json=allocation_json("a", "provisioning"))
    )

    with pytest.raises(WaitTimeoutError) as caught:
        client.allocations.wait_for("a", timeout=0.3)

    assert caught.value.state == "provisioning"
    assert caught.value.resource.id == "a"
    assert "did not reach active within 0.3s (last state provisioning)" in str(caught.value)


def test_waiting_for_released_passes_through_releasing(api, client, sleeps):
    api.get("/v1/allocations/a").mock(
        side_effect=[
            httpx.Response(200, json=allocation_json("a", "releasing")),
            httpx.Response(200, json=allocation_json("a", "released")),
        ]
    )

    assert client.allocations.wait_for("a", states={"released"}).status == "released"


def test_waiting_for_active_fails_fast_once_the_allocation_is_being_released(api, client, sleeps):
    api.get("/v1/allocations/a").mock(
        return_value=httpx.Response(200, json=allocation_json("a", "releasing"))
    )

    with pytest.raises(ResourceFailedError, match="is releasing"):
        client.allocations.wait_for("a", states={"active"})
