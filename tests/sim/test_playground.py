"""The playground's server side: on only with the control API, its snapshot, its
scenario buttons, and the request log it streams (what each API request was answered)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from gpuaas_sim import Fault, SimConfig, Simulator, serve_in_thread
from gpuaas_sim.web.scenarios import SCENARIOS

from .conftest import Api, error_of, login

pytestmark = pytest.mark.sim_config(control_api=True, playground=True)

ACT = {"X-GPUaaS-Playground": "1"}


def act(client: Any, name: str) -> httpx.Response:
    return client.post(f"/_sim/playground/scenarios/{name}", headers=ACT)


# -- on and off ---------------------------------------------------------------------------


@pytest.mark.sim_config(control_api=True, playground=False)
def test_the_control_api_alone_serves_no_playground(client) -> None:
    assert client.get("/_sim/playground").status_code == 404
    assert client.get("/_sim/clock").status_code == 200


def test_the_playground_needs_the_control_api() -> None:
    with pytest.raises(ValueError, match="the playground is part of the control API"):
        SimConfig(playground=True)


def test_the_command_line_flag_turns_the_control_api_on_and_says_where() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "gpuaas_sim", "--port", "0", "--playground"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert process.stdout is not None
        lines = [process.stdout.readline() for _ in range(5)]
        where = next(line for line in lines if "playground: " in line).split("playground: ")[1]
        assert httpx.get(where.strip(), timeout=5).status_code == 200
    finally:
        process.terminate()
        process.wait(timeout=10)
    assert any("the control API is on" in line for line in lines)


# -- the page and its snapshot --------------------------------------------------------------


def test_the_page_has_a_button_per_scenario_and_allows_only_its_own_inline_code(client) -> None:
    page = client.get("/_sim/playground")

    assert page.status_code == 200
    for scenario in SCENARIOS:
        assert f'data-scenario="{scenario.name}"' in page.text
    policy = page.headers["content-security-policy"]
    assert "script-src 'sha256-" in policy and "style-src 'sha256-" in policy
    assert "unsafe-inline" not in policy


def test_the_snapshot_shows_the_dev_account(api: Api, client, sim: Simulator) -> None:
    created = api.create(gpus_total=2).json()
    api.post("/v1/storage/folders", json={"path": "/data/"})
    sim.clock.advance(60)

    state = client.get("/_sim/playground/state").json()

    assert state["account"] == {"user": "dev-user", "tenant_id": "tnt-acme"}
    assert state["allocations"] == [
        {
            "id": created["id"],
            "status": "active",
            "sku": "h200-sxm-slice",
            "gpus_total": 2,
            "region_code": "us-buffalo-1",
            "failure_reason": None,
        }
    ]
    assert state["balance"]["currency"] == "USD"
    assert state["balance"]["amount_minor"] == sim.balance_minor()
    assert state["storage"]["object_count"] == 1 and state["storage"]["newest_files"] == []
    assert (state["faults"], state["stream_cut_after"]) == ([], None)


# -- scenarios ------------------------------------------------------------------------------


def test_actions_need_the_pages_header(client, sim: Simulator) -> None:
    refused = client.post("/_sim/playground/scenarios/outage")

    assert refused.status_code == 403
    assert error_of(refused)["code"] == "insufficient_permissions"
    assert "X-GPUaaS-Playground" in error_of(refused)["message"]
    assert len(sim.faults) == 0


def test_an_unknown_scenario_is_404_naming_the_known_ones(client) -> None:
    response = act(client, "meteor")

    assert response.status_code == 404
    assert "503-storm" in error_of(response)["message"]


def test_outage_answers_the_proxy_page_until_cleared(api: Api, client) -> None:
    assert act(client, "outage").status_code == 200
    down = [api.get("/v1/catalog/skus") for _ in range(3)]

    cleared = client.post("/_sim/playground/clear", headers=ACT)

    assert [r.status_code for r in down] == [502] * 3
    assert all("<h1>502 Bad Gateway</h1>" in r.text for r in down)
    assert cleared.json()["state"]["faults"] == []
    assert api.get("/v1/catalog/skus").status_code == 200


@pytest.mark.parametrize(
    ("name", "status", "times"), [("503-storm", 503, 3), ("rate-limit-squeeze", 429, 6)]
)
def test_bursts_answer_their_status_with_retry_after_then_stop(
    api: Api, client, name: str, status: int, times: int
) -> None:
    armed = act(client, name).json()["state"]["faults"]
    answers = [api.get("/v1/catalog/skus") for _ in range(times + 1)]

    assert armed == [
        {
            "kind": "status",
            "method": None,
            "path": "/v1/*",
            "status": status,
            "delay": 0.0,
            "remaining": times,
        }
    ]
    assert [r.status_code for r in answers] == [status] * times + [200]
    assert all(r.headers["Retry-After"] == "1" for r in answers[:-1])


def test_slow_responses_delay_every_api_request(client, sim: Simulator) -> None:
    act(client, "slow-responses")

    ((fault, remaining),) = sim.faults.armed()
    assert (fault.kind, fault.path, fault.delay, remaining) == ("latency", "/v1/*", 1.5, None)


def test_drained_capacity_refuses_new_allocations(api: Api, client) -> None:
    act(client, "drained-capacity")

    refused = api.create()

    assert refused.status_code == 409 and error_of(refused)["code"] == "sku_unavailable"


def test_token_expiry_expires_the_tokens_issued_so_far(api: Api, client) -> None:
    act(client, "token-expiry")

    refused = api.get("/v1/allocations")

    assert refused.status_code == 401 and error_of(refused)["code"] == "token_expired"
    assert (
        client.get(
            "/v1/allocations", headers={"Authorization": f"Bearer {login(client)['access_token']}"}
        ).status_code
        == 200
    )


def test_stream_cut_cuts_event_streams_until_cleared(client, sim: Simulator) -> None:
    act(client, "stream-cut")
    cut = sim.stream_cut_after

    client.post("/_sim/playground/clear", headers=ACT)

    assert (cut, sim.stream_cut_after) == (2, None)


# -- the live feed, over real HTTP ------------------------------------------------------------


@pytest.fixture
def served() -> Iterator[tuple[Simulator, str]]:
    sim = Simulator(SimConfig(clock_speed=0, control_api=True, playground=True))
    with serve_in_thread(sim) as server:
        yield sim, server.base_url
    sim.close()


class Feed:
    """The playground's event stream, read frame by frame."""

    def __init__(self, lines: Iterator[str]) -> None:
        self.lines = lines

    def first(self, *kinds: str) -> dict[str, Any]:
        """The data of the next frame of each of `kinds`, in whatever order they come."""
        found: dict[str, Any] = {}
        current = None
        for line in self.lines:
            if line.startswith("event: "):
                current = line.removeprefix("event: ")
            elif line.startswith("data: ") and current in kinds and current not in found:
                found[current] = json.loads(line.removeprefix("data: "))
                if len(found) == len(kinds):
                    return found
        raise AssertionError(f"the feed ended before frames of {set(kinds) - found.keys()}")


