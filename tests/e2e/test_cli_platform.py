"""`gpuaas doctor`, events, billing, the catalog and the rest of the platform, end to end."""

from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest
from typer.testing import CliRunner

from gpuaas_sdk import Client
from gpuaas_sdk.cli.app import build, hoisted
from gpuaas_sdk.cli.session import start as fresh_session
from gpuaas_sim import Simulator

from .gpuaas_cli import as_json, gpuaas, start

SKU = "h200-sxm-slice"


def test_doctor_checks_the_platform_and_makes_a_round_trip(env: str, sim: Simulator) -> None:
    report = as_json(gpuaas("doctor", "--round-trip", "-o", "json"))

    assert list(report) == ["base_url", "health", "whoami", "balance", "round_trip"]
    assert (report["base_url"], report["health"]["status"]) == (env, "ok")
    assert report["whoami"]["display_name"] == "dev-user"
    assert report["balance"]["currency"] == "USD"
    trip = report["round_trip"]
    assert trip["states"][-1] == "released" and "active" in trip["states"]
    assert (trip["sku"], trip["released"]) == (SKU, True)
    assert sim.allocations[trip["allocation_id"]].lease_seconds == 300


def test_python_m_gpuaas_sdk_is_the_doctors_alias(env: str) -> None:
    doctor = gpuaas("doctor")
    alias = subprocess.run(
        [sys.executable, "-m", "gpuaas_sdk"], capture_output=True, text=True, timeout=60
    )

    assert doctor.returncode == alias.returncode == 0, doctor.stderr + alias.stderr
    assert doctor.stdout == alias.stdout
    assert doctor.stdout.splitlines()[0] == f"health: ok (platform 1.0.0) at {env}"


def test_events_tail_prints_each_event_as_it_happens(
    env: str, sim: Simulator, client: Client
) -> None:
    tail = start("events", "tail", "--type", "allocation.status_changed", "--count", "3",
                 "-o", "json")  # fmt: skip
    deadline = time.monotonic() + 60
    while not any(r.path == "/v1/events/stream" for r in sim.requests_log):
        assert time.monotonic() < deadline and tail.poll() is None, "the stream was not opened"
        time.sleep(0.02)
    alloc = client.allocations.create(sku=SKU, gpus_total=1)

    out, err = tail.communicate(timeout=60)

    assert tail.returncode == 0, err
    events = [json.loads(line) for line in out.splitlines()]
    assert [(e["allocation_id"], e["status"]) for e in events] == [
        (alloc.id, "pending"),
        (alloc.id, "provisioning"),
        (alloc.id, "active"),
    ]


def test_billing_shows_the_balance_and_the_usage_since_a_time(
    env: str, sim: Simulator, client: Client
) -> None:
    alloc = client.allocations.create(sku=SKU, gpus_total=1).wait()
    sim.clock.advance(3600)

    usage = as_json(gpuaas("billing", "usage", "--since", "2h", "-o", "json"))
    none_yet = as_json(gpuaas("billing", "usage", "--since", "2099-01-01T00:00:00Z", "-o", "json"))
    balance = as_json(gpuaas("billing", "balance", "-o", "json"))

    assert {u["allocation_id"] for u in usage} == {alloc.id}
    assert sum(u["cost_minor"] for u in usage) > 0
    assert none_yet == []
    assert balance["currency"] == "USD" and balance["amount_minor"] < 500_000


def test_catalog_finds_the_cheapest_placement_and_quotes_it(env: str) -> None:
    found = as_json(gpuaas("catalog", "find", "h200:8", "-o", "json"))
    quote = as_json(gpuaas("catalog", "quote", "h200:8", "--hours", "2", "-o", "json"))
    none = gpuaas("catalog", "find", "h200:1000")

    assert (found["sku"]["id"], found["gpus_total"]) == (SKU, 8)
    assert found["price_per_hour_minor"] == 8 * found["sku"]["price_per_gpu_hour_minor"]
    assert (quote["sku"], quote["gpus_total"], quote["hours"]) == (SKU, 8, 2.0)
    assert quote["total_minor"] == 2 * found["price_per_hour_minor"]
    assert none.returncode == 6 and "code=no_capacity" in none.stderr


@pytest.mark.parametrize(
    "command",
    [
        ("health",),
        ("catalog", "list"),
        ("catalog", "regions"),
        ("projects", "list"),
        ("projects", "members", "prj-default"),
        ("ssh-keys", "list"),
        ("service-accounts", "list"),
        ("webhooks", "list"),
        ("fleets", "list"),
        ("reservations", "list"),
        ("volumes", "list"),
        ("spend-grants", "list"),
        ("iam", "tenants", "list"),
        ("iam", "roles", "list"),
        ("apps", "catalog", "list"),
        ("apps", "instances", "list"),
        ("apps", "artifacts", "jupyter-cuda-dev"),
        ("apps", "entitlements", "jupyter-cuda-dev"),
        ("storage", "usage"),
        ("billing", "refunds"),
    ],
    ids=" ".join,
)
def test_the_rest_of_the_platform_lists_and_shows(env: str, command: tuple[str, ...]) -> None:
    """In this process (Click's runner) against the simulator: every area, quickly."""
    for output in ("json", "table"):
        fresh_session()
        result = CliRunner().invoke(build(), hoisted([*command, "-o", output]), prog_name="gpuaas")

        assert result.exit_code == 0, result.output
        if output == "json":
            assert isinstance(json.loads(result.stdout), list | dict)
        else:
            assert result.stdout.strip()


def test_an_admin_area_refuses_a_member_with_exit_5(env: str) -> None:
    result = gpuaas("nodes", "list")

    assert result.returncode == 5
    assert "code=insufficient_permissions" in result.stderr
