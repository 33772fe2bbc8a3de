"""`gpuaas-sim` / `python -m gpuaas_sim`: a readable start line, then a working server."""

from __future__ import annotations

import re
import subprocess
import sys

import httpx

from gpuaas_sim.cli import parse_args


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
