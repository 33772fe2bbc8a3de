"""The allocation terminal over WebSocket: handshake refusals, frames and the shell."""

from __future__ import annotations

from typing import Any

import pytest
from starlette.testclient import TestClient, WebSocketDenialResponse
from starlette.websockets import WebSocketDisconnect

from gpuaas_sim import Simulator
from gpuaas_sim.http.terminal import BadFrame, parse_frame
from gpuaas_sim.platform.catalog import SKUS
from gpuaas_sim.platform.terminal import ShellSession

from .conftest import Api, error_of


def active_allocation(api: Api, sim: Simulator, **body: Any) -> str:
    created = api.create(**body)
    assert created.status_code == 201, created.text
    sim.clock.advance(60)
    return created.json()["id"]


def mint(api: Api, allocation_id: str) -> dict[str, Any]:
    response = api.post(f"/v1/allocations/{allocation_id}/terminal-token")
    assert response.status_code == 201, response.text
    return response.json()


def path_of(grant: dict[str, Any]) -> str:
    return grant["ws_url"].removeprefix("ws://testserver")


def read_until(ws: Any, text: str) -> str:
    """Everything the terminal writes (stdout and stderr) until `text` has appeared."""
    seen = ""
    while text not in seen:
        frame = ws.receive_json()
        assert frame["type"] in ("stdout", "stderr"), frame
        seen += frame["data"]
    return seen


@pytest.fixture
def alloc(api: Api, sim: Simulator) -> str:
    return active_allocation(api, sim)


@pytest.fixture
def prompt(alloc: str) -> str:
    return f"ubuntu@{alloc}:~$ "


def test_the_session_opens_with_a_banner_and_a_prompt(api, client, alloc, prompt):
    with client.websocket_connect(path_of(mint(api, alloc))) as ws:
        first = ws.receive_json()

    assert first["type"] == "stdout"
    assert "Welcome to GPUaaS" in first["data"] and first["data"].endswith(prompt)


def test_commands_echo_the_line_and_answer_on_stdout(api, client, alloc, prompt):
    with client.websocket_connect(path_of(mint(api, alloc))) as ws:
        read_until(ws, prompt)
        ws.send_json({"type": "stdin", "data": "echo hello   world\r"})
        echoed = read_until(ws, prompt)
        ws.send_json({"type": "stdin", "data": "pwd; whoami\r"})
        both = read_until(ws, prompt)

    assert echoed == f"echo hello   world\r\nhello world\r\n{prompt}"
    assert both == f"pwd; whoami\r\n/home/ubuntu\r\nubuntu\r\n{prompt}"


def test_resize_is_silent_and_stty_size_reports_it(api, client, alloc, prompt):
    with client.websocket_connect(path_of(mint(api, alloc))) as ws:
        read_until(ws, prompt)
        ws.send_json({"type": "resize", "cols": 132, "rows": 43})
        ws.send_json({"type": "stdin", "data": "stty size\r"})
        first = ws.receive_json()
        rest = read_until(ws, prompt)

    assert first == {"type": "stdout", "data": "stty size\r\n"}  # no frame answered the resize
    assert rest == f"43 132\r\n{prompt}"


def test_nvidia_smi_shows_the_allocations_gpus(api, client, sim):
    alloc = active_allocation(api, sim, gpus_total=3)
    prompt = f"ubuntu@{alloc}:~$ "
    with client.websocket_connect(path_of(mint(api, alloc))) as ws:
        read_until(ws, prompt)
        ws.send_json({"type": "stdin", "data": "nvidia-smi\r"})
        table = read_until(ws, prompt)

    gpu_rows = [line for line in table.split("\r\n") if "NVIDIA H200 SXM" in line]
    assert len(gpu_rows) == 3
    assert "144384MiB" in table and "Driver Version" in table
    assert len({len(line) for line in table.split("\r\n") if line.startswith("|")}) == 1


def test_unknown_commands_write_to_stderr_and_set_the_status(api, client, alloc, prompt):
    with client.websocket_connect(path_of(mint(api, alloc))) as ws:
        read_until(ws, prompt)
        ws.send_json({"type": "stdin", "data": "nvidia-smi2\r"})
        frames = [ws.receive_json() for _ in range(3)]
        ws.send_json({"type": "stdin", "data": "echo $?; true; echo $?\r"})
        statuses = read_until(ws, prompt)

    assert frames[1] == {"type": "stderr", "data": "bash: nvidia-smi2: command not found\r\n"}
    assert frames[2] == {"type": "stdout", "data": prompt}
    assert "127\r\n0\r\n" in statuses