def test_the_feed_shows_each_api_request_as_answered_and_nothing_else(served) -> None:
    sim, base = served
    grant = httpx.post(f"{base}/v1/auth/login", json={"username": "dev-user", "password": "dev123"})
    bearer = {"Authorization": f"Bearer {grant.json()['access_token']}"}
    sim.faults.add(Fault(path="/v1/catalog/regions", status=503))
    sim.faults.add(Fault(path="/v1/allocations", method="GET", kind="drop"))
    answered = httpx.get(f"{base}/v1/catalog/skus?limit=1", headers=bearer)
    storm = httpx.get(f"{base}/v1/catalog/regions", headers=bearer)
    with pytest.raises(httpx.TransportError):
        httpx.get(f"{base}/v1/allocations", headers=bearer)
    httpx.get(f"{base}/_sim/clock")
    httpx.get(f"{base}/assets/terminal.js")
    httpx.get(f"{base}/terminal/alloc-1")

    with httpx.stream("GET", f"{base}/_sim/playground/feed", timeout=10) as stream:
        feed = Feed(stream.iter_lines())
        hello = feed.first("hello")["hello"]
        first_state = feed.first("state")["state"]
        created = httpx.post(
            f"{base}/v1/allocations",
            json={"sku": "h200-sxm-slice", "gpus_total": 1},
            headers=bearer,
        ).json()
        news = feed.first("request", "event", "state")
    live, event, state = news["request"], news["event"], news["state"]

    seen = [(r["method"], r["path"], r["status"], r["outcome"]) for r in hello["requests"]]
    assert seen == [
        ("POST", "/v1/auth/login", 200, "answered"),
        ("GET", "/v1/catalog/skus", 200, "answered"),
        ("GET", "/v1/catalog/regions", 503, "answered"),
        ("GET", "/v1/allocations", 200, "dropped"),
    ]
    ids = [r["correlation_id"] for r in hello["requests"][1:3]]
    assert ids == [answered.headers["X-Correlation-ID"], storm.headers["X-Correlation-ID"]]
    assert all(r["latency_ms"] >= 0 for r in hello["requests"])
    assert first_state["allocations"] == []
    assert (live["method"], live["path"], live["status"]) == ("POST", "/v1/allocations", 201)
    assert (event["type"], event["allocation_id"]) == ("allocation.status_changed", created["id"])
    assert [a["id"] for a in state["allocations"]] == [created["id"]]
    assert grant.json()["access_token"] not in json.dumps([hello, live, state])
