"""The simulator against its contract: schemathesis drives every operation of the bundle."""

from __future__ import annotations

from pathlib import Path

import pytest
import schemathesis
from hypothesis import settings
from starlette.testclient import TestClient

from gpuaas_sim import SimConfig, Simulator

pytestmark = pytest.mark.sim


@pytest.fixture(scope="module")
def conformance_sim() -> Simulator:
    # A clock 100x fast makes allocations active within a stateful scenario; the rate
    # limiter must never trip, and tokens must outlive the run.
    return Simulator(
        SimConfig(clock_speed=100, rate_limit_per_minute=10**9, access_token_ttl=10**9)
    )


@pytest.fixture(scope="module")
def api_schema(contract_path: Path, conformance_sim: Simulator) -> schemathesis.BaseSchema:
    with TestClient(conformance_sim.app) as client:
        grant = client.post("/v1/auth/login", json={"username": "dev-user", "password": "dev123"})
    config = schemathesis.Config.from_dict(
        {
            "workers": 1,
            "generation": {"deterministic": True, "max-examples": 5, "database": "none"},
            "phases": {
                "examples": {"enabled": True},
                "coverage": {"enabled": True},
                "fuzzing": {"enabled": True},
                "stateful": {"enabled": True, "max-steps": 10},
            },
            "auth": {"openapi": {"bearerAuth": {"bearer": grant.json()["access_token"]}}},
        }
    )
    schema = schemathesis.openapi.from_path(contract_path, config=config)
    schema.app = conformance_sim.app
    return schema


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
def test_every_operation_conforms(case: schemathesis.Case) -> None:
    case.call_and_validate()


def test_stateful_scenarios_conform(api_schema: schemathesis.BaseSchema) -> None:
    machine = api_schema.as_state_machine()
    machine.run(settings=settings(max_examples=10, derandomize=True, database=None, deadline=None))
