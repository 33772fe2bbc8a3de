"""The `/_sim/...` control API, gateway body buffering for signatures, and the simulated `Date`.

In-process through Starlette's TestClient, plus one run over real HTTP (`serve_in_thread`).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from email.utils import formatdate, parsedate_to_datetime
from typing import Any

import httpx
import pytest
from starlette.testclient import TestClient

from gpuaas_sim import ConnectionDropped, SimConfig, Simulator, serve_in_thread
from gpuaas_sim.runtime.clock import SimClock
from tests.e2e.test_webhooks import Receiver

from .conftest import Api, error_of
from .test_events import events_of, frames_of
from .test_sa_token import assertion, exchange, new_account, signed

CONTROL = pytest.mark.sim_config(control_api=True)
ENDPOINTS = [
    ("GET", "/_sim/clock"),
    ("POST", "/_sim/clock/advance"),
    ("POST", "/_sim/clock/speed"),
    ("GET", "/_sim/faults"),
    ("POST", "/_sim/faults"),
    ("DELETE", "/_sim/faults"),
    ("POST", "/_sim/tokens/expire"),
    ("POST", "/_sim/streams/cut"),
    ("POST", "/_sim/reset"),
    ("GET", "/_sim/prices"),
    ("POST", "/_sim/prices"),
    ("GET", "/_sim/webhooks/attempts"),
    ("GET", "/_sim/requests"),
]


def eventually(check: Callable[[], Any], timeout: float = 10.0) -> Any:
    """Poll `check` until it returns something truthy (other threads do the work)."""
    deadline = time.monotonic() + timeout
    while not (value := check()):
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.01)
    return value


def _parse(moment: str) -> datetime:
    return datetime.fromisoformat(moment.replace("Z", "+00:00"))


def _hours(n: float) -> timedelta:
    return timedelta(hours=n)


def ok(response: httpx.Response, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    return response.json()


# -- off by default -------------------------------------------------------------------


@pytest.mark.parametrize(("method", "path"), ENDPOINTS)
def test_the_control_api_is_an_unknown_route_when_off(
    client: TestClient, sim: Simulator, method: str, path: str
) -> None:
    response = client.request(method, path, json={"seconds": 60})

    assert response.status_code == 404
    assert error_of(response)["code"] == "not_found"
    assert sim.requests_log[-1].path == path  # handled like any other unknown route
    assert sim.faults.armed() == []


# -- clock ----------------------------------------------------------------------------


@CONTROL
def test_clock_reads_and_advances_and_moves_lifecycles(
    client: TestClient, api: Api, sim: Simulator
) -> None:
    before = ok(client.get("/_sim/clock"))
    assert before["speed"] == 0
    allocation_id = api.create().json()["id"]
    assert api.allocation(allocation_id)["status"] == "pending"

    after = ok(client.post("/_sim/clock/advance", json={"seconds": 90}))

    moved = _parse(after["now"]) - _parse(before["now"])
    assert moved.total_seconds() == 90
    assert api.allocation(allocation_id)["status"] == "active"


@CONTROL
def test_clock_speed_changes_without_a_jump(client: TestClient, sim: Simulator) -> None:
    start = _parse(ok(client.get("/_sim/clock"))["now"])

    answer = ok(client.post("/_sim/clock/speed", json={"speed": 1_000_000}))

    assert answer["speed"] == 1_000_000 and sim.clock.speed == 1_000_000
    assert _parse(answer["now"]) - start < _hours(1)  # speeding up did not jump the clock
    eventually(lambda: sim.clock.now() - start > _hours(1))  # but time now runs fast
    frozen = ok(client.post("/_sim/clock/speed", json={"speed": 0}))
    assert ok(client.get("/_sim/clock"))["now"] == frozen["now"]


def test_set_speed_keeps_the_elapsed_time() -> None:
    ticks = [100.0]
    clock = SimClock(2.0, monotonic=lambda: ticks[0])
    start = clock.now()
    ticks[0] += 10  # 20 simulated seconds at x2
    clock.set_speed(0.5)
    assert (clock.now() - start).total_seconds() == 20
    ticks[0] += 10  # 5 more at x0.5
    assert (clock.now() - start).total_seconds() == 25
    with pytest.raises(ValueError, match="negative"):
        clock.set_speed(-1)


@CONTROL
@pytest.mark.parametrize(
    ("path", "body", "needle"),
    [
        ("/_sim/clock/advance", {"seconds": -5}, "seconds"),
        ("/_sim/clock/advance", {"seconds": "5"}, "seconds"),
        ("/_sim/clock/advance", {}, "lacks seconds"),
        ("/_sim/clock/speed", {"speed": True}, "speed"),
        ("/_sim/streams/cut", {"after": 0}, "at least 1"),
        ("/_sim/streams/cut", {"after": 1.5}, "whole number"),
        ("/_sim/clock/advance", [1], "JSON object"),
    ],
)
def test_bad_control_bodies_say_what_is_wrong(
    client: TestClient, path: str, body: Any, needle: str
) -> None:
    response = client.post(path, json=body)
    assert response.status_code == 400
    error = error_of(response)
    assert error["code"] == "invalid_request" and needle in error["message"]


@CONTROL
def test_a_body_that_is_not_json_is_a_bad_request(client: TestClient) -> None:
    response = client.post("/_sim/clock/advance", content=b"{nope")
    assert error_of(response)["code"] == "invalid_request"


# -- faults ---------------------------------------------------------------------------


@CONTROL
def test_a_503_fault_for_the_next_two_gets_of_a_path(client: TestClient, api: Api) -> None:
    rule = {"method": "GET", "path": "/v1/catalog/regions", "times": 2, "status": 503}
    armed = ok(client.post("/_sim/faults", json=rule), 201)["faults"]
    assert armed == [{**rule, "kind": "status", "retry_after": None, "delay": 0.0, "code": None,
                      "remaining": 2}]  # fmt: skip

    statuses = [api.get("/v1/catalog/regions").status_code for _ in range(3)]

    assert statuses == [503, 503, 200]
    assert ok(client.get("/_sim/faults")) == {"faults": []}


@CONTROL
def test_faults_of_every_kind_can_be_injected_and_cleared(
    client: TestClient, api: Api, sim: Simulator
) -> None:
    rules = [
        {"path": "/v1/catalog/skus", "status": 429, "retry_after": 7},
        {"path": "/v1/catalog/regions", "kind": "html"},
        {"path": "/v1/auth/whoami", "kind": "expire_token"},
        {"path": "/v1/health", "kind": "latency", "delay": 0.01},
        {"path": "/v1/allocations", "method": "POST", "kind": "drop", "times": None},
    ]
    ok(client.post("/_sim/faults", json=rules), 201)
    assert [f["remaining"] for f in ok(client.get("/_sim/faults"))["faults"]] == [1, 1, 1, 1, None]

    throttled = api.get("/v1/catalog/skus")
    assert (throttled.status_code, throttled.headers["Retry-After"]) == (429, "7")
    assert "<h1>502 Bad Gateway</h1>" in api.get("/v1/catalog/regions").text
    assert error_of(api.get("/v1/auth/whoami"))["code"] == "token_expired"
    assert api.get("/v1/health").status_code == 200
    for _ in range(2):  # the drop stays armed for the whole run; the work is done each time
        with pytest.raises(ConnectionDropped):
            api.create()
    assert len(sim.allocations) == 2

    assert ok(client.delete("/_sim/faults")) == {"faults": []}
    assert api.create().status_code == 201


@CONTROL
@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ({"kind": "meltdown"}, "unknown fault kind"),
        ({"status": 200}, "4xx or 5xx"),
        ({"times": 0}, "at least 1"),
        ({"pathh": "/v1/health"}, "unknown fault field(s) pathh"),
        ({"kind": "latency"}, "positive `delay`"),
        ({"code": "not_a_code"}, "error catalog"),
        ([], "no rule given"),
        (["/v1/health"], "JSON object"),
    ],
)
def test_bad_fault_rules_are_refused_with_the_reason(
    client: TestClient, sim: Simulator, body: Any, reason: str
) -> None:
    response = client.post("/_sim/faults", json=body)
    assert response.status_code == 422
    error = error_of(response)
    assert error["code"] == "validation_error"
    assert reason in error["details"]["errors"][0]["reason"]
    assert sim.faults.armed() == []


@pytest.mark.sim_config(control_api=True, rate_limit_per_minute=2)
def test_control_requests_are_not_faulted_logged_or_rate_limited(
    client: TestClient, sim: Simulator
) -> None:
    ok(client.post("/_sim/faults", json={"times": None, "status": 500}), 201)
    for _ in range(5):
        response = client.get("/_sim/clock")
        assert response.status_code == 200
        assert "X-RateLimit-Limit" not in response.headers
        assert response.headers["X-Correlation-ID"]
    assert client.get("/v1/health").status_code == 500  # the platform itself is faulted
    assert [r.path for r in sim.requests_log] == ["/v1/health"]


# -- tokens, streams, reset -----------------------------------------------------------


@CONTROL
def test_expiring_tokens_makes_every_access_token_expired(client: TestClient, api: Api) -> None:
    assert api.get("/v1/auth/whoami").status_code == 200

    ok(client.post("/_sim/tokens/expire"))

    assert error_of(api.get("/v1/auth/whoami"))["code"] == "token_expired"


@CONTROL
def test_cutting_streams_after_n_events_and_stopping(
    client: TestClient, api: Api, sim: Simulator
) -> None:
    api.create()
    sim.clock.advance(10)  # pending, provisioning, active: three events

    assert ok(client.post("/_sim/streams/cut", json={"after": 2})) == {"after": 2}
    with api.client.stream(
        "GET", "/v1/events/stream", headers={**api.auth, "Last-Event-ID": "0"}
    ) as response:
        assert [e.id for e in events_of(frames_of(response))] == ["1", "2"]

    assert ok(client.post("/_sim/streams/cut", json={"after": None})) == {"after": None}
    assert sim.stream_cut_after is None


@CONTROL
def test_reset_goes_back_to_the_seed_state(client: TestClient, api: Api, sim: Simulator) -> None:
    api.create()
    ok(client.post("/_sim/clock/advance", json={"seconds": 3600}))
    ok(client.post("/_sim/clock/speed", json={"speed": 0.5}))
    ok(client.post("/_sim/faults", json={"path": "/v1/health", "times": None}), 201)
    ok(client.post("/_sim/streams/cut", json={"after": 1}))

    answer = ok(client.post("/_sim/reset"))

    assert answer["speed"] == sim.config.clock_speed == 0
    assert sim.allocations == {} and sim.faults.armed() == [] and sim.stream_cut_after is None
    assert error_of(api.get("/v1/allocations"))["code"] == "token_invalid"  # tokens are gone
    assert client.get("/v1/health").status_code == 200


# -- logs -----------------------------------------------------------------------------


@CONTROL
def test_the_request_log_is_newest_last_with_a_limit_and_no_secrets(
    client: TestClient, api: Api, tokens: dict[str, Any]
) -> None:
    api.get("/v1/catalog/regions", headers={"Idempotency-Key": "k-1"})
    api.get("/v1/catalog/skus")

    logged = ok(client.get("/_sim/requests", params={"limit": 2}))["requests"]

    assert [r["path"] for r in logged] == ["/v1/catalog/regions", "/v1/catalog/skus"]
    assert logged[0]["method"] == "GET" and logged[0]["headers"]["idempotency-key"] == "k-1"
    assert logged[1]["headers"]["authorization"] == "Bearer <redacted>"
    assert tokens["access_token"] not in json.dumps(logged)
    everything = ok(client.get("/_sim/requests"))["requests"]
    assert everything[0]["path"] == "/v1/auth/login"
    bad = client.get("/_sim/requests", params={"limit": 0})
    assert error_of(bad)["details"]["parameter"] == "limit"


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with Receiver(statuses=[500, 200]) as r:
        yield r


@pytest.mark.sim_config(control_api=True, webhook_poll_interval=0.01, webhook_retry_base_delay=10.0)
def test_webhook_attempts_show_every_try_with_its_signature(
    client: TestClient, api: Api, sim: Simulator, receiver: Receiver
) -> None:
    body = {"url": receiver.url, "event_types": ["allocation.status_changed"]}
    webhook = ok(api.post("/v1/webhooks", json=body), 201)["webhook"]
    try:
        api.create()  # its `pending` event is delivered: 500 first
        receiver.wait_for(1)
        eventually(lambda: ok(client.get("/_sim/webhooks/attempts"))["attempts"])
        sim.clock.advance(10)  # the retry is due, and two more events happened
        receiver.wait_for(2)

        def attempts() -> list[dict[str, Any]]:
            rows: list[dict[str, Any]] = ok(client.get("/_sim/webhooks/attempts"))["attempts"]
            return rows if len(rows) >= 4 else []

        rows = eventually(attempts)
    finally:
        sim.close()
    first, retry = [r for r in rows if r["event_id"] == rows[0]["event_id"]][:2]
    assert (first["attempt"], first["status_code"], first["error"]) == (1, 500, "HTTP 500")
    assert (retry["attempt"], retry["status_code"], retry["error"]) == (2, 200, None)
    assert first["webhook_id"] == webhook["id"] and first["url"] == receiver.url
    assert first["event_type"] == "allocation.status_changed"
    sent = receiver.received[0].headers
    assert first["signature"] == sent["GPUaaS-Signature"]
    assert first["response"] == "" and first["at"] <= retry["at"]


# -- signatures over buffered bodies --------------------------------------------------


@pytest.fixture
def signer(client: TestClient, auth: dict[str, str]) -> dict[str, Any]:
    account = new_account(client, auth, signing=True)
    grant = exchange(client, assertion(account)).json()
    return {**account, "bearer": {"Authorization": f"Bearer {grant['access_token']}"}}


def _signed_post(
    client: TestClient, signer: dict[str, Any], path: str, body: bytes, signed_body: bytes
) -> httpx.Response:
    headers = {
        **signer["bearer"],
        "Content-Type": "application/json",
        **signed(signer["secret"], "POST", path, signed_body),
    }
    return client.post(path, content=body, headers=headers)


def test_the_body_of_a_route_that_never_reads_it_is_checked(
    client: TestClient, signer: dict[str, Any], sim: Simulator
) -> None:
    create = json.dumps({"sku": "h200-sxm-slice", "gpus_total": 1}).encode()
    allocation_id = _signed_post(client, signer, "/v1/allocations", create, create).json()["id"]
    release = f"/v1/allocations/{allocation_id}/release"
    smuggled = b'{"anything": "the signature never covered"}'

    refused = _signed_post(client, signer, release, smuggled, b"")

    assert (refused.status_code, error_of(refused)["code"]) == (401, "signature_invalid")
    assert sim.allocations[allocation_id].status_at(sim.clock.now()) == "pending"
    accepted = _signed_post(client, signer, release, smuggled, smuggled)
    assert accepted.status_code == 200, accepted.text


def test_a_large_signed_body_is_buffered_and_still_reaches_the_route(
    client: TestClient, signer: dict[str, Any], sim: Simulator
) -> None:
    body = json.dumps({"sku": "h200-sxm-slice", "gpus_total": 1}).encode() + b" " * (3 << 20)

    created = _signed_post(client, signer, "/v1/allocations", body, body)

    assert created.status_code == 201, created.text
    assert list(sim.allocations) == [created.json()["id"]]
    tampered = body[:-1] + b"\n"
    refused = _signed_post(client, signer, "/v1/allocations", tampered, body)
    assert error_of(refused)["code"] == "signature_invalid"
    assert len(sim.allocations) == 1


# -- Date -----------------------------------------------------------------------------


def test_the_date_header_is_the_simulated_clock(client: TestClient, sim: Simulator) -> None:
    sim.clock.advance(7 * 24 * 3600)

    response = client.get("/v1/health")
    missing = client.get("/v1/nowhere")  # errors are dated too

    expected = formatdate(sim.clock.now().timestamp(), usegmt=True)
    assert response.headers["Date"] == missing.headers["Date"] == expected


# -- over real HTTP -------------------------------------------------------------------


def test_the_control_api_over_real_http() -> None:
    sim = Simulator(SimConfig(clock_speed=0, control_api=True))
    try:
        with serve_in_thread(sim) as server, httpx.Client(base_url=server.base_url) as http:
            rule = {"method": "GET", "path": "/v1/health", "times": 2, "status": 503}
            assert http.post("/_sim/faults", json=rule).status_code == 201
            statuses = [http.get("/v1/health").status_code for _ in range(3)]
            assert statuses == [503, 503, 200]

            advanced = http.post("/_sim/clock/advance", json={"seconds": 86_400}).json()
            health = http.get("/v1/health")
            assert health.headers.get_list("date") == [health.headers["Date"]]  # only ours
            served = parsedate_to_datetime(health.headers["Date"])
            assert served == _parse(advanced["now"]).replace(microsecond=0)
            logged = http.get("/_sim/requests").json()["requests"]
            assert [r["path"] for r in logged] == ["/v1/health"] * 4
    finally:
        sim.close()

    off = Simulator(SimConfig(clock_speed=0))
    with serve_in_thread(off) as server:
        response = httpx.post(server.base_url + "/_sim/reset")
    assert (response.status_code, response.json()["error"]["code"]) == (404, "not_found")
    off.close()


def test_the_command_line_turns_it_on() -> None:
    from gpuaas_sim.cli import parse_args

    assert parse_args(["--control-api"]).control_api is True
    assert parse_args([]).control_api is False
