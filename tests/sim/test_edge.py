"""What every request gets: correlation ids, rate limits, the error envelope for any failure."""

from __future__ import annotations

import pytest
import yaml
from starlette.testclient import TestClient

from gpuaas_sim import ERROR_CATALOG, Simulator
from gpuaas_sim.http.ratelimit import RateLimiter
from gpuaas_sim.runtime.clock import format_time

from .conftest import REPO, Api, error_of, login
from .test_iam import ED25519


def test_health_needs_no_token(client: TestClient, sim: Simulator) -> None:
    response = client.get("/v1/health")

    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "version": "1.0.0",
        "time": format_time(sim.clock.now()),
    }


@pytest.mark.parametrize("path", ["/v1/health", "/v1/nowhere", "/v1/auth/whoami"])
def test_every_response_carries_correlation_and_rate_limit_headers(
    client: TestClient, path: str
) -> None:
    response = client.get(path)

    assert len(response.headers["X-Correlation-ID"]) == 32
    assert response.headers["X-RateLimit-Limit"] == "6000"
    assert int(response.headers["X-RateLimit-Remaining"]) < 6000
    assert 0 < int(response.headers["X-RateLimit-Reset"]) <= 60


def test_a_sane_incoming_correlation_id_is_echoed(client: TestClient) -> None:
    sane = client.get("/v1/nowhere", headers={"X-Correlation-ID": "req-42:retry.1"})
    insane = client.get("/v1/nowhere", headers={"X-Correlation-ID": "<script>" * 30})

    assert sane.headers["X-Correlation-ID"] == "req-42:retry.1"
    assert error_of(sane)["correlation_id"] == "req-42:retry.1"
    assert insane.headers["X-Correlation-ID"] != "<script>" * 30


@pytest.mark.parametrize("path", ["/v1/nowhere", "/v1/health/", "/v2/health"])
def test_unknown_routes_are_not_found(client: TestClient, path: str) -> None:
    response = client.get(path)

    assert response.status_code == 404
    assert error_of(response)["code"] == "not_found"


def test_wrong_method_is_method_not_allowed_with_allow(client: TestClient) -> None:
    response = client.delete("/v1/allocations")  # before authentication

    assert response.status_code == 405
    assert response.headers["Allow"] == "GET, HEAD, POST"
    error = error_of(response)
    assert error["code"] == "method_not_allowed"
    assert error["details"] == {"allowed_methods": ["GET", "HEAD", "POST"]}


