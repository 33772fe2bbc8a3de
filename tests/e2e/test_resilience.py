"""Retries, idempotency and token refresh proven against the simulator's faults."""

import pytest

from gpuaas_sdk import Client, RetryPolicy
from gpuaas_sdk.auth import DevPasswordAuth
from gpuaas_sdk.errors import APITimeoutError, ServerError
from gpuaas_sim import Fault, Simulator


def posts_to(sim: Simulator, path: str):
    return [r for r in sim.requests_log if r.method == "POST" and r.path == path]


def test_a_create_whose_response_was_dropped_is_retried_into_one_allocation(client, sim):
    sim.faults.add(Fault(kind="drop", method="POST", path="/v1/allocations"))

    alloc = client.allocations.create(sku="h200-sxm-slice", gpus_total=1)

    assert list(sim.allocations) == [alloc.id]
    attempts = posts_to(sim, "/v1/allocations")
    assert [r.headers["gpuaas-attempt"] for r in attempts] == ["1", "2"]
    keys = {r.headers["idempotency-key"] for r in attempts}
    assert len(keys) == 1


def test_a_503_with_retry_after_is_waited_out(client, sim):
    sim.faults.add(Fault(kind="status", status=503, retry_after=1, path="/v1/catalog/skus"))

    skus = list(client.catalog.list_skus())

    assert "h200-sxm-slice" in {s.id for s in skus}
    attempts = [r for r in sim.requests_log if r.path == "/v1/catalog/skus"]
    assert [r.headers["gpuaas-attempt"] for r in attempts] == ["1", "2"]


def test_a_slow_answer_times_out_and_the_retry_succeeds(base_url, sim):
    sim.faults.add(Fault(kind="latency", delay=2.0, path="/v1/catalog/regions"))
    with Client(base_url, auth=DevPasswordAuth("dev-user", "dev123"), timeout=0.5) as client:
        regions = list(client.catalog.list_regions())

    assert "us-buffalo-1" in {r.code for r in regions}


def test_timeouts_that_outlast_the_retries_are_typed(base_url, sim):
    sim.faults.add(Fault(kind="latency", delay=2.0, path="/v1/catalog/regions", times=None))
    policy = RetryPolicy(max_retries=1, initial_backoff=0.01)
    with (
        Client(
            base_url, auth=DevPasswordAuth("dev-user", "dev123"), timeout=0.3, retry=policy
        ) as client,
        pytest.raises(APITimeoutError),
    ):
        list(client.catalog.list_regions())


def test_a_proxys_html_error_page_is_a_typed_error(client, sim):
    sim.faults.add(Fault(kind="html", status=502, path="/v1/allocations/*", times=None))

    with pytest.raises(ServerError) as caught:
        client.allocations.get("alloc-1")

    assert caught.value.status_code == 502


def test_an_expired_access_token_is_refreshed_transparently(client, sim):
    client.auth.whoami()
    sim.expire_access_tokens()

    assert client.auth.whoami().principal_id == "usr-dev-user"

    assert len(posts_to(sim, "/v1/auth/token/refresh")) == 1
    assert len(posts_to(sim, "/v1/auth/login")) == 1


def test_a_token_expired_fault_is_refreshed_and_replayed(client, sim):
    client.auth.whoami()
    sim.faults.add(Fault(kind="expire_token", path="/v1/allocations"))

    assert list(client.allocations.list()) == []
    assert len(posts_to(sim, "/v1/auth/token/refresh")) == 1


class TestShortLivedTokens:
    @pytest.fixture
    def sim_config(self):
        from gpuaas_sim import SimConfig

        return SimConfig(access_token_ttl=30, clock_speed=1)

    def test_the_refresh_token_rotates_on_every_refresh(self, client, sim):
        client.auth.whoami()  # a 30 s token is inside the refresh margin (half its life) at 15 s
        sim.expire_access_tokens()
        client.auth.whoami()
        sim.expire_access_tokens()
        client.auth.whoami()

        refreshes = posts_to(sim, "/v1/auth/token/refresh")
        assert len(refreshes) == 2
        assert len(posts_to(sim, "/v1/auth/login")) == 1


def test_an_unreachable_base_url_fails_over_to_the_next(base_url, sim):
    import socket

    with socket.socket() as s:  # a loopback port with nobody listening
        s.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{s.getsockname()[1]}"
    with Client(base_urls=[dead, base_url], auth=DevPasswordAuth("dev-user", "dev123")) as client:
        assert client.auth.whoami().principal_id == "usr-dev-user"
        assert client.allocations.create(sku="h200-sxm-slice", gpus_total=1).status == "pending"

    assert client.transport_stats["errors"] == 0
