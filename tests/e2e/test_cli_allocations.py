"""`gpuaas allocations` against the simulator, run as a script runs it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import httpx
import pytest

from gpuaas_sdk import Client
from gpuaas_sim import SimConfig, Simulator

from .gpuaas_cli import as_json, browser, gpuaas, start

SKU = "h200-sxm-slice"


def test_list_stops_at_its_limit_newest_first(env: str, client: Client) -> None:
    made = [client.allocations.create(sku=SKU, gpus_total=1).id for _ in range(3)]

    listed = as_json(gpuaas("allocations", "list", "--limit", "2", "-o", "json"))

    assert [a["id"] for a in listed] == made[:0:-1]  # the two made last, newest first


def test_a_script_creates_waits_lists_and_releases_with_stable_json(
    env: str, sim: Simulator
) -> None:
    created = as_json(
        gpuaas("allocations", "create", "--gpu", "h200:1", "--label", "run=ci", "--ready",
               "ssh", "-o", "json")
    )  # fmt: skip
    assert (created["status"], created["labels"]) == ("active", {"run": "ci"})
    assert created["connection"]["ssh_port"] > 0
    assert created["created_by"] == "usr-dev-user"
    alloc_id = created["id"]

    listed = as_json(gpuaas("-o", "json", "allocations", "list", "--status", "active", "--mine"))
    got = as_json(gpuaas("allocations", "get", alloc_id, "-o", "json"))
    waited = as_json(gpuaas("allocations", "wait", alloc_id, "--ssh", "-o", "json"))
    ssh = as_json(gpuaas("allocations", "ssh", alloc_id, "--print", "-o", "json"))
    released = as_json(gpuaas("allocations", "release", "--all-mine", "-o", "json"))

    assert [a["id"] for a in listed] == [alloc_id]
    assert got["id"] == waited["id"] == alloc_id
    port = str(created["connection"]["ssh_port"])
    assert ssh["argv"][:3] == ["ssh", "-p", port] and ssh["argv"][-1] == "ubuntu@127.0.0.1"
    assert [a["id"] for a in released] == [alloc_id]
    assert sim.allocations[alloc_id].status in ("releasing", "released")


def test_logs_print_the_allocations_boot_log(env: str, sim: Simulator) -> None:
    created = as_json(gpuaas("allocations", "create", "--sku", SKU, "--wait", "-o", "json"))
    sim.clock.advance(10)

    logs = gpuaas("allocations", "logs", created["id"])
    tail = gpuaas("allocations", "logs", created["id"], "--tail", "1", "-o", "json")

    assert logs.returncode == 0, logs.stderr
    assert re.search(r"^\d\d:\d\d:\d\d .*billing started", logs.stdout, re.MULTILINE)
    assert len(tail.stdout.splitlines()) == 1
    assert logs.stdout.splitlines()[-1].endswith(as_json(tail)["line"])


def test_logs_follow_prints_lines_as_they_come_until_the_release(env: str, client: Client) -> None:
    alloc = client.allocations.create(sku=SKU, gpus_total=1).wait()
    follow = start("allocations", "logs", alloc.id, "-f", "-o", "json")
    assert follow.stdout is not None
    first = json.loads(follow.stdout.readline())  # the stream is open and reading
    client.allocations.release(alloc.id)

    follow.wait(timeout=60)  # the release ends the stream (what it wrote fits the pipes)
    # Read through the same buffered pipe as the first line: `communicate()` would read
    # the descriptor beneath it and lose what the first readline buffered.
    rest, err = follow.stdout.read(), follow.stderr.read()

    assert follow.returncode == 0, err
    lines = [first["line"], *(json.loads(line)["line"] for line in rest.splitlines())]
    assert lines[0].startswith("Accepted: 1 x h200-sxm-slice")
    assert "Release requested; stopping workloads" in lines
    assert lines[-1].startswith("Released: ")


@pytest.mark.parametrize("sim_config", [SimConfig(clock_speed=0.01)])
def test_a_wait_that_runs_out_of_time_exits_3_naming_the_state(env: str) -> None:
    result = gpuaas("allocations", "create", "--sku", SKU, "--wait", "--timeout", "0.5")

    assert result.returncode == 3
    lines = result.stderr.splitlines()
    assert lines[0].startswith("created alloc-")  # said before the wait began
    assert lines[-1].startswith("gpuaas allocations create: error: ")
    assert "pending" in lines[-1]


def test_a_create_over_budget_exits_4_with_the_platforms_reason(env: str, client: Client) -> None:
    client.projects.set_budget("prj-default", 500)

    result = gpuaas("allocations", "create", "--sku", SKU, "--gpus", "2", "-o", "json")

    assert result.returncode == 4
    (line,) = result.stderr.splitlines()
    error = json.loads(line)["error"]
    assert (error["code"], error["status"], error["exit_code"]) == ("budget_exceeded", 402, 4)
    assert error["correlation_id"]
    assert error["details"]["limit_kind"] == "project"


def test_connect_opens_the_platforms_terminal_page_in_the_browser(
    env: str, client: Client, tmp_path: Path
) -> None:
    alloc = client.allocations.create(sku=SKU, gpus_total=1).wait()
    seen = tmp_path / "browser.txt"

    result = gpuaas("allocations", "connect", alloc.id, BROWSER=browser(seen))

    assert result.returncode == 0, result.stderr
    assert result.stderr == f"Opened the terminal of allocation {alloc.id} in your browser.\n"
    (url,) = seen.read_text().splitlines()
    assert url.startswith(f"{env}/terminal/{alloc.id}#token=")
    assert httpx.get(url).status_code == 200  # the page the browser was sent to


def test_connect_here_types_piped_lines_into_the_shell_and_exits_with_its_status(
    env: str, client: Client
) -> None:
    alloc = client.allocations.create(sku=SKU, gpus_total=1).wait()

    result = gpuaas("allocations", "connect", alloc.id, "--here",
                    stdin="whoami\nexit 3\n")  # fmt: skip

    assert result.returncode == 3, result.stderr
    assert f"ubuntu@{alloc.id}:~$ whoami\nubuntu\n" in result.stdout  # text mode: \r\n read as \n
    assert result.stderr == ""


def test_errors_are_one_line_with_code_and_correlation_id_and_their_exit_code(
    env: str,
) -> None:
    missing = gpuaas("allocations", "get", "alloc-nope")
    usage = gpuaas("allocations", "create", "--gpus", "0", "--sku", SKU)

    assert missing.returncode == 6 and missing.stdout == ""
    (line,) = missing.stderr.splitlines()
    assert line.startswith("gpuaas allocations get: error: No allocation 'alloc-nope'")
    assert "code=allocation_not_found" in line and re.search(r"correlation_id=\w+", line)
    assert usage.returncode == 2 and usage.stdout == ""
