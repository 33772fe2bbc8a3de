"""The simulator conforms to its contract: schemathesis runs every operation it serves.

The contract describes the whole platform; the simulator grows into it. The run covers
every contract operation that the simulator routes (by method and path template), and
the test reports which are not simulated yet.

Why the CLI and not `@schema.parametrize()`: the contract is bundled by a session
fixture, and schemathesis 4.32.5's fixture-backed loader
(`schemathesis.pytest.from_fixture`) fails on pytest 9.2 (`Function._nodeid` no
longer exists). `schemathesis run` against `serve_in_thread` runs all four phases
(examples, coverage, fuzzing, stateful over the contract's links) with every
default check, over real HTTP, and writes a JSON report we assert on.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import yaml
from starlette.routing import Route

from gpuaas_sim import SimConfig, Simulator, serve_in_thread
from gpuaas_sim.http.app import routes as build_routes

HERE = Path(__file__).resolve().parent
PHASES = ("examples", "coverage", "fuzzing", "stateful")
HTTP_METHODS = {"get", "put", "post", "delete", "patch", "head", "options", "trace"}

# `${GPUAAS_SIM_TOKEN}` keeps the bearer token out of the command line and the output.
CONFIG = """
workers = 1
continue-on-failure = true

[cache]
enabled = false

[generation]
deterministic = true
max-examples = 20
database = "none"

[phases.stateful]
max-steps = 20

# Bodies with rules across fields or across resources that no schema states, so a
# schema-valid body can still be rightly refused with 422: a part of the wrong size for
# its upload, a refund above what is left of its charge, a rename from a folder to a
# file path, a project role granted on a tenant, a project member from outside the
# tenant, an expiry already past, a volume attached at a mount point already in use or to
# an allocation of another region, more GPUs than the SKU's `gpus_per_node` or a region
# where it is not offered, a reservation starting in the past, a fleet's `min_count`
# above its `count`, a grant expiring beyond 90 days. (In positive cases the hooks fix
# these values where they can; the stateful phase fills bodies from earlier answers.)
[[operations]]
include-operation-id = [
    "uploadPart", "completeMultipartUpload", "startMultipartUpload",
    "createRefund", "renameStorageObject",
    "addTenantMembership", "addProjectMembership", "grantAppEntitlement",
    "attachVolume", "createCapacityWatch", "createCapacityHold", "createReservation",
    "createFleet", "createSpendGrant",
]
checks.positive_data_acceptance.expected-statuses = [
    "2xx", "3xx", "401", "403", "404", "409", "422", "429", "5xx",
]

[auth.openapi.bearerAuth]
bearer = "${GPUAAS_SIM_TOKEN}"
"""


def contract_operations(contract: Path, *, streaming: bool) -> dict[tuple[str, str], str]:
    """(METHOD, path template) -> operationId of the streaming or the buffered operations.

    Streaming operations (SSE, downloads) are tested by the simulator's own tests.
    """
    paths = yaml.safe_load(contract.read_text())["paths"]
    return {
        (method.upper(), path): op["operationId"]
        for path, item in paths.items()
        for method, op in item.items()
        if method in HTTP_METHODS and bool(op.get("x-streaming")) == streaming
    }


def simulated(sim: Simulator) -> set[tuple[str, str]]:
    return {
        (method, route.path)
        for route in build_routes(sim)
        if isinstance(route, Route)
        for method in route.methods or ()
        if method != "HEAD"
    }


def test_simulator_conforms_to_contract(contract_path: Path, tmp_path: Path) -> None:
    # A 100x clock lets stateful scenarios see allocations turn active; the rate limiter
    # must not trip, and the one token must outlive the run.
    # A balance no run can spend: creates would otherwise be refused once usage ate it.
    sim = Simulator(
        SimConfig(
            clock_speed=100,
            rate_limit_per_minute=10**9,
            access_token_ttl=10**9,
            initial_balance_minor=10**12,
        )
    )
    config, report = tmp_path / "schemathesis.toml", tmp_path / "report.json"
    config.write_text(CONFIG)
    operations = contract_operations(contract_path, streaming=False)
    streams = contract_operations(contract_path, streaming=True)
    served = simulated(sim) - streams.keys()
    assert served <= operations.keys(), f"routes outside the contract: {served - operations.keys()}"
    included = sorted(operations[key] for key in served)
    started = time.monotonic()
    with serve_in_thread(sim) as server:
        grant = httpx.post(
            # The tenant and platform admin: every operation is open to it, so none is
            # only ever answered with 403.
            f"{server.base_url}/v1/auth/login",
            json={"username": "admin-user", "password": "admin123"},
        )
        token = grant.json()["access_token"]
        run = subprocess.run(
            [
                sys.executable,
                "-m",
                "schemathesis.cli",
                "--config-file",
                str(config),
                "run",
                str(contract_path),
                "--url",
                server.base_url,
                *(arg for op in included for arg in ("--include-operation-id", op)),
                "--phases",
                ",".join(PHASES),
                "--report",
                "json",
                "--report-json-path",
                str(report),
                "--no-color",
            ],
            env={
                **os.environ,
                "GPUAAS_SIM_TOKEN": token,
                "SCHEMATHESIS_HOOKS": "schemathesis_hooks",
                "PYTHONPATH": os.pathsep.join(
                    filter(None, [str(HERE), os.environ.get("PYTHONPATH")])
                ),
            },
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )
        # Logout was exercised on logins of its own: the run's token still works.
        whoami = httpx.get(
            f"{server.base_url}/v1/auth/whoami", headers={"Authorization": f"Bearer {token}"}
        )
    sim.close()  # stops the webhook delivery thread
    elapsed = time.monotonic() - started
    assert report.is_file(), run.stdout + run.stderr
    result = json.loads(report.read_text())
    missing = sorted(operations[key] for key in operations.keys() - served)
    print(
        f"\nschemathesis: {result['operations']['tested']} operations "
        f"({len(missing)} of the contract's {len(operations)} not simulated yet), "
        f"{result['test_cases']['generated']} cases, {len(result['failures'])} failures, "
        f"{len(result['errors'])} errors, {elapsed:.1f}s"
    )
    assert whoami.status_code == 200, whoami.text
    assert run.returncode == 0, run.stdout + run.stderr
    assert result["failures"] == [] and result["errors"] == []
    assert result["operations"]["tested"] == len(included)
    assert {phase: result["phases"][phase]["status"] for phase in PHASES} == dict.fromkeys(
        PHASES, "success"
    )
    assert result["test_cases"]["generated"] > 10 * len(included)
