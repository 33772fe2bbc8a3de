"""The command line's libraries are loaded by the command line only, never by the SDK."""

from __future__ import annotations

import subprocess
import sys

import pytest

from gpuaas_sdk import cli

COMMAND_LINE_LIBRARIES = {"typer", "click", "rich", "yaml", "pygments", "shellingham"}


def loaded_by(code: str) -> set[str]:
    """The top-level modules a fresh interpreter has loaded after running `code`."""
    show = "import sys; print(' '.join(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", f"{code}\n{show}"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return set(result.stdout.split())


def test_the_sdk_loads_no_command_line_library() -> None:
    """None but those httpx loads itself for its own command line when they are installed."""
    modules = loaded_by(
        "from gpuaas_sdk import Client\n"
        "with Client('http://127.0.0.1:9', auth='tok') as client: client.allocations"
    )
    by_httpx = loaded_by("import httpx")

    assert not {name.split(".")[0] for name in modules - by_httpx} & COMMAND_LINE_LIBRARIES
    assert not any(name.startswith("gpuaas_sdk.cli") for name in modules)
    assert "httpx" in modules


def test_without_the_extra_the_command_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(cli, "_missing_extra", lambda: "yaml")

    code = cli.main(["allocations", "list"])
    version = cli.main(["--version"])

    assert (code, version) == (1, 0)
    out, err = capsys.readouterr()
    assert err == (
        "gpuaas needs the command line's dependencies (PyYAML is not installed):"
        " pip install 'gpuaas-sdk[cli]'\n"
    )
    assert out.startswith("gpuaas-sdk ")
