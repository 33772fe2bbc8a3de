"""What `gpuaas` prints: the API's objects as JSON or YAML for scripts, tables for people."""

from __future__ import annotations

import json
import re
from pathlib import Path

import httpx
import pytest
import respx
import yaml

from .cli_runner import Run, runner
from .conftest import allocation_json


@pytest.fixture
def gpuaas(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Run:
    return runner(monkeypatch, tmp_path)


def _log_line(number: int, text: str) -> dict[str, object]:
    return {
        "type": "allocation.log",
        "id": str(number),
        "occurred_at": f"2026-04-01T12:00:0{number}+00:00",
        "allocation_id": "alloc-1",
        "status": "provisioning",
        "stream": "system",
        "line": text,
    }


def test_one_object_is_the_platforms_object_in_every_format(
    gpuaas: Run, api: respx.MockRouter
) -> None:
    sent = allocation_json("alloc-1", "active")
    api.get("/v1/allocations/alloc-1").mock(return_value=httpx.Response(200, json=sent))

    as_json = gpuaas("allocations", "get", "alloc-1", "-o", "json")
    as_yaml = gpuaas("allocations", "get", "alloc-1", "-o", "yaml")
    as_table = gpuaas("allocations", "get", "alloc-1")

    shown = json.loads(as_json.stdout)
    assert shown.keys() == sent.keys()  # every field of the contract's schema
    assert (shown["id"], shown["status"], shown["labels"]) == ("alloc-1", "active", {})
    assert shown["created_at"] == "2026-04-01T12:00:00+00:00"
    assert yaml.safe_load(as_yaml.stdout) == shown
    assert as_yaml.stdout.startswith("id: alloc-1\nstatus: active\n")
    assert re.search(r"^STATUS\s+active$", as_table.stdout, re.MULTILINE)
    assert as_json.stderr == as_yaml.stderr == as_table.stderr == ""


def test_a_list_is_an_array_and_an_empty_one_says_so(gpuaas: Run, api: respx.MockRouter) -> None:
    route = api.get("/v1/allocations")
    route.side_effect = [
        httpx.Response(200, json={"items": [allocation_json("alloc-2")], "next_cursor": "c2"}),
        httpx.Response(200, json={"items": [allocation_json("alloc-1")], "next_cursor": None}),
        httpx.Response(200, json={"items": [], "next_cursor": None}),
        httpx.Response(200, json={"items": [], "next_cursor": None}),
    ]

    every_page = gpuaas("allocations", "list", "-o", "json")
    empty_json = gpuaas("allocations", "list", "-o", "json")
    empty_table = gpuaas("allocations", "list")

    assert [a["id"] for a in json.loads(every_page.stdout)] == ["alloc-2", "alloc-1"]
    assert json.loads(empty_json.stdout) == []
    assert empty_table.stdout == "(none)\n"


def test_a_table_in_a_pipe_has_whole_lines_without_colour_or_padding(
    gpuaas: Run, api: respx.MockRouter
) -> None:
    labelled = {**allocation_json("alloc-1"), "sku": "a-very-long-sku-name-" * 6}
    api.get("/v1/allocations").mock(
        return_value=httpx.Response(200, json={"items": [labelled], "next_cursor": None})
    )

    lines = gpuaas("allocations", "list").stdout.splitlines()

    assert lines[0].split() == ["ID", "STATUS", "SKU", "GPUS", "REGION", "PROJECT", "CREATED",
                                "SSH"]  # fmt: skip
    assert "a-very-long-sku-name-" * 6 in lines[2]  # not cut to a terminal's width
    assert all(line == line.rstrip() for line in lines)
    assert not any("\x1b[" in line for line in lines)


def test_a_stream_prints_one_object_per_line_as_it_comes(
    gpuaas: Run, api: respx.MockRouter
) -> None:
    lines = [_log_line(1, "Placed on node n-1"), _log_line(2, "Booting")]
    api.get("/v1/allocations/alloc-1/logs").mock(
        return_value=httpx.Response(200, json={"items": lines, "next_cursor": None})
    )

    as_json = gpuaas("allocations", "logs", "alloc-1", "-o", "json")
    as_text = gpuaas("allocations", "logs", "alloc-1")

    assert [json.loads(line) for line in as_json.stdout.splitlines()] == lines
    assert as_text.stdout == "12:00:01 Placed on node n-1\n12:00:02 Booting\n"


def test_an_error_for_a_script_is_one_json_object_on_stderr(
    gpuaas: Run, api: respx.MockRouter
) -> None:
    api.get("/v1/allocations/alloc-1").mock(
        return_value=httpx.Response(
            404,
            json={
                "error": {
                    "code": "allocation_not_found",
                    "message": "No allocation 'alloc-1' is visible to the caller.",
                    "details": {"allocation_id": "alloc-1"},
                }
            },
            headers={"X-Correlation-ID": "corr-7"},
        )
    )

    result = gpuaas("allocations", "get", "alloc-1", "-o", "json")

    assert (result.exit_code, result.stdout) == (6, "")
    (line,) = result.stderr.splitlines()
    assert json.loads(line) == {
        "error": {
            "code": "allocation_not_found",
            "message": "No allocation 'alloc-1' is visible to the caller.",
            "status": 404,
            "correlation_id": "corr-7",
            "details": {"allocation_id": "alloc-1"},
            "notes": [],
            "exit_code": 6,
        }
    }
