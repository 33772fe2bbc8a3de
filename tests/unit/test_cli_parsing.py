"""`gpuaas` command lines parsed with Click's runner: what is sent, what is refused."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest
import respx
import typer

from gpuaas_sdk import __version__
from gpuaas_sdk.cli.app import build, hoisted

from .cli_runner import Run, runner
from .conftest import BASE, PRINCIPAL, allocation_json


@pytest.fixture
def gpuaas(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Run:
    return runner(monkeypatch, tmp_path)


def test_common_options_may_come_after_the_command() -> None:
    assert hoisted(["allocations", "list", "-o", "json", "--debug"]) == [
        "-o", "json", "--debug", "allocations", "list",
    ]  # fmt: skip
    assert hoisted(["storage", "ls", "--output=yaml", "--", "-o"]) == [
        "--output=yaml", "storage", "ls", "--", "-o",
    ]  # fmt: skip
    assert hoisted(["--profile", "ci", "doctor"]) == ["--profile", "ci", "doctor"]


@pytest.mark.parametrize(
    "args",
    [
        ("-o", "xml", "allocations", "list"),
        ("allocations", "release"),
        ("allocations", "release", "alloc-1", "--all-mine"),
        ("allocations", "create"),
        ("allocations", "create", "--sku", "h200-sxm-slice", "--label", "novalue"),
        ("allocations", "create", "--sku", "h200-sxm-slice", "--gpus", "0"),
        ("allocations", "create", "--sku", "h200-sxm-slice", "--ready", "soon"),
        ("allocations", "list", "--limit", "0"),
        ("allocations", "nope"),
        ("catalog", "quote", "h200:8"),  # no --hours
        ("storage", "cp", "a.bin", "b.bin"),  # neither side is the platform's
        ("storage", "cp", "gpuaas:/a.bin", "gpuaas:/b.bin"),
        ("auth", "login", "--browser", "--password", "--base-url", BASE),
    ],
)
def test_a_wrong_command_line_exits_2_and_sends_nothing(
    gpuaas: Run, api: respx.MockRouter, args: tuple[str, ...]
) -> None:
    result = gpuaas(*args)

    assert result.exit_code == 2, result.output
    assert not api.calls


def test_create_sends_what_its_options_say(gpuaas: Run, api: respx.MockRouter) -> None:
    route = api.post("/v1/allocations").mock(
        return_value=httpx.Response(201, json=allocation_json("alloc-9", "pending"))
    )

    result = gpuaas(
        "allocations", "create", "--sku", "h100-sxm-slice", "--gpus", "2", "--region",
        "eu-helsinki-1", "--label", "run=ci", "--label", "team=ml", "--max-runtime", "3600",
        "-o", "json",
    )  # fmt: skip

    assert result.exit_code == 0, result.output
    sent = json.loads(route.calls.last.request.content)
    assert sent["sku"] == "h100-sxm-slice" and sent["gpus_total"] == 2
    assert sent["region_code"] == "eu-helsinki-1"
    assert sent["labels"] == {"run": "ci", "team": "ml"}
    assert sent["max_runtime_seconds"] == 3600
    assert "lease_seconds" not in sent
    assert json.loads(result.stdout)["id"] == "alloc-9"


def test_list_asks_for_the_states_and_labels_given(gpuaas: Run, api: respx.MockRouter) -> None:
    route = api.get("/v1/allocations").mock(
        return_value=httpx.Response(200, json={"items": [], "next_cursor": None})
    )

    result = gpuaas("allocations", "list", "--status", "live", "--status", "failed",
                    "--label", "run=ci")  # fmt: skip

    assert result.exit_code == 0, result.output
    query = route.calls.last.request.url.params
    assert query.get_list("status") == ["pending", "provisioning", "active", "failed"]
    assert query.get_list("label") == ["run=ci"]
    assert "created_by" not in query


def test_mine_and_all_mine_ask_the_platform_for_what_the_caller_created(
    gpuaas: Run, api: respx.MockRouter
) -> None:
    api.get("/v1/auth/whoami").mock(return_value=httpx.Response(200, json=PRINCIPAL))
    listed = api.get("/v1/allocations").mock(
        return_value=httpx.Response(
            200, json={"items": [allocation_json("alloc-1")], "next_cursor": None}
        )
    )
    released = api.post("/v1/allocations/alloc-1/release").mock(
        return_value=httpx.Response(200, json=allocation_json("alloc-1", "releasing"))
    )

    dry = gpuaas("allocations", "release", "--all-mine", "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert not released.calls
    done = gpuaas("allocations", "release", "--all-mine", "-o", "json")

    assert done.exit_code == 0, done.output
    assert [a["status"] for a in json.loads(done.stdout)] == ["releasing"]
    for call in listed.calls:
        assert call.request.url.params["created_by"] == "usr-dev-user"
        assert call.request.url.params.get_list("status") == ["pending", "provisioning", "active"]


def test_the_profile_option_picks_a_profile_whatever_the_environment_holds(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / "gpuaas").mkdir()
    (tmp_path / "gpuaas" / "credentials.toml").write_text(
        '[ci]\nbase_url = "https://ci.test"\ntoken = "tok-ci"\n', encoding="utf-8"
    )
    with respx.mock(assert_all_called=False) as platforms:
        ci = platforms.get("https://ci.test/v1/allocations/alloc-1").mock(
            return_value=httpx.Response(200, json=allocation_json())
        )
        # GPUAAS_BASE_URL / GPUAAS_TOKEN point elsewhere: --profile wins over them.
        by_option = runner(monkeypatch, tmp_path)(
            "allocations", "get", "alloc-1", "--profile", "ci"
        )
        # GPUAAS_PROFILE names the profile as it does for Client(): environment credentials
        # would come first, as they would for a script in the same shell.
        by_env = runner(monkeypatch, tmp_path, env={"GPUAAS_PROFILE": "ci"})(
            "allocations", "get", "alloc-1"
        )

    assert (by_option.exit_code, by_env.exit_code) == (0, 0), by_option.output + by_env.output
    assert [c.request.headers["authorization"] for c in ci.calls] == ["Bearer tok-ci"] * 2


def test_an_unknown_profile_is_an_auth_failure_naming_it(gpuaas: Run) -> None:
    result = gpuaas("auth", "whoami", "--profile", "nope")

    assert result.exit_code == 5
    assert result.stderr.startswith("gpuaas auth whoami: error: ")
    assert "nope" in result.stderr


def _commands(app: typer.Typer, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = []
    for info in app.registered_commands:
        assert info.callback is not None
        found.append((*path, info.name or info.callback.__name__.replace("_", "-")))
    for group in app.registered_groups:
        assert group.typer_instance is not None and group.name is not None
        found += _commands(group.typer_instance, (*path, group.name))
    return found


COMMANDS = _commands(build())


def test_every_area_of_the_issue_has_its_commands() -> None:
    assert {
        ("auth", "login"), ("auth", "logout"), ("auth", "whoami"),
        ("catalog", "list"), ("catalog", "find"), ("catalog", "quote"),
        ("allocations", "create"), ("allocations", "list"), ("allocations", "get"),
        ("allocations", "wait"), ("allocations", "ssh"), ("allocations", "connect"),
        ("allocations", "logs"), ("allocations", "release"),
        ("storage", "ls"), ("storage", "cp"), ("storage", "mv"), ("storage", "rm"),
        ("storage", "mkdir"), ("events", "tail"), ("billing", "balance"),
        ("billing", "usage"), ("doctor",),
    } <= set(COMMANDS)  # fmt: skip
    for area in ("projects", "ssh-keys", "service-accounts", "webhooks", "fleets",
                 "reservations", "volumes", "spend-grants", "nodes"):  # fmt: skip
        assert {(area, "list"), (area, "get")} <= set(COMMANDS), area


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_command_explains_itself_without_a_platform(
    gpuaas: Run, api: respx.MockRouter, command: tuple[str, ...]
) -> None:
    result = gpuaas(*command, "--help")

    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"Usage: gpuaas {' '.join(command)} ")
    assert not api.calls


def test_version_needs_no_credentials(gpuaas: Run) -> None:
    assert gpuaas("--version").stdout == f"gpuaas-sdk {__version__}\n"


def test_the_shell_completes_commands_and_choices(gpuaas: Run) -> None:
    def complete(words: str) -> list[str]:
        cword = str(len(words.split()) - (0 if words.endswith(" ") else 1))
        result = gpuaas(_GPUAAS_COMPLETE="complete_bash", COMP_WORDS=words, COMP_CWORD=cword)
        assert result.exit_code == 0, result.output
        return result.stdout.split()

    assert complete("gpuaas allo") == ["allocations"]
    assert complete("gpuaas allocations re") == ["release"]
    assert complete("gpuaas -o ") == ["table", "json", "yaml"]
