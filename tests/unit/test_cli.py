"""The `gpuaas` command line parsed and run with Click's runner, the platform faked by respx."""

from __future__ import annotations

import json
import re
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from gpuaas_sdk.cli.app import build, hoisted
from gpuaas_sdk.cli.exits import EXIT_CODES
from gpuaas_sdk.cli.session import start

from .conftest import BASE, allocation_json, envelope

DOCS = Path(__file__).resolve().parents[2] / "docs" / "cli.md"


@pytest.fixture
def gpuaas(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):  # type: ignore[no-untyped-def]
    """Run one command line as the console script would (options hoisted, a fresh session)."""
    for name in ("GPUAAS_USERNAME", "GPUAAS_PASSWORD", "GPUAAS_PROFILE"):
        monkeypatch.delenv(name, raising=False)
    env = {"GPUAAS_BASE_URL": BASE, "GPUAAS_TOKEN": "tok", "XDG_CONFIG_HOME": str(tmp_path)}

    def run(*args: str):  # type: ignore[no-untyped-def]
        start()
        return CliRunner().invoke(build(), hoisted(args), env=env, prog_name="gpuaas")

    return run


def test_common_options_may_come_after_the_command() -> None:
    assert hoisted(["allocations", "list", "-o", "json", "--debug"]) == [
        "-o", "json", "--debug", "allocations", "list",
    ]  # fmt: skip
    assert hoisted(["storage", "ls", "--output=yaml", "--", "-o"]) == [
        "--output=yaml", "storage", "ls", "--", "-o",
    ]  # fmt: skip


@pytest.mark.parametrize(
    "args",
    [
        ("-o", "xml", "allocations", "list"),
        ("allocations", "release"),
        ("allocations", "release", "alloc-1", "--all-mine"),
        ("allocations", "create"),
        ("allocations", "create", "--sku", "h200-sxm-slice", "--label", "novalue"),
        ("allocations", "nope"),
    ],
)
def test_a_wrong_command_line_exits_2_and_sends_nothing(gpuaas, api, args) -> None:  # type: ignore[no-untyped-def]
    result = gpuaas(*args)

    assert result.exit_code == 2, result.output
    assert not api.calls


def test_json_output_is_the_platforms_object(gpuaas, api) -> None:  # type: ignore[no-untyped-def]
    api.get("/v1/allocations/alloc-1").mock(
        return_value=httpx.Response(200, json=allocation_json("alloc-1", "active"))
    )

    as_json = gpuaas("allocations", "get", "alloc-1", "-o", "json")
    as_yaml = gpuaas("allocations", "get", "alloc-1", "-o", "yaml")
    as_table = gpuaas("allocations", "get", "alloc-1")

    shown, sent = json.loads(as_json.stdout), allocation_json("alloc-1", "active")
    assert shown.keys() == sent.keys()
    assert (shown["id"], shown["status"], shown["labels"]) == ("alloc-1", "active", {})
    assert as_yaml.stdout.startswith("id: alloc-1\nstatus: active\n")
    assert re.search(r"STATUS\s+active", as_table.stdout)


@pytest.mark.parametrize(
    ("answer", "exit_code"),
    [
        (envelope("allocation_not_found", status=404), 6),
        (envelope("budget_exceeded", status=402), 4),
        (envelope("token_invalid", status=401), 5),
        (envelope("internal_error", status=500), 8),
        (envelope("validation_error", status=422), 1),
    ],
)
def test_each_kind_of_failure_has_its_exit_code_and_one_line(  # type: ignore[no-untyped-def]
    gpuaas, api, answer, exit_code
) -> None:
    api.get("/v1/allocations/alloc-1").mock(return_value=answer)

    result = gpuaas("allocations", "get", "alloc-1")

    assert result.exit_code == exit_code
    (line,) = result.stderr.splitlines()
    assert line.startswith("gpuaas allocations get: error: ")
    assert "correlation_id=corr-1" in line


def test_the_exit_codes_are_those_the_docs_list() -> None:
    documented = re.findall(r"^\| (\d+) \| (\w+) \| (.+) \|$", DOCS.read_text(), re.M)

    assert documented == [(str(c.code), c.name, c.meaning) for c in EXIT_CODES]


def test_version_needs_no_credentials(gpuaas) -> None:  # type: ignore[no-untyped-def]
    from gpuaas_sdk import __version__

    assert gpuaas("--version").stdout == f"gpuaas-sdk {__version__}\n"