def test_exit_sends_the_code_then_closes_normally(api, client, alloc, prompt):
    with client.websocket_connect(path_of(mint(api, alloc))) as ws:
        read_until(ws, prompt)
        ws.send_json({"type": "stdin", "data": "exit 3\r"})
        echoed = ws.receive_json()
        last = ws.receive_json()
        with pytest.raises(WebSocketDisconnect) as closed:
            ws.receive_json()

    assert echoed == {"type": "stdout", "data": "exit 3\r\n"}
    assert last == {"type": "exit", "code": 3}
    assert closed.value.code == 1000


@pytest.mark.parametrize(
    "send",
    [
        lambda ws: ws.send_bytes(b'{"type":"stdin","data":"pwd\\r"}'),
        lambda ws: ws.send_text("pwd\r"),
        lambda ws: ws.send_json({"type": "stdout", "data": "x"}),
        lambda ws: ws.send_json({"type": "stdin", "data": "pwd\r", "extra": 1}),
        lambda ws: ws.send_json({"type": "resize", "cols": 0, "rows": 24}),
        lambda ws: ws.send_json({"type": "resize", "cols": 80, "rows": True}),
    ],
    ids=["binary", "not-json", "server-frame", "extra-field", "zero-cols", "bool-rows"],
)
def test_frames_outside_the_contract_close_with_1003(api, client, alloc, prompt, send):
    with client.websocket_connect(path_of(mint(api, alloc))) as ws:
        read_until(ws, prompt)
        send(ws)
        with pytest.raises(WebSocketDisconnect) as closed:
            ws.receive_json()

    assert closed.value.code == 1003


def refusal(client: TestClient, path: str) -> WebSocketDenialResponse:
    with pytest.raises(WebSocketDenialResponse) as refused, client.websocket_connect(path):
        pass
    return refused.value


def test_a_token_opens_one_session_only(api, client, alloc, prompt):
    grant = mint(api, alloc)
    with client.websocket_connect(path_of(grant)) as ws:
        read_until(ws, prompt)

    again = refusal(client, path_of(grant))

    assert again.status_code == 401 and error_of(again)["code"] == "token_invalid"


def test_bad_missing_and_foreign_tokens_are_refused_with_401(api, client, sim, alloc):
    other = active_allocation(api, sim)
    foreign = mint(api, other)["token"]

    cases = [
        f"/v1/allocations/{alloc}/terminal?token=tt_made_up",
        f"/v1/allocations/{alloc}/terminal",
        f"/v1/allocations/{alloc}/terminal?token={foreign}",
    ]

    for path in cases:
        refused = refusal(client, path)
        assert refused.status_code == 401, path
        assert error_of(refused)["code"] == "token_invalid"


def test_an_expired_token_is_refused_with_token_expired(api, client, sim, alloc):
    grant = mint(api, alloc)
    sim.clock.advance(grant["expires_in"] + 1)

    refused = refusal(client, path_of(grant))
    replayed = refusal(client, path_of(grant))

    assert refused.status_code == 401 and error_of(refused)["code"] == "token_expired"
    assert error_of(replayed)["code"] == "token_expired"


def test_an_unknown_allocation_is_refused_with_404(client):
    refused = refusal(client, "/v1/allocations/alloc-00000000/terminal?token=tt_x")

    assert refused.status_code == 404 and error_of(refused)["code"] == "allocation_not_found"


def test_an_allocation_no_longer_active_is_refused_with_409(api, client, alloc):
    grant = mint(api, alloc)
    assert api.post(f"/v1/allocations/{alloc}/release").status_code == 200

    refused = refusal(client, path_of(grant))

    assert refused.status_code == 409
    error = error_of(refused)
    assert error["code"] == "allocation_not_active" and error["details"]["status"] == "releasing"


def test_the_session_outlives_its_tokens_expiry(api, client, sim, alloc, prompt):
    with client.websocket_connect(path_of(mint(api, alloc))) as ws:
        read_until(ws, prompt)
        sim.clock.advance(3600)
        ws.send_json({"type": "stdin", "data": "echo still here\r"})
        answer = read_until(ws, prompt)

    assert "still here\r\n" in answer


# -- the shell on its own --------------------------------------------------------


def shell() -> ShellSession:
    return ShellSession(user="ubuntu", hostname="alloc-1", sku=SKUS[0], gpus=1)


def text_of(frames: list[dict[str, Any]]) -> str:
    return "".join(f["data"] for f in frames if f["type"] in ("stdout", "stderr"))


def test_the_shell_edits_the_line_like_a_tty():
    session = shell()

    typed = session.feed("echo abX\x7fc\r")

    assert text_of(typed) == "echo abX\b \bc\r\nabc\r\nubuntu@alloc-1:~$ "


def test_ctrl_c_drops_the_line_and_ctrl_d_logs_out_with_the_last_status():
    session = shell()

    interrupted = session.feed("sleep 100\x03")
    logged_out = session.feed("\x04")

    assert text_of(interrupted).endswith("^C\r\nubuntu@alloc-1:~$ ")
    assert logged_out[-1] == {"type": "exit", "code": 130}
    assert session.feed("echo ignored\r") == []


