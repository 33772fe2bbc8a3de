"""The allocation terminal through the facade, sync and async, over a real loopback WebSocket."""

import asyncio
import time

import pytest
from gpuaas_api.http_stack import httpx
from gpuaas_api.models import TerminalExit, TerminalStderr, TerminalStdout

from gpuaas_sdk import AsyncClient, AsyncTerminal, Client, Terminal
from gpuaas_sdk.auth import DevPasswordAuth
from gpuaas_sdk.errors import (
    AllocationNotActive,
    APIConnectionError,
    ArgumentError,
    TokenExpired,
    TokenInvalid,
)


@pytest.fixture
def alloc(client: Client) -> str:
    created = client.allocations.create(sku="h200-sxm-slice", gpus_total=2)
    client.allocations.wait_for(created.id, timeout=30)
    return created.id


def test_open_run_resize_and_exit_with_a_code(client, alloc):
    with client.allocations.open_terminal(alloc, cols=100, rows=30) as term:
        banner = term.read(timeout=5)
        greeting = term.run("echo hello from the terminal")
        size_at_open = term.run("stty size")
        term.resize(132, 43)
        resized = term.run("stty size")
        table, smi_status = term.run("nvidia-smi")
        missing = term.run("nvidia-smi2")
        term.send("exit 3\r")
        code = term.wait(timeout=5)

    assert isinstance(banner, TerminalStdout) and f"@{alloc}:~$ " in banner.data
    assert greeting == ("hello from the terminal\r\n", 0)
    assert size_at_open == ("30 100\r\n", 0)
    assert resized == ("43 132\r\n", 0)
    assert smi_status == 0 and table.count("NVIDIA H200 SXM") == 2
    assert missing == ("bash: nvidia-smi2: command not found\r\n", 127)
    assert code == 3 and term.exit_code == 3


def test_read_yields_typed_frames_and_nothing_after_exit(client, alloc):
    with client.allocations.open_terminal(alloc) as term:
        term.read(timeout=5)  # banner and prompt
        term.send("nope\r")
        frames = [term.read(timeout=5) for _ in range(3)]
        term.send("exit\r")
        term.wait(timeout=5)

        after = term.read(timeout=0.1)

    assert [type(f) for f in frames] == [TerminalStdout, TerminalStderr, TerminalStdout]
    assert after is None and term.exit_code == 127


def refusal_once_closed(term: Terminal) -> APIConnectionError:
    """Type a space every 20 ms until the platform has closed the terminal; the error."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            term.send(" ")
        except APIConnectionError as refused:
            return refused
        time.sleep(0.02)
    raise AssertionError("the terminal still took input 30 s after its shell exited")


def test_typing_after_the_shell_exited_is_a_typed_error_and_its_end_still_reads(client, alloc):
    with client.allocations.open_terminal(alloc) as term:
        term.read(timeout=5)  # banner and prompt
        term.send("echo last words; exit 5\r")
        refused = refusal_once_closed(term)
        output = ""
        while (frame := term.read(timeout=5)) is not None:
            output += frame.data if isinstance(frame, TerminalStdout) else ""

    assert "the terminal is closing" in str(refused)
    assert "last words" in output
    assert term.exit_code == 5


def test_run_returns_the_status_of_a_command_that_exits(client, alloc):
    with client.allocations.open_terminal(alloc) as term:
        output, code = term.run("echo bye; exit 4")

    assert (output, code) == ("bye\r\n", 4)


def test_a_used_token_is_refused_with_a_typed_error(client, alloc):
    token = client.allocations.mint_terminal_token(alloc)
    http = client.raw.get_httpx_client()
    with Terminal.connect(http, token.ws_url, (80, 24)) as term:
        term.read(timeout=5)

    with pytest.raises(TokenInvalid):
        Terminal.connect(http, token.ws_url, (80, 24))


def test_an_expired_token_is_refused_with_a_typed_error(client, alloc, sim):
    token = client.allocations.mint_terminal_token(alloc)
    sim.clock.advance(token.expires_in + 1)

    with pytest.raises(TokenExpired):
        Terminal.connect(client.raw.get_httpx_client(), token.ws_url, (80, 24))


def test_a_released_allocation_has_no_terminal(client, alloc):
    client.allocations.release(alloc)

    with pytest.raises(AllocationNotActive):
        client.allocations.open_terminal(alloc)


def test_bad_sizes_are_refused_before_anything_is_sent(client, alloc, sim):
    sent_before = len(sim.requests_log)

    with pytest.raises(ArgumentError):
        client.allocations.open_terminal(alloc, cols=0)

    assert len(sim.requests_log) == sent_before
    with client.allocations.open_terminal(alloc) as term, pytest.raises(ArgumentError):
        term.resize(80, 1001)


def test_the_connection_goes_through_the_clients_hooks_without_the_bearer(base_url, alloc):
    seen: dict[str, bool] = {}

    def hook(request: httpx.Request) -> None:
        seen[request.url.path] = "authorization" in request.headers

    with (
        Client(base_url, auth=DevPasswordAuth("dev-user", "dev123"), on_request=hook) as hooked,
        hooked.allocations.open_terminal(alloc) as term,
    ):
        term.run("true")

    assert seen[f"/v1/allocations/{alloc}/terminal-token"] is True
    assert seen[f"/v1/allocations/{alloc}/terminal"] is False


def test_the_async_terminal(base_url, alloc):
    async def session() -> tuple[tuple[str, int], TerminalExit | None, int]:
        async with AsyncClient(base_url, auth=DevPasswordAuth("dev-user", "dev123")) as client:
            term = await client.allocations.open_terminal(alloc, cols=120, rows=40)
            async with term:
                first = await term.read(timeout=5)
                assert isinstance(first, TerminalStdout)
                size = await term.run("stty size")
                await term.resize(90, 20)
                whoami = await term.run("whoami; stty size")
                await term.send("exit 3\r")
                code = await term.wait(timeout=5)
                for _ in range(1500):  # the platform closes it: typing is then refused
                    try:
                        await term.send(" ")
                    except APIConnectionError:
                        break
                    await asyncio.sleep(0.02)
                else:
                    raise AssertionError("the terminal still took input after its shell exited")
            last = await term.read(timeout=0.1)
            assert whoami == ("ubuntu\r\n20 90\r\n", 0)
            return size, last, code

    size, last, code = asyncio.run(session())

    assert size == ("40 120\r\n", 0)
    assert last is None and code == 3


def test_the_async_terminal_refuses_a_used_token(base_url, alloc):
    async def session() -> None:
        async with AsyncClient(base_url, auth=DevPasswordAuth("dev-user", "dev123")) as client:
            token = await client.allocations.mint_terminal_token(alloc)
            http = client.raw.get_async_httpx_client()
            async with await AsyncTerminal.connect(http, token.ws_url, (80, 24)) as term:
                await term.run("true")
            with pytest.raises(TokenInvalid):
                await AsyncTerminal.connect(http, token.ws_url, (80, 24))

    asyncio.run(session())
