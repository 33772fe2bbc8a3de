"""The simulator conforms to its contract: schemathesis runs every operation of the bundle.

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

from gpuaas_sim import SimConfig, Simulator, serve_in_thread

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

[auth.openapi.bearerAuth]
bearer = "${GPUAAS_SIM_TOKEN}"
"""


def count_operations(contract: Path) -> int:
    paths = yaml.safe_load(contract.read_text())["paths"]
    return sum(1 for item in paths.values() for method in item if method in HTTP_METHODS)


def test_simulator_conforms_to_contract(contract_path: Path, tmp_path: Path) -> None:
    # A 100x clock lets stateful scenarios see allocations turn active; the rate limiter
    # must not trip, and the one token must outlive the run.
    sim = Simulator(SimConfig(clock_speed=100, rate_limit_per_minute=10**9, access_token_ttl=10**9))
    config, report = tmp_path / "schemathesis.toml", tmp_path / "report.json"
    config.write_text(CONFIG)
    started = time.monotonic()
    with serve_in_thread(sim) as server:
        grant = httpx.post(
            f"{server.base_url}/v1/auth/login", json={"username": "dev-user", "password": "dev123"}
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
    elapsed = time.monotonic() - started
    assert report.is_file(), run.stdout + run.stderr
    result = json.loads(report.read_text())
    operations = count_operations(contract_path)
    print(
        f"\nschemathesis: {result['operations']['tested']}/{operations} operations, "
        f"{result['test_cases']['generated']} cases, {len(result['failures'])} failures, "
        f"{len(result['errors'])} errors, {elapsed:.1f}s"
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert result["failures"] == [] and result["errors"] == []
    assert result["operations"]["tested"] == result["operations"]["total"] == operations
    assert {phase: result["phases"][phase]["status"] for phase in PHASES} == dict.fromkeys(
        PHASES, "success"
    )
    assert result["test_cases"]["generated"] > 10 * operations
