"""Per-call options, hooks, statistics and logs of the HTTP layer."""

import logging

import httpx
import pytest

from gpuaas_sdk import Client
from gpuaas_sdk.auth import DevPasswordAuth

from .conftest import BASE, allocation_json, envelope, token_grant


def test_with_options_changes_settings_and_shares_the_connection_pool(api, client, sleeps):
    route = api.get("/v1/allocations/a").mock(
        return_value=envelope("service_unavailable", status=503)
    )
    patient = client.with_options(max_retries=0, headers={"X-Team": "ml"})

    with pytest.raises(Exception):  # noqa: B017, PT011 - any typed error; counted below
        patient.allocations.get("a")

    assert route.call_count == 1
    assert route.calls[0].request.headers["X-Team"] == "ml"
    assert patient._transport is client._transport
    patient.close()  # the copy does not own the pool: the original still works
    route.mock(return_value=httpx.Response(200, json=allocation_json("a")))
    assert client.allocations.get("a").id == "a"


def test_hooks_see_every_request_and_response(api):
    api.get("/v1/allocations/a").mock(return_value=httpx.Response(200, json=allocation_json("a")))
    seen: list[str] = []

    with Client(
        BASE,
        auth="tok",
        on_request=lambda r: seen.append(f"-> {r.method} {r.url.path}"),
        on_response=lambda r: seen.append(f"<- {r.status_code}"),
    ) as client:
        client.allocations.get("a")

    assert seen == ["-> GET /v1/allocations/a", "<- 200"]


def test_transport_statistics_count_requests_attempts_retries_and_errors(api, client, sleeps):
    api.get("/v1/allocations/a").mock(
        side_effect=[
            envelope("internal_error", status=500),
            httpx.Response(200, json=allocation_json("a")),
        ]
    )
    api.get("/v1/allocations/b").mock(return_value=envelope("allocation_not_found", status=404))

    client.allocations.get("a")
    with pytest.raises(Exception):  # noqa: B017, PT011
        client.allocations.get("b")

    assert client.transport_stats == {"requests": 2, "attempts": 3, "retries": 1, "errors": 1}


def test_logs_name_requests_but_never_credentials(api, caplog, sleeps):
    api.post("/v1/auth/login").mock(return_value=token_grant("at-secret-1", "rt-secret-1"))
    api.get("/v1/allocations/a").mock(
        side_effect=[
            envelope("internal_error", status=500),
            httpx.Response(200, json=allocation_json("a")),
        ]
    )
    caplog.set_level(logging.DEBUG, logger="gpuaas_sdk")

    with Client(BASE, auth=DevPasswordAuth("dev-user", "dev123")) as client:
        client.allocations.get("a")

    text = caplog.text
    assert "GET /v1/allocations/a -> 200" in text
    assert "retrying GET /v1/allocations/a after 500" in text
    for secret in ("dev123", "at-secret-1", "rt-secret-1"):
        assert secret not in text