def test_unexpected_failures_are_internal_errors_in_the_envelope(
    sim: Simulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(sku_id: str) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(sim.catalog, "sku", explode)
    with TestClient(sim.app, raise_server_exceptions=False) as client:
        auth = {"Authorization": "Bearer " + login(client)["access_token"]}
        response = client.get("/v1/catalog/skus/h200-sxm-slice", headers=auth)

    assert response.status_code == 500
    assert error_of(response)["code"] == "internal_error"
    assert "boom" not in response.text


@pytest.mark.sim_config(rate_limit_per_minute=3)
def test_rate_limit_is_per_access_token(client: TestClient, sim: Simulator) -> None:
    one = {"Authorization": "Bearer " + login(client)["access_token"]}
    two = {"Authorization": "Bearer " + login(client)["access_token"]}
    answers = [client.get("/v1/auth/whoami", headers=one) for _ in range(4)]

    assert [r.status_code for r in answers] == [200, 200, 200, 429]
    assert [r.headers["X-RateLimit-Remaining"] for r in answers] == ["2", "1", "0", "0"]
    limited = answers[-1]
    assert error_of(limited)["code"] == "rate_limit_exceeded"
    assert 0 < int(limited.headers["Retry-After"]) <= 60
    assert client.get("/v1/auth/whoami", headers=two).status_code == 200


@pytest.mark.sim_config(rate_limit_per_minute=2)
def test_unauthenticated_requests_count_per_client_address(client: TestClient) -> None:
    statuses = [client.get("/v1/health").status_code for _ in range(3)]

    assert statuses == [200, 200, 429]


def test_rate_limit_window_resets_after_a_minute() -> None:
    now = [100.0]
    limiter = RateLimiter(1, monotonic=lambda: now[0])

    assert limiter.hit("k").allowed
    assert not limiter.hit("k").allowed
    now[0] += 60

    assert limiter.hit("k").allowed


def test_requests_log_records_what_reached_the_server(api: Api, sim: Simulator) -> None:
    api.post(
        "/v1/allocations",
        json={"sku": "h200-sxm-slice", "gpus_total": 1},
        headers={"Idempotency-Key": "abc-123", "X-Retry-Attempt": "2"},
    )

    method, path, headers = sim.requests_log[-1]

    assert (method, path) == ("POST", "/v1/allocations")
    assert headers["idempotency-key"] == "abc-123"
    assert headers["Idempotency-Key"] == "abc-123"
    assert "x-retry-attempt" in headers
    assert headers.get("X-RETRY-ATTEMPT") == "2"


def test_reset_returns_to_the_seed_state(api: Api, sim: Simulator) -> None:
    api.create()

    sim.reset()

    assert sim.allocations == {}
    assert sim.requests_log == []
    assert error_of(api.get("/v1/auth/whoami"))["code"] == "token_invalid"


def test_reset_reaches_every_route_not_only_the_books(
    client: TestClient, api: Api, sim: Simulator
) -> None:
    """Routes read the current books at each request, so a reset empties what they serve."""
    key = api.post("/v1/ssh-keys", json={"name": "laptop", "public_key": ED25519})
    assert key.status_code == 201, key.text

    sim.reset()
    fresh = Api(client, {"Authorization": f"Bearer {login(client)['access_token']}"})

    assert fresh.get("/v1/ssh-keys").json()["items"] == []
    assert fresh.get(f"/v1/ssh-keys/{key.json()['id']}").status_code == 404
    served = fresh.get("/v1/apps/jupyter-cuda-dev").json()
    assert served["created_at"] == format_time(sim.apps.manifest("jupyter-cuda-dev").created_at)


def test_error_catalog_matches_the_contract() -> None:
    errors = yaml.safe_load((REPO / "openapi" / "components" / "errors.yaml").read_text())
    contract = {entry["code"]: entry["status"] for entry in errors["ErrorCode"]["x-error-catalog"]}

    assert dict(ERROR_CATALOG) == contract


def test_the_budget_is_a_bucket_refilled_evenly_over_its_window() -> None:
    """100 a second: a burst of 100, then one request back every 10 ms, never a window's edge."""
    now = [0.0]
    limiter = RateLimiter(100, window=1.0, monotonic=lambda: now[0])

    assert all(limiter.hit("k").allowed for _ in range(100))
    refused = limiter.hit("k")
    assert not refused.allowed
    assert refused.retry_after_ms == 10
    assert refused.retry_after_seconds == 1
    now[0] += 0.01
    assert limiter.hit("k").allowed
    assert not limiter.hit("k").allowed
    now[0] += 0.5  # half a window: half the bucket back
    decision = limiter.hit("k")
    assert decision.allowed
    assert decision.remaining == 49
    assert decision.headers()["X-RateLimit-Policy"] == "100;w=1"
    assert decision.headers()["X-RateLimit-Reset"] == "1"


def test_a_steady_rate_at_the_limit_is_never_refused() -> None:
    now = [0.0]
    limiter = RateLimiter(100, window=1.0, monotonic=lambda: now[0])
    for _ in range(1000):
        assert limiter.hit("k").allowed
        now[0] += 0.01


@pytest.mark.sim_config(rate_limit_per_second=2)
def test_a_per_second_budget_is_announced_and_refusals_say_how_long_to_wait(
    client: TestClient,
) -> None:
    answers = [client.get("/v1/health") for _ in range(3)]

    assert [r.status_code for r in answers] == [200, 200, 429]
    assert answers[0].headers["X-RateLimit-Policy"] == "2;w=1"
    refused = answers[-1]
    assert 0 < int(refused.headers["Retry-After-Ms"]) <= 500
    assert refused.headers["Retry-After"] == "1"
