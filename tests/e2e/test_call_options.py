"""Per-call options and raw responses work on every facade method, against the simulator."""

from __future__ import annotations

import asyncio

import pytest

from gpuaas_sdk import AsyncClient, Client
from gpuaas_sdk.auth import DevPasswordAuth
from gpuaas_sdk.errors import APITimeoutError, ArgumentError, SKUNotFound
from gpuaas_sim import Simulator
from gpuaas_sim.faults import Fault


def _sync(base_url: str) -> Client:
    return Client(base_url, auth=DevPasswordAuth("dev-user", "dev123"), max_retries=0)


def _async(base_url: str) -> AsyncClient:
    return AsyncClient(base_url, auth=DevPasswordAuth("dev-user", "dev123"), max_retries=0)


def test_a_per_call_timeout_bounds_that_call_only(base_url: str, sim: Simulator) -> None:
    with _sync(base_url) as client:
        client.auth.whoami()  # signed in: the token request is not what times out
        sim.faults.add(Fault("GET", "/v1/catalog/skus", kind="latency", delay=0.5))

        with pytest.raises(APITimeoutError) as caught:
            client.catalog.list_skus(timeout=0.001).first_page()

        assert "GET " in str(caught.value) and "/v1/catalog/skus" in str(caught.value)
        assert client.catalog.list_skus().first_page().items  # the client's default again


def test_an_async_per_call_timeout_raises_the_same(base_url: str, sim: Simulator) -> None:
    async def main() -> None:
        async with _async(base_url) as client:
            await client.auth.whoami()
            sim.faults.add(Fault("GET", "/v1/allocations/*", kind="latency", delay=0.5))
            with pytest.raises(APITimeoutError):
                await client.allocations.get("alloc-none", timeout=0.001)

    asyncio.run(main())


def test_extra_headers_reach_the_server_on_every_request_of_a_call(
    base_url: str, sim: Simulator
) -> None:
    with _sync(base_url) as client:
        alloc = client.allocations.create(
            sku="h200-sxm-slice", gpus_total=1, extra_headers={"X-Trace": "create-1"}
        )
        client.allocations.wait_for(alloc.id, use_events=False, extra_headers={"X-Trace": "wait-1"})

    traced = [(r.method, r.path, r.headers.get("x-trace")) for r in sim.requests_log]
    assert ("POST", "/v1/allocations", "create-1") in traced
    polls = [t for t in traced if t[1] == f"/v1/allocations/{alloc.id}"]
    assert polls and all(trace == "wait-1" for _, _, trace in polls)


def test_extra_query_is_sent_beside_the_operations_own(base_url: str) -> None:
    with _sync(base_url) as client:
        raw = client.catalog.with_raw_response.list_skus(extra_query={"gpu_model": "NO-SUCH-GPU"})

    assert raw.request.url.params["gpu_model"] == "NO-SUCH-GPU"
    assert raw.parse().items == []  # the server applied the filter


def test_a_misspelt_option_is_refused_before_anything_is_sent(
    base_url: str, sim: Simulator
) -> None:
    with _sync(base_url) as client, pytest.raises(ArgumentError) as caught:
        client.health.check(timout=1)  # type: ignore[call-arg]

    assert "unknown option(s) timout" in str(caught.value)
    assert sim.requests_log == []


def test_a_raw_response_carries_status_headers_and_the_parsed_model(base_url: str) -> None:
    with _sync(base_url) as client:
        raw = client.allocations.with_raw_response.create(sku="h200-sxm-slice", gpus_total=1)
        again = client.allocations.with_raw_response.get(raw.parse().id)

    assert raw.status_code == 201
    assert raw.correlation_id and raw.headers["X-Correlation-ID"] == raw.correlation_id
    assert again.status_code == 200 and again.parse().id == raw.parse().id
    assert raw.correlation_id != again.correlation_id


def test_a_raw_list_is_its_first_page(base_url: str) -> None:
    with _sync(base_url) as client:
        raw = client.catalog.with_raw_response.list_regions()

    assert raw.status_code == 200
    assert [r.code for r in raw.parse()] == [r.code for r in _sync(base_url).catalog.list_regions()]


def test_async_raw_responses_work_the_same(base_url: str) -> None:
    async def main() -> tuple[int, str | None, str]:
        async with _async(base_url) as client:
            raw = await client.catalog.with_raw_response.get_sku("h200-sxm-slice")
            page = await client.catalog.with_raw_response.list_skus()
            assert page.parse().items
            return raw.status_code, raw.correlation_id, raw.parse().id

    status, correlation_id, sku = asyncio.run(main())
    assert status == 200 and correlation_id and sku == "h200-sxm-slice"


def test_an_error_keeps_the_response_and_request_it_came_from(base_url: str) -> None:
    with _sync(base_url) as client, pytest.raises(SKUNotFound) as caught:
        client.catalog.get_sku("no-such-sku", extra_headers={"X-Trace": "t-404"})

    error = caught.value
    assert error.response is not None and error.response.status_code == 404
    assert error.request is not None and error.request.headers["X-Trace"] == "t-404"
    assert error.response.headers["X-Correlation-ID"] == error.correlation_id
