"""`allocations.connect`: the browser terminal page's link, or the system's `ssh`.

The browser is `webbrowser.open` patched to record what it is given (and whether it
"opened"); `ssh` is a fake program on PATH that records its arguments and process id,
then exits with a status of its own.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import textwrap
import webbrowser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from gpuaas_api.http_stack import httpx

from gpuaas_sdk import AsyncClient, Client, Terminal
from gpuaas_sdk.auth import DevPasswordAuth
from gpuaas_sdk.errors import AllocationNotActive, ArgumentError, ConfigurationError
from gpuaas_sim import Simulator

FAKE_SSH_STATUS = 7


@pytest.fixture
def alloc(client: Client, sim: Simulator) -> str:
    created = client.allocations.create(sku="h200-sxm-slice", gpus_total=1)
    client.allocations.wait_for(created.id, timeout=30)
    sim.clock.set_speed(0)  # terminal tokens live their full minute
    return created.id


@pytest.fixture
def browser(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What `webbrowser.open` was asked to open; it reports a browser took it."""
    opened: list[str] = []

    def open_url(url: str, new: int = 0, autoraise: bool = True) -> bool:
        opened.append(url)
        return True

    monkeypatch.setattr(webbrowser, "open", open_url)
    return opened


@pytest.fixture
def fake_ssh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A `ssh` first on PATH; the file it writes holds its argv (without argv[0]) and pid."""
    record = tmp_path / "ssh-called.json"
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    program = bin_dir / "ssh"
    program.write_text(
        f"#!{sys.executable}\n"
        "import json, os, sys\n"
        "called = {'argv': sys.argv[1:], 'pid': os.getpid()}\n"
        f"open({str(record)!r}, 'w').write(json.dumps(called))\n"
        f"sys.exit({FAKE_SSH_STATUS})\n"
    )
    program.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    return record


def test_terminal_mode_opens_the_page_of_a_fresh_token(
    client: Client, alloc: str, base_url: str, browser: list[str], capsys
) -> None:
    assert client.allocations.connect(alloc) is None

    (url,) = browser
    page, _, fragment = url.partition("#token=")
    assert page == f"{base_url}/terminal/{alloc}"
    assert httpx.get(page).status_code == 200
    ws_url = f"ws://{urlsplit(base_url).netloc}/v1/allocations/{alloc}/terminal?token={fragment}"
    with Terminal.connect(client.raw.get_httpx_client(), ws_url, (80, 24)) as term:
        assert term.run("whoami") == ("ubuntu\r\n", 0)  # the link's token opens the shell
    err = capsys.readouterr().err
    assert err == f"Opened the terminal of allocation {alloc} in your browser.\n"


@pytest.mark.parametrize("no_browser", ["none answers", "open_browser=False"])
def test_without_a_browser_the_link_is_printed_on_stderr(
    client: Client, alloc: str, monkeypatch: pytest.MonkeyPatch, capsys, no_browser: str
) -> None:
    asked: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url, *a, **k: asked.append(url) or False)

    client.allocations.connect(alloc, open_browser=no_browser == "none answers")

    out, err = capsys.readouterr()
    link = err.split("\n\n    ", 1)[1].split("\n", 1)[0]
    assert out == ""
    assert err.startswith(f"Open this link in a browser for a terminal on allocation {alloc}")
    assert "(it works once, within 60 s)" in err
    assert link.startswith(f"{client.base_url}/terminal/{alloc}#token=tt_")
    assert asked == ([link] if no_browser == "none answers" else [])


def test_terminal_mode_in_async_code(base_url: str, alloc: str, browser: list[str]) -> None:
    async def connect() -> int | None:
        async with AsyncClient(base_url, auth=DevPasswordAuth("dev-user", "dev123")) as client:
            return await client.allocations.connect(alloc, mode="terminal")

    assert asyncio.run(connect()) is None
    (url,) = browser
    assert url.startswith(f"{base_url}/terminal/{alloc}#token=tt_")


def test_ssh_mode_runs_ssh_with_the_connection_and_returns_its_status(
    client: Client, alloc: str, fake_ssh: Path
) -> None:
    key = Path("~/.ssh/id_gpuaas").expanduser()
    status = client.allocations.connect(
        alloc, mode="ssh", identity_file=key, ssh_args=["-o", "StrictHostKeyChecking=no"]
    )

    conn = client.allocations.connection(alloc)
    called = json.loads(fake_ssh.read_text())
    assert status == FAKE_SSH_STATUS
    assert called["argv"] == [
        "-p",
        str(conn.ssh_port),
        "-i",
        str(key),
        "-o",
        "StrictHostKeyChecking=no",
        f"{conn.ssh_user}@{conn.ssh_host}",
    ]
    assert called["pid"] != os.getpid()  # a subprocess


def test_ssh_mode_in_async_code(base_url: str, alloc: str, fake_ssh: Path) -> None:
    async def connect() -> int | None:
        async with AsyncClient(base_url, auth=DevPasswordAuth("dev-user", "dev123")) as client:
            return await client.allocations.connect(alloc, mode="ssh")

    assert asyncio.run(connect()) == FAKE_SSH_STATUS
    assert json.loads(fake_ssh.read_text())["argv"][-1].startswith("ubuntu@")


REPLACING = textwrap.dedent(
    """
    import os, sys
    from gpuaas_sdk import Client
    from gpuaas_sdk.auth import DevPasswordAuth

    with Client(sys.argv[1], auth=DevPasswordAuth("dev-user", "dev123")) as client:
        print(os.getpid(), flush=True)
        client.allocations.connect(sys.argv[2], mode="ssh", replace_process=True)
        print("still here")
    """
)


def test_replace_process_makes_the_program_become_ssh(
    base_url: str, alloc: str, fake_ssh: Path
) -> None:
    run = subprocess.run(
        [sys.executable, "-c", REPLACING, base_url, alloc],
        capture_output=True,
        text=True,
        timeout=60,
        env=os.environ,  # the fake ssh first on PATH
    )

    assert run.returncode == FAKE_SSH_STATUS, run.stderr
    assert "still here" not in run.stdout  # nothing after connect ran
    assert json.loads(fake_ssh.read_text())["pid"] == int(run.stdout.split()[0])  # same process


def test_without_ssh_on_path_nothing_is_sent_and_the_error_says_what_to_install(
    client: Client, alloc: str, sim: Simulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    sent_before = len(sim.requests_log)

    with pytest.raises(ConfigurationError, match="no `ssh` program on PATH: install an OpenSSH"):
        client.allocations.connect(alloc, mode="ssh")

    assert len(sim.requests_log) == sent_before


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"mode": "telnet"}, "mode must be 'terminal' or 'ssh', got 'telnet'"),
        ({"identity_file": "key"}, "identity_file only apply to mode='ssh'"),
        ({"replace_process": True, "ssh_args": ["-v"]}, "ssh_args, replace_process only apply"),
        ({"mode": "ssh", "ssh_args": "-v"}, "ssh_args must be a sequence of strings"),
    ],
)
def test_arguments_that_do_not_fit_the_mode_are_refused_before_sending(
    client: Client, alloc: str, sim: Simulator, arguments: dict, message: str
) -> None:
    sent_before = len(sim.requests_log)

    with pytest.raises(ArgumentError, match=message):
        client.allocations.connect(alloc, **arguments)

    assert len(sim.requests_log) == sent_before


@pytest.mark.parametrize("mode", ["terminal", "ssh"])
def test_an_allocation_that_is_not_active_cannot_be_connected_to(
    client: Client, browser: list[str], fake_ssh: Path, mode: str
) -> None:
    pending = client.allocations.create(sku="h200-sxm-slice", gpus_total=1)
    client.allocations.release(pending.id)

    with pytest.raises(AllocationNotActive):
        client.allocations.connect(pending.id, mode=mode)

    assert browser == [] and not fake_ssh.exists()
