"""`gpuaas-sim` / `python -m gpuaas_sim`: a readable start line, then a working server."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from gpuaas_sim.cli import main, parse_args
from gpuaas_sim.runtime.fault_profiles import (
    FaultProfileError,
    ProfileInjector,
    load_profile,
    profile_injector,
)
from gpuaas_sim.runtime.faults import Fault


def test_defaults_match_the_contract_server() -> None:
    args = parse_args([])

    assert (args.host, args.port, args.clock_speed, args.seed) == ("127.0.0.1", 8080, 1.0, 0)
    assert args.access_token_ttl == 900
    assert args.log_level == "info"


def test_options_are_parsed() -> None:
    args = parse_args(
        ["--port", "0", "--clock-speed", "50", "--seed", "7", "--access-token-ttl", "60"]
    )

    assert (args.port, args.clock_speed, args.seed, args.access_token_ttl) == (0, 50.0, 7, 60.0)


def test_module_entry_point_serves_and_says_where() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "gpuaas_sim", "--port", "0", "--clock-speed", "10"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        match = re.search(r"listening on (http://127\.0\.0\.1:\d+)", line)
        assert match, line
        assert "dev-user / dev123" in line
        assert "x10" in line
        assert httpx.get(f"{match.group(1)}/v1/health", timeout=5).json()["status"] == "ok"
    finally:
        process.terminate()
        process.wait(timeout=10)


# -- persistence and fault profiles ---------------------------------------------------


def test_data_folder_and_fault_profile_options_are_parsed(tmp_path: Path) -> None:
    args = parse_args(["--data-dir", str(tmp_path), "--fault-profile", "flaky"])
    defaults = parse_args([])

    assert (args.data_dir, args.fault_profile) == (tmp_path, "flaky")
    assert (defaults.data_dir, defaults.fault_profile) == (None, None)


class Running:
    """`python -m gpuaas_sim` in a subprocess: its base URL and the lines it logged."""

    def __init__(self, *args: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gpuaas_sim", "--port", "0", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        assert self.process.stdout is not None
        self.lines = [self.process.stdout.readline() for _ in range(3)]
        match = re.search(r"listening on (http://127\.0\.0\.1:\d+)", self.lines[0])
        assert match, self.lines
        self.url = match.group(1)

    def stop(self) -> str:
        """SIGTERM (a graceful stop, as a container runtime sends); the rest of the log."""
        self.process.terminate()
        self.process.wait(timeout=20)  # what it logs in a test fits the pipe
        # Read through the buffered pipe `readline` used: `communicate()` would read the
        # descriptor beneath it and lose the lines that buffer already holds.
        assert self.process.stdout is not None
        rest = self.process.stdout.read()
        assert self.process.returncode == 0, rest
        return rest


def test_a_restart_on_the_same_data_folder_keeps_an_allocation_going(tmp_path: Path) -> None:
    data_dir = tmp_path / "state"
    first = Running("--data-dir", str(data_dir), "--clock-speed", "2")
    try:
        login = httpx.post(
            f"{first.url}/v1/auth/login", json={"username": "dev-user", "password": "dev123"}
        ).json()
        auth = {"Authorization": f"Bearer {login['access_token']}"}
        created = httpx.post(
            f"{first.url}/v1/allocations",
            json={"sku": "h200-sxm-slice", "gpus_total": 1},
            headers=auth,
        ).json()
    finally:
        goodbye = first.stop()
    assert "state: fresh, saved after every request to" in first.lines[1]
    assert "state saved" in goodbye

    second = Running("--data-dir", str(data_dir), "--clock-speed", "2")
    try:
        url = f"{second.url}/v1/allocations/{created['id']}"
        statuses = [httpx.get(url, headers=auth).json()["status"]]
        while statuses[-1] != "active" and len(statuses) < 200:  # 1.5 s at x2
            assert second.process.poll() is None
            time.sleep(0.05)
            statuses.append(httpx.get(url, headers=auth).json()["status"])
    finally:
        second.stop()

    assert "state: restored from" in second.lines[1]
    assert created["status"] == "pending"
    assert statuses[-1] == "active"  # the token and the allocation came back, and it went on


def test_an_unusable_data_folder_stops_with_what_to_do(tmp_path: Path) -> None:
    (tmp_path / "state.sqlite3").write_text("not a database" * 100)

    with pytest.raises(SystemExit, match=r"Delete the data folder .* another --data-dir"):
        main(["--port", "0", "--data-dir", str(tmp_path)])


def test_an_unknown_fault_profile_stops_with_the_known_ones() -> None:
    with pytest.raises(SystemExit, match=r"unknown fault profile 'wobbly'.*none, flaky, slow"):
        main(["--port", "0", "--fault-profile", "wobbly"])


def test_the_start_log_names_the_fault_profile_and_the_memory_state() -> None:
    running = Running("--fault-profile", "slow", "--clock-speed", "5")
    running.stop()

    assert "state: in memory (no --data-dir)" in running.lines[1]
    assert "faults: profile slow (2 rules)" in running.lines[2]


def test_named_profiles_load() -> None:
    assert load_profile("none") == []
    assert [rule.fault.kind for rule in load_profile("flaky")] == ["status", "status", "drop"]
    assert all(rule.fault.kind == "latency" for rule in load_profile("slow"))


def test_a_profile_file_in_json_or_yaml(tmp_path: Path) -> None:
    rules = [
        {"kind": "status", "status": 503, "path": "/v1/allocations", "times": 2},
        {"kind": "drop", "method": "POST", "probability": 0.5},
    ]
    as_json = tmp_path / "faults.json"
    as_json.write_text(json.dumps(rules))
    as_yaml = tmp_path / "faults.yaml"
    as_yaml.write_text(
        "rules:\n"
        "  - {kind: status, status: 503, path: /v1/allocations, times: 2}\n"
        "  - {kind: drop, method: POST, probability: 0.5}\n"
    )

    assert load_profile(str(as_json)) == load_profile(str(as_yaml))
    first, second = load_profile(str(as_json))
    assert (first.fault.status, first.remaining, first.probability) == (503, 2, 1.0)
    assert (second.fault.kind, second.fault.times, second.probability) == ("drop", None, 0.5)


@pytest.mark.parametrize(
    ("content", "complaint"),
    [
        ("{not json", "not valid JSON"),
        ('[{"kind": "explode"}]', "rule 1: unknown fault kind 'explode'"),
        ('[{"kind": "status", "probability": 2}]', "rule 1: `probability` must be above 0"),
        ('{"kind": "status"}', "expected a list of fault rules"),
    ],
)
def test_a_bad_profile_file_says_what_is_wrong(
    tmp_path: Path, content: str, complaint: str
) -> None:
    path = tmp_path / "faults.json"
    path.write_text(content)

    with pytest.raises(FaultProfileError, match=re.escape(complaint)):
        load_profile(str(path))


def test_profile_rules_fire_with_their_probability_after_armed_faults() -> None:
    injector = profile_injector("flaky", seed=3)
    injector.add(Fault(kind="status", status=500, times=1))

    first = injector.take("GET", "/v1/allocations")
    outcomes = [injector.take("GET", "/v1/allocations") for _ in range(1000)]
    fired = [fault for fault in outcomes if fault is not None]
    injector.clear()

    assert first is not None and first.status == 500  # the armed fault goes first
    assert 50 < len(fired) < 200  # about 10% of requests (5% + 3% + 2%), not all, not none
    assert {f.kind for f in fired} == {"status", "drop"}
    assert any(f.status == 429 for f in fired) and any(f.status == 503 for f in fired)
    assert isinstance(injector, ProfileInjector) and len(injector.rules) == 3  # clear() keeps it


def test_the_same_seed_fails_the_same_requests() -> None:
    def run() -> list[Fault | None]:
        injector = profile_injector("flaky", seed=11)
        return [injector.take("POST", "/v1/allocations") for _ in range(300)]

    assert run() == run()


def test_a_database_needs_the_postgres_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)  # as if the extra were not installed

    with pytest.raises(SystemExit, match=r"pip install 'gpuaas-sim\[postgres\]'"):
        main(["--port", "0", "--database", "postgresql://sim:secret@127.0.0.1:1/sim"])


def test_the_database_password_is_never_printed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)

    with pytest.raises(SystemExit) as refused:
        main(["--port", "0", "--database", "postgresql://sim:secret@127.0.0.1:1/sim"])

    assert "secret" not in str(refused.value)
    assert "postgresql://sim@127.0.0.1:1/sim" in str(refused.value)


def test_a_database_must_be_postgresql() -> None:
    with pytest.raises(SystemExit, match=r"must be a postgresql:// URL"):
        main(["--port", "0", "--database", "sqlite:///state.db"])
