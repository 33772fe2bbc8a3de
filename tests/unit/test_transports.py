"""The SDK's own transports beneath httpx (`_core/engine.py`): the standard library's for
`Client`, aiohttp's for `AsyncClient`, against a real server on loopback; the shared SSL
context, proxies from the environment and the HTTP stack the SDK runs on."""

from __future__ import annotations

import asyncio
import http.server
import os
import re
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest
from gpuaas_api.http_stack import httpx
from gpuaas_api.streaming import STREAM_EXTENSION

from gpuaas_sdk import AsyncClient, Client
from gpuaas_sdk._core.aiohttp_transport import AiohttpTransport
from gpuaas_sdk._core.engine import EnvironmentProxies, shared_ssl_context
from gpuaas_sdk._core.stdlib_transport import StdlibTransport
from gpuaas_sdk.errors import APIConnectionError

HEALTH = b'{"status": "ok", "version": "1.0.0", "time": "2026-04-01T12:00:00Z"}'


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    connections: ClassVar[set[tuple[str, int]]] = set()

    def log_message(self, *args: object) -> None:  # quiet
        pass

    def do_GET(self) -> None:
        self.connections.add(self.client_address)
        if self.path == "/v1/health":
            self._send(200, HEALTH)
        elif self.path == "/cut":  # promises 1,000,000 bytes, sends 10, hangs up
            self.send_response(200)
            self.send_header("Content-Length", "1000000")
            self.end_headers()
            self.wfile.write(b"x" * 10)
            self.wfile.flush()
            self.close_connection = True
        elif self.path == "/events":  # a first event at once, the next only when asked
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            self.wfile.write(b"8\r\ndata: 1\n\r\n")
            self.wfile.flush()
            RELEASE.wait(10)
            self.wfile.write(b"8\r\ndata: 2\n\r\n0\r\n\r\n")
            self.close_connection = True
        else:
            self._send(404, b'{"error": {"code": "not_found", "message": "no such path"}}')

    def do_PUT(self) -> None:
        length = int(self.headers["Content-Length"])
        body = self.rfile.read(length)
        self._send(200, str(len(body)).encode())

    def _send(self, status: int, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


RELEASE = threading.Event()
"""Lets `/events` send its second event."""


@pytest.fixture
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    RELEASE.clear()
    _Handler.connections = set()
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    RELEASE.set()
    httpd.shutdown()
    httpd.server_close()


def test_clients_send_through_the_sdks_transports_by_default(server: str) -> None:
    with Client(server, auth="t") as client:
        assert isinstance(client._transport, StdlibTransport)
        assert client.health.check().status == "ok"
    client = AsyncClient(server, auth="t")
    assert isinstance(client._transport, AiohttpTransport)

    async def main() -> str:
        async with client:
            return str((await client.health.check()).status)

    assert asyncio.run(main()) == "ok"


def test_the_sync_transport_keeps_one_connection_alive_across_calls(server: str) -> None:
    with Client(server, auth="t") as client:
        for _ in range(5):
            client.health.check()
    assert len(_Handler.connections) == 1


def test_a_body_cut_short_is_a_connection_error_not_a_short_answer(server: str) -> None:
    with Client(server, auth="t", max_retries=0) as client:
        http = client.raw.get_httpx_client()
        with pytest.raises(APIConnectionError, match="connection failed"):
            http.get("/cut")


def test_a_streamed_answer_arrives_as_it_is_sent(server: str) -> None:
    with Client(server, auth="t") as client:
        http = client.raw.get_httpx_client()
        streamed = {STREAM_EXTENSION: True}  # as the SDK's event streams are sent
        with http.stream("GET", "/events", extensions=streamed) as response:
            lines = response.iter_lines()
            assert next(lines) == "data: 1"  # before the server sends the rest
            RELEASE.set()
            assert next(lines) == "data: 2"


class _Slices(httpx.ByteStream):
    """A ByteStream subclass that streams (as the SDK's file slices do)."""

    def __init__(self) -> None:
        super().__init__(b"")

    def __iter__(self) -> Iterator[bytes]:
        yield from (b"a" * 1000 for _ in range(100))


def test_a_byte_stream_subclass_is_streamed_not_read_as_its_empty_bytes(server: str) -> None:
    transport = StdlibTransport(Client(server, auth="t")._settings)
    request = httpx.Request(
        "PUT", f"{server}/upload", headers={"Content-Length": "100000"}, stream=_Slices()
    )
    response = transport.handle_request(request)
    assert response.read() == b"100000"
    response.close()
    transport.close()


def test_waiting_past_the_pool_timeout_is_a_pool_timeout(server: str) -> None:
    with Client(server, auth="t", max_connections=1) as client:
        transport = client._transport
        request = httpx.Request(
            "GET", f"{server}/v1/health", extensions={"timeout": {"pool": 0.05}}
        )
        held = transport.handle_request(request)  # keeps the only connection
        with pytest.raises(httpx.PoolTimeout):
            transport.handle_request(request)
        held.close()
        transport.handle_request(request).close()  # free again


def test_every_client_shares_one_ssl_context_per_verify_value() -> None:
    assert shared_ssl_context(True) is shared_ssl_context(True)
    assert shared_ssl_context(False) is not shared_ssl_context(True)
    assert shared_ssl_context(False).check_hostname is False


def test_proxies_come_from_the_environment_and_no_proxy_goes_direct(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in ("http_proxy", "https_proxy", "all_proxy", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)
    monkeypatch.setenv("HTTPS_PROXY", "proxy.corp:3128")
    monkeypatch.setenv("NO_PROXY", "internal.example")
    proxies = EnvironmentProxies()
    assert proxies.for_origin("https", "api.gpuaas.example") == "http://proxy.corp:3128"
    assert proxies.for_origin("https", "internal.example") is None
    assert proxies.for_origin("http", "api.gpuaas.example") is None


def test_a_proxy_that_cannot_be_reached_is_a_connection_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{port}")
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    with (
        Client("http://api.gpuaas.test", auth="t", max_retries=0) as client,
        pytest.raises(APIConnectionError),
    ):
        client.health.check()


@pytest.mark.parametrize("stack", ["httpx", "httpx2"])
def test_the_sdk_runs_on_the_http_stack_named(stack: str) -> None:
    pytest.importorskip(stack)
    code = (
        "import gpuaas_api.http_stack as s, gpuaas_sdk._core.http as h;"
        "from gpuaas_sdk import Client;"
        "c = Client('http://127.0.0.1:9', auth='t');"
        "print(s.NAME, type(c._http).__mro__[1].__module__.split('.')[0], h.USER_AGENT)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "GPUAAS_HTTP_STACK": stack},
        capture_output=True,
        text=True,
        check=True,
    )
    name, client_library, agent = done.stdout.split(" ", 2)
    assert (name, client_library) == (stack, stack)
    assert f" {stack}/" in agent


def test_a_stack_that_is_not_one_fails_saying_which_are() -> None:
    done = subprocess.run(
        [sys.executable, "-c", "import gpuaas_api.http_stack"],
        env={**os.environ, "GPUAAS_HTTP_STACK": "requests"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode != 0
    assert "use one of httpx2, httpx" in done.stderr


def test_no_module_of_the_sdk_imports_httpx_but_through_the_stack() -> None:
    root = Path(__file__).resolve().parents[2]
    direct = [
        str(path.relative_to(root))
        for folder in ("src/gpuaas_sdk", "generated/gpuaas_api")
        for path in (root / folder).rglob("*.py")
        if re.search(r"^\s*(import httpx$|from httpx import)", path.read_text(), re.MULTILINE)
        and path.name != "http_stack.py"
    ]
    assert direct == []