def test_exit_takes_a_numeric_status_only():
    assert shell().feed("exit 300\r")[-1] == {"type": "exit", "code": 44}
    bad = shell().feed("exit soon\r")
    assert bad[-1] == {"type": "exit", "code": 2}
    assert "numeric argument required" in text_of(bad)


@pytest.mark.parametrize(
    "text",
    [
        "[]",
        '{"type":"stdin"}',
        '{"type":"stdin","data":3}',
        '{"type":"resize","cols":1001,"rows":1}',
    ],
)
def test_parse_frame_refuses_anything_but_the_contracts_frames(text):
    with pytest.raises(BadFrame):
        parse_frame(text)


def test_parse_frame_accepts_the_contracts_frames():
    assert parse_frame('{"type":"resize","cols":1000,"rows":1}')["cols"] == 1000
    assert parse_frame('{"type":"stdin","data":"\\u0003"}')["data"] == "\x03"


def test_exit_without_a_status_keeps_the_last_commands():
    session = shell()

    frames = session.feed("nope; exit\r")

    assert frames[-1] == {"type": "exit", "code": 127}


# -- browsers: the subprotocol, the page, the open sessions ------------------------------

BROWSER = "gpuaas.terminal.v1"


def closed_after_accepting(client: TestClient, path: str) -> WebSocketDisconnect:
    """A refusal a browser can read: the handshake succeeds, then a close says why."""
    with client.websocket_connect(path, subprotocols=[BROWSER]) as ws:
        assert ws.accepted_subprotocol == BROWSER
        with pytest.raises(WebSocketDisconnect) as closed:
            ws.receive_json()
    return closed.value


def test_a_browser_client_reads_refusals_as_close_codes(api, client, sim, alloc):
    expired = mint(api, alloc)
    sim.clock.advance(expired["expires_in"] + 1)
    used = mint(api, alloc)
    with client.websocket_connect(path_of(used)):
        pass
    released = mint(api, alloc)
    assert api.post(f"/v1/allocations/{alloc}/release").status_code == 200

    closes = [
        closed_after_accepting(client, path)
        for path in (
            path_of(expired),
            path_of(used),
            "/v1/allocations/alloc-00000000/terminal?token=tt_x",
            path_of(released),
        )
    ]

    assert [(c.code, c.reason) for c in closes] == [
        (4401, "token_expired"),
        (4401, "token_invalid"),
        (4404, "allocation_not_found"),
        (4409, "allocation_not_active"),
    ]


def test_a_browser_client_gets_the_same_shell_under_the_subprotocol(api, client, alloc, prompt):
    with client.websocket_connect(path_of(mint(api, alloc)), subprotocols=[BROWSER]) as ws:
        assert ws.accepted_subprotocol == BROWSER
        read_until(ws, prompt)
        ws.send_json({"type": "stdin", "data": "echo ready\r"})
        assert read_until(ws, prompt) == f"echo ready\r\nready\r\n{prompt}"


def test_open_sessions_are_listed_with_their_size_until_they_close(api, client, sim, alloc, prompt):
    assert sim.terminals.of(alloc) == []
    with client.websocket_connect(path_of(mint(api, alloc))) as ws:
        read_until(ws, prompt)
        ws.send_json({"type": "resize", "cols": 132, "rows": 43})
        ws.send_json({"type": "stdin", "data": "true\r"})
        read_until(ws, prompt)  # the resize before it was handled

        (shell,) = sim.terminals.of(alloc)
        assert (shell.cols, shell.rows) == (132, 43)
    assert sim.terminals.of(alloc) == []


def test_the_token_comes_with_the_url_of_the_terminal_page(api, client, alloc):
    grant = mint(api, alloc)

    assert grant["page_url"] == f"http://testserver/terminal/{alloc}#token={grant['token']}"
    page = client.get(grant["page_url"].split("#")[0])
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert grant["token"] not in page.text
    assert f'data-allocation-id="{alloc}"' in page.text


def test_the_terminal_page_escapes_what_the_path_says_and_locks_itself_down(client):
    page = client.get("/terminal/%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E")

    assert page.status_code == 200
    assert "<img src=x" not in page.text
    assert "&lt;img src=x onerror=alert(1)&gt;" in page.text
    policy = page.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert page.headers["cache-control"] == "no-store"
    assert page.headers["referrer-policy"] == "no-referrer"


def test_without_bundled_xterm_the_page_says_what_to_do(client, monkeypatch):
    from gpuaas_sim.web import terminal_page

    monkeypatch.setattr(terminal_page, "xterm_bundled", lambda: False)

    page = client.get("/terminal/alloc-1")

    assert page.status_code == 200
    assert "The browser terminal is not installed here" in page.text
    assert "make setup" in page.text
    assert 'xterm.js" defer' not in page.text and "terminal.js" not in page.text
