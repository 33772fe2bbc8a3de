"""Transient failures are retried in the transport, safely and within limits."""

import asyncio

import httpx
import pytest
import respx

from gpuaas_sdk import AsyncClient, Client, RetryPolicy
from gpuaas_sdk.errors import (
    APIConnectionError,
    RateLimitExceeded,
    ServiceUnavailable,
)

from .conftest import BASE, allocation_json, envelope


def test_a_get_is_retried_after_a_503_and_each_attempt_is_numbered(api, client, sleeps):
    route = api.get("/v1/allocations/alloc-1").mock(
        side_effect=[
            envelope("service_unavailable", status=503),
            httpx.Response(200, json=allocation_json()),
        ]
    )

    assert client.allocations.get("alloc-1").id == "alloc-1"

    assert [c.request.headers["GPUaaS-Attempt"] for c in route.calls] == ["1", "2"]
    assert len(sleeps) == 1 and 0 < sleeps[0] <= 0.5


def test_retry_after_is_waited_for_exactly(api, client, sleeps):
    api.get("/v1/allocations/alloc-1").mock(
        side_effect=[
            envelope("rate_limit_exceeded", status=429, **{"Retry-After": "2"}),
            httpx.Response(200, json=allocation_json()),
        ]
    )

    client.allocations.get("alloc-1")

    assert sleeps == [2.0]


def test_a_retry_after_beyond_the_cap_is_returned_to_the_caller_at_once(api, make_client, sleeps):
    client = make_client(retry=RetryPolicy(max_retry_after=5))
    route = api.get("/v1/allocations/alloc-1").mock(
        return_value=envelope("rate_limit_exceeded", status=429, **{"Retry-After": "30"})
    )

    with pytest.raises(RateLimitExceeded) as caught:
        client.allocations.get("alloc-1")

    assert caught.value.retry_after == 30
    assert route.call_count == 1 and sleeps == []


def test_retries_stop_after_max_retries_with_the_last_typed_error(api, make_client, sleeps):
    client = make_client(max_retries=2)
    route = api.get("/v1/allocations/alloc-1").mock(
        return_value=envelope("service_unavailable", "maintenance", status=503)
    )

    with pytest.raises(ServiceUnavailable) as caught:
        client.allocations.get("alloc-1")

    assert route.call_count == 3
    assert caught.value.message == "maintenance"
    assert caught.value.correlation_id == "corr-1"
    assert caught.value.status_code == 503


def test_one_deadline_bounds_all_attempts_of_a_call(api, make_client):
    client = make_client(retry=RetryPolicy(max_retries=10, total_timeout=1.0))
    route = api.get("/v1/allocations/alloc-1").mock(
        return_value=envelope("service_unavailable", status=503, **{"Retry-After": "0.4"})
    )

    with pytest.raises(ServiceUnavailable):
        client.allocations.get("alloc-1")

    assert 1 <= route.call_count <= 3  # 10 retries were allowed; the deadline ended them


def test_a_create_without_a_key_gets_one_that_stays_the_same_across_retries(api, client, sleeps):
    route = api.post("/v1/allocations").mock(
        side_effect=[
            httpx.ReadError("connection reset"),
            envelope("internal_error", status=500),
            httpx.Response(201, json=allocation_json()),
        ]
    )

    client.allocations.create(sku="h200-sxm-slice", gpus_total=1)

    keys = {c.request.headers.get("Idempotency-Key") for c in route.calls}
    assert route.call_count == 3
    assert len(keys) == 1 and None not in keys


def test_a_callers_idempotency_key_is_sent_as_given(api, client):
    route = api.post("/v1/allocations").mock(
        return_value=httpx.Response(201, json=allocation_json())
    )

    client.allocations.create(sku="h200-sxm-slice", gpus_total=1, idempotency_key="my-run-001")

    assert route.calls.last.request.headers["Idempotency-Key"] == "my-run-001"


def test_each_create_call_gets_its_own_key(api, client):
    route = api.post("/v1/allocations").mock(
        return_value=httpx.Response(201, json=allocation_json())
    )

    client.allocations.create(sku="h200-sxm-slice", gpus_total=1)
    client.allocations.create(sku="h200-sxm-slice", gpus_total=1)

    first, second = (c.request.headers["Idempotency-Key"] for c in route.calls)
    assert first != second


def test_a_post_without_an_idempotency_key_is_not_resent(api, sleeps):
    route = api.post("/v1/auth/login").mock(
        return_value=envelope("service_unavailable", status=503)
    )
    from gpuaas_sdk.auth import DevPasswordAuth

    with (
        Client(BASE, auth=DevPasswordAuth("dev-user", "dev123")) as client,
        pytest.raises(ServiceUnavailable),
    ):
        client.auth.whoami()

    assert route.call_count == 1


def test_a_read_error_on_a_non_idempotent_post_surfaces_as_a_connection_error(api, client, sleeps):
    route = api.post("/v1/auth/login").mock(side_effect=httpx.ReadError("reset"))

    with pytest.raises(APIConnectionError):
        client.raw.get_httpx_client().post("/v1/auth/login", json={})

    assert route.call_count == 1


def test_a_connect_error_is_retried_for_any_method_because_nothing_was_sent(api, client, sleeps):
    route = api.post("/v1/auth/login").mock(
        side_effect=[httpx.ConnectError("refused"), httpx.Response(200, json={})]
    )

    client.raw.get_httpx_client().post("/v1/auth/login", json={})

    assert route.call_count == 2


def test_async_client_retries_the_same_way(sleeps):
    async def scenario() -> list[str]:
        with respx.mock(base_url=BASE) as api:
            route = api.post("/v1/allocations").mock(
                side_effect=[
                    envelope("service_unavailable", status=503, **{"Retry-After": "1"}),
                    httpx.Response(201, json=allocation_json()),
                ]
            )
            async with AsyncClient(BASE, auth="tok") as client:
                await client.allocations.create(sku="h200-sxm-slice", gpus_total=1)
            return [c.request.headers["Idempotency-Key"] for c in route.calls]

    keys = asyncio.run(scenario())

    assert len(keys) == 2 and keys[0] == keys[1]
    assert sleeps == [1.0]


def _closed_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_a_connection_error_names_the_url_it_tried_but_not_its_query():
    port = _closed_port()
    with (
        Client(f"http://127.0.0.1:{port}", auth="tok", max_retries=0) as client,
        pytest.raises(APIConnectionError) as caught,
    ):
        client.raw.get_httpx_client().get("/v1/storage/objects", params={"cursor": "secret"})

    message = str(caught.value)
    assert f"GET http://127.0.0.1:{port}/v1/storage/objects" in message
    assert "secret" not in message
    assert "GPUAAS_BASE_URL" in message


def test_when_no_base_url_answers_the_error_names_every_one_tried():
    first, second = _closed_port(), _closed_port()
    urls = [f"http://127.0.0.1:{first}", f"http://127.0.0.1:{second}"]
    with (
        Client(base_urls=urls, auth="tok", max_retries=0) as client,
        pytest.raises(APIConnectionError) as caught,
    ):
        client.health.check()

    assert f"127.0.0.1:{first}" in str(caught.value)
    assert f"127.0.0.1:{second}" in str(caught.value)
