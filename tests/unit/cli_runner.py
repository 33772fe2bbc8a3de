"""The `gpuaas` command line run in this process with Click's runner (Typer's wrapper of it).

Each run is what the console script does (the common options hoisted, a fresh session);
the platform is faked with respx by the tests' `api` fixture.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from gpuaas_sdk.cli.app import build, hoisted
from gpuaas_sdk.cli.session import start

from .conftest import BASE

Run = Callable[..., Any]
"""Returns Typer's `Result`: `exit_code`, `stdout`, `stderr` (Click's own, or Typer's copy)."""

_CREDENTIALS = (
    "GPUAAS_BASE_URL",
    "GPUAAS_TOKEN",
    "GPUAAS_USERNAME",
    "GPUAAS_PASSWORD",
    "GPUAAS_PROFILE",
    "GPUAAS_SA_ID",
)


def runner(
    monkeypatch: pytest.MonkeyPatch, config_home: Path, env: Mapping[str, str] | None = None
) -> Run:
    """`run("allocations", "get", "x")`: one command line, its result (exit code, outputs)."""
    for name in _CREDENTIALS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config_home))
    settings = {"GPUAAS_BASE_URL": BASE, "GPUAAS_TOKEN": "tok"} if env is None else dict(env)

    def run(*args: str, input: str | None = None, **more: str) -> Any:
        start()
        return CliRunner().invoke(
            build(), hoisted(args), env={**settings, **more}, input=input, prog_name="gpuaas"
        )

    return run
