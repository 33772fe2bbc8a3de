"""How a `gpuaas` run ends: one line per failure, and the exit code of its kind."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
import pytest
import respx

from gpuaas_sdk.cli.exits import EXIT_CODES, exit_code_for
from gpuaas_sdk.errors import WaitTimeoutError
from gpuaas_sdk.resources._sync.allocations import AllocationsResource

from .cli_runner import Run, runner
from .conftest import envelope

DOCS = Path(__file__).resolve().parents[2] / "docs" / "cli.md"


@pytest.fixture
def gpuaas(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Run:
    return runner(monkeypatch, tmp_path)


@pytest.mark.parametrize(
    ("answer", "exit_code"),
    [
        (envelope("validation_error", status=422), 1),
        (envelope("budget_exceeded", status=402), 4),
        (envelope("insufficient_balance", status=402), 4),
        (envelope("quota_exceeded", status=403), 4),
        (envelope("token_invalid", status=401), 5),
        (envelope("insufficient_permissions", status=403), 5),
        (envelope("allocation_not_found", status=404), 6),
        (envelope("internal_error", status=500), 8),
    ],
)
def test_each_kind_of_failure_has_its_exit_code_and_one_line(
    gpuaas: Run,
    api: respx.MockRouter,
    sleeps: list[float],
    answer: httpx.Response,
    exit_code: int,
) -> None:
    api.get("/v1/allocations/alloc-1").mock(return_value=answer)

    result = gpuaas("allocations", "get", "alloc-1")

    assert result.exit_code == exit_code
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith("gpuaas allocations get: error: ")
    assert "correlation_id=corr-1" in line


def test_an_unreachable_platform_is_unavailable(
    gpuaas: Run, api: respx.MockRouter, sleeps: list[float]
) -> None:
    api.get("/v1/allocations").mock(side_effect=httpx.ConnectError("refused"))

    result = gpuaas("allocations", "list")

    assert result.exit_code == 8
    (line,) = result.stderr.splitlines()
    assert line.startswith("gpuaas allocations list: error: connection failed")


def test_no_credentials_is_an_auth_failure_saying_how_to_sign_in(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    result = runner(monkeypatch, tmp_path, env={})("billing", "balance")

    assert result.exit_code == 5
    (line,) = result.stderr.splitlines()
    assert line.startswith("gpuaas billing balance: error: no GPUaaS credentials found")


def test_a_wait_that_runs_out_of_time_is_exit_3() -> None:
    ran_out = WaitTimeoutError("still pending", code="wait_timeout", resource="a", state="pending")

    assert exit_code_for(ran_out).code == 3
    assert exit_code_for(TimeoutError()).code == 3


def test_debug_logs_the_requests_and_prints_the_trace(gpuaas: Run, api: respx.MockRouter) -> None:
    api.get("/v1/allocations/alloc-1").mock(
        return_value=envelope("allocation_not_found", status=404)
    )

    result = gpuaas("allocations", "get", "alloc-1", "--debug")

    assert result.exit_code == 6
    assert "Traceback (most recent call last)" in result.stderr
    assert "debug: gpuaas_sdk: GET /v1/allocations/alloc-1 -> 404" in result.stderr
    assert result.stderr.splitlines()[-1].startswith("gpuaas allocations get: error: ")


def test_ctrl_c_exits_130_with_one_line(gpuaas: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    def pressed(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(AllocationsResource, "get", pressed)

    result = gpuaas("allocations", "get", "alloc-1")

    assert result.exit_code == 130
    assert result.stderr == "gpuaas allocations get: interrupted\n"


def test_the_exit_codes_are_those_the_docs_list() -> None:
    documented = re.findall(r"^\| (\d+) \| (\w+) \| (.+) \|$", DOCS.read_text(), re.M)

    assert documented == [(str(c.code), c.name, c.meaning) for c in EXIT_CODES]
