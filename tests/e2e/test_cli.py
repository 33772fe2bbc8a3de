"""The installed `gpuaas` command against the simulator, as a person and a script run it."""

from __future__ import annotations

import json
import os
import pty
import select
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from gpuaas_sim import Simulator

GPUAAS = shutil.which("gpuaas", path=str(Path(sys.executable).parent)) or "gpuaas"
MiB = 1024 * 1024


def gpuaas(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [GPUAAS, *args], capture_output=True, text=True, input=stdin, timeout=120, check=False
    )


def as_json(result: subprocess.CompletedProcess[str]) -> object:
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_a_script_creates_waits_lists_and_releases_with_stable_json(
    env: str, sim: Simulator
) -> None:
    created = as_json(
        gpuaas("allocations", "create", "--gpu", "h200:1", "--label", "run=ci", "--ready",
               "ssh", "-o", "json")
    )  # fmt: skip
    assert isinstance(created, dict)
    assert (created["status"], created["labels"]) == ("active", {"run": "ci"})
    assert created["connection"]["ssh_port"] > 0

    listed = as_json(gpuaas("-o", "json", "allocations", "list", "--status", "active"))
    released = as_json(gpuaas("allocations", "release", "--all-mine", "-o", "json"))

    assert [a["id"] for a in listed] == [created["id"]]  # type: ignore[index]
    assert [a["id"] for a in released] == [created["id"]]  # type: ignore[index]
    assert sim.allocations[created["id"]].status in ("releasing", "released")


def test_errors_are_one_line_with_code_and_correlation_id_and_their_exit_code(
    env: str,
) -> None:
    missing = gpuaas("allocations", "get", "alloc-nope")
    as_script = gpuaas("allocations", "get", "alloc-nope", "-o", "json")
    usage = gpuaas("allocations", "create", "--gpus", "0", "--sku", "h200-sxm-slice")

    assert missing.returncode == 6 and missing.stdout == ""
    (line,) = missing.stderr.splitlines()
    assert line.startswith("gpuaas allocations get: ")
    assert "code=allocation_not_found" in line and "correlation_id=" in line
    error = json.loads(as_script.stderr)["error"]
    assert (error["code"], error["exit_code"]) == ("allocation_not_found", 6)
    assert usage.returncode == 2


def test_doctor_checks_the_platform_and_makes_a_round_trip(env: str, sim: Simulator) -> None:
    result = gpuaas("doctor", "--round-trip", "-o", "json")

    report = as_json(result)
    assert isinstance(report, dict)
    assert report["health"]["status"] == "ok"
    assert report["whoami"]["display_name"] == "dev-user"
    trip = report["round_trip"]
    assert trip["states"][-1] == "released" and "active" in trip["states"]
    assert sim.allocations[trip["allocation_id"]].lease_seconds == 300


def test_logs_and_billing_read_the_platform(env: str, sim: Simulator) -> None:
    created = as_json(gpuaas("allocations", "create", "--sku", "h200-sxm-slice", "-o", "json"))
    assert isinstance(created, dict)
    sim.clock.advance(10)

    logs = gpuaas("allocations", "logs", created["id"])
    balance = as_json(gpuaas("billing", "balance", "-o", "json"))

    assert logs.returncode == 0, logs.stderr
    assert "billing started" in logs.stdout
    assert isinstance(balance, dict) and balance["currency"] == "USD"


def run_in_a_terminal(*args: str) -> tuple[int, str]:
    """Run `gpuaas` with stdout and stderr on a pseudo-terminal; its exit code and output."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [GPUAAS, *args], stdin=subprocess.DEVNULL, stdout=follower, stderr=follower,
        env={**os.environ, "COLUMNS": "100", "TERM": "xterm-256color"},
    )  # fmt: skip
    os.close(follower)
    seen = b""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        ready, _, _ = select.select([leader], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal closed: the command ended
                break
            if not chunk:
                break
            seen += chunk
        elif process.poll() is not None:
            break
    os.close(leader)
    return process.wait(timeout=30), seen.decode(errors="replace")


def test_storage_cp_draws_a_progress_bar_on_a_terminal_only(env: str, tmp_path: Path) -> None:
    (tmp_path / "data.bin").write_bytes(os.urandom(3 * MiB))

    code, screen = run_in_a_terminal("storage", "cp", str(tmp_path / "data.bin"), "gpuaas:/d/")
    piped = gpuaas("storage", "cp", "gpuaas:/d/data.bin", str(tmp_path / "back.bin"))

    assert code == 0, screen
    assert "upload data.bin" in screen and "\u2501" in screen  # rich's bar: a line of ━
    assert "\x1b[" in screen  # drawn with terminal escapes
    assert piped.returncode == 0, piped.stderr
    assert piped.stderr == ""  # no bar under a pipe
    assert piped.stdout.startswith("downloaded: /d/data.bin to ")
    assert (tmp_path / "back.bin").read_bytes() == (tmp_path / "data.bin").read_bytes()


def loaded_by(code: str) -> set[str]:
    show = "import sys; print(' '.join(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", f"{code}; {show}"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return set(result.stdout.split())


def test_the_cli_is_not_loaded_by_the_sdk() -> None:
    """Beyond what httpx loads itself (its own command line, when click and rich are there)."""
    by_httpx = loaded_by("import httpx")
    by_sdk = loaded_by("import gpuaas_sdk; gpuaas_sdk.Client")

    added = {name.split(".")[0] for name in by_sdk - by_httpx}
    assert not added & {"typer", "rich", "click", "yaml"}
    assert not any(name.startswith("gpuaas_sdk.cli") for name in by_sdk)


@pytest.mark.parametrize("args", [("--version",), ("allocations", "--help")])
def test_version_and_help_need_no_platform(args: tuple[str, ...]) -> None:
    result = gpuaas(*args)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip()


def test_one_sign_in_serves_the_cli_and_the_sdk_until_logout(
    base_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    for name in ("GPUAAS_BASE_URL", "GPUAAS_TOKEN", "GPUAAS_USERNAME", "GPUAAS_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    login = gpuaas(
        "auth", "login", "--password", "--username", "dev-user", "--password-stdin",
        "--base-url", base_url, stdin="dev123\n",
    )  # fmt: skip
    assert login.returncode == 0, login.stderr
    sdk = subprocess.run(
        [sys.executable, "-c", "from gpuaas_sdk import Client; print(Client().auth.whoami().display_name)"],  # noqa: E501
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip

    logout = gpuaas("auth", "logout")
    after = gpuaas("auth", "whoami")

    assert sdk.stdout.strip() == "dev-user", sdk.stderr
    assert logout.returncode == 0, logout.stderr
    assert after.returncode == 5  # signed out: the saved password went with the sign-in
    assert "dev123" not in (tmp_path / "gpuaas" / "credentials.toml").read_text()
