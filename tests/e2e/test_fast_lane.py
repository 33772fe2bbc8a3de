"""An `AsyncClient` sends plain calls' first attempts on its fast lane, and what users see is
what the whole way through httpx gives: the same requests on the wire, the same answers,
retries, refreshes and typed errors, and nothing sent twice."""

from __future__ import annotations

import asyncio
import gzip
import json
import logging
import socket
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from gpuaas_api.http_stack import httpx

from gpuaas_sdk import AsyncClient, RetryPolicy
from gpuaas_sdk._core.aiohttp_transport import AiohttpTransport
from gpuaas_sdk.auth import DevPasswordAuth
from gpuaas_sdk.errors import AllocationNotFound, APIConnectionError
from gpuaas_sim import Simulator
from gpuaas_sim.runtime.faults import Fault

FAST_RETRIES = RetryPolicy(max_retries=2, initial_backoff=0.01, max_backoff=0.02)


@pytest.fixture
def whole_way_sends(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths the aiohttp transport sent the whole way (not on the fast lane)."""
    sent: list[str] = []
    real = AiohttpTransport.handle_async_request

    async def recorded(self: AiohttpTransport, request: httpx.Request) -> httpx.Response:
        sent.append(request.url.path)
        return await real(self, request)

    monkeypatch.setattr(AiohttpTransport, "handle_async_request", recorded)
    return sent


def _run(base_url: str, work: Callable[[AsyncClient], Awaitable[Any]], **options: Any) -> Any:
    async def main() -> Any:
        async with AsyncClient(base_url, **options) as client:
            return await work(client)

    return asyncio.run(main())


def _attempts(sim: Simulator, path: str) -> list[str | None]:
    return [r.headers.get("gpuaas-attempt") for r in sim.requests_log if r.path == path]


async def _regions(client: AsyncClient) -> list[Any]:
    return (await client.catalog.list_regions().first_page()).items


def _signed_in(client: AsyncClient) -> Awaitable[Any]:
    return client.auth.whoami()  # the first token is fetched the whole way


def test_a_plain_get_takes_the_lane_and_sends_what_httpx_would(
    base_url: str, sim: Simulator, whole_way_sends: list[str]
) -> None:
    async def work(client: AsyncClient) -> Any:
        alloc = await client.allocations.create(sku="h200-sxm-slice", gpus_total=1)
        whole_way_sends.clear()
        return alloc, await client.allocations.with_raw_response.get(alloc.id)

    alloc, raw = _run(base_url, work, auth=DevPasswordAuth("dev-user", "dev123"))

    path = f"/v1/allocations/{alloc.id}"
    assert whole_way_sends == []  # the lane sent it
    assert raw.parse().id == alloc.id and raw.status_code == 200 and raw.correlation_id
    seen = [r.headers for r in sim.requests_log if r.path == path]
    assert len(seen) == 1
    assert seen[0]["gpuaas-attempt"] == "1"
    assert seen[0]["authorization"].startswith("Bearer ")
    assert seen[0]["user-agent"].startswith("gpuaas-sdk/")
    request = raw.http_response.request  # built on demand, as httpx would have sent it
    assert request.method == "GET" and request.url.path == path
    assert request.headers["Authorization"] == seen[0]["authorization"]
    assert request.headers["GPUaaS-Attempt"] == "1"
    assert raw.headers["content-type"] == "application/json"
    assert raw.http_response.elapsed.total_seconds() > 0


def test_headers_set_on_the_client_later_reach_the_wire_on_the_lane(
    base_url: str, sim: Simulator, whole_way_sends: list[str]
) -> None:
    async def work(client: AsyncClient) -> None:
        await _signed_in(client)
        http = client.raw.get_async_httpx_client()
        http.headers["X-Team"] = "vision"
        await _regions(client)
        http.headers["X-Team"] = "speech"  # the same header, another value
        await _regions(client)
        del http.headers["X-Team"]
        await _regions(client)

    _run(base_url, work, auth=DevPasswordAuth("dev-user", "dev123"))

    teams = [r.headers.get("x-team") for r in sim.requests_log if r.path.endswith("/regions")]
    assert teams == ["vision", "speech", None]
    assert "/v1/catalog/regions" not in whole_way_sends


def test_an_error_answer_is_the_typed_error_and_is_not_sent_again(
    base_url: str, sim: Simulator, whole_way_sends: list[str]
) -> None:
    async def work(client: AsyncClient) -> Any:
        await _signed_in(client)
        whole_way_sends.clear()
        with pytest.raises(AllocationNotFound) as caught:
            await client.allocations.get("alloc-none")
        return caught.value

    error = _run(base_url, work, auth=DevPasswordAuth("dev-user", "dev123"), retry=FAST_RETRIES)

    assert _attempts(sim, "/v1/allocations/alloc-none") == ["1"]
    assert whole_way_sends == []
    assert error.response is not None and error.response.status_code == 404
    assert error.request is not None and error.request.headers["GPUaaS-Attempt"] == "1"


def test_a_transient_failure_is_retried_by_the_policy_from_the_lanes_attempt(
    base_url: str, sim: Simulator, whole_way_sends: list[str]
) -> None:
    async def work(client: AsyncClient) -> Any:
        await _signed_in(client)
        sim.faults.add(Fault("GET", "/v1/catalog/regions", times=2, status=503, retry_after=0))
        whole_way_sends.clear()
        return await _regions(client)

    regions = _run(base_url, work, auth=DevPasswordAuth("dev-user", "dev123"), retry=FAST_RETRIES)

    assert regions
    assert _attempts(sim, "/v1/catalog/regions") == ["1", "2", "3"]
    assert whole_way_sends == ["/v1/catalog/regions"] * 2  # the retries; the first was the lane's


def test_an_expired_token_is_refreshed_and_the_call_sent_once_more(
    base_url: str, sim: Simulator
) -> None:
    async def work(client: AsyncClient) -> Any:
        await _signed_in(client)
        sim.faults.add(Fault("GET", "/v1/catalog/regions", kind="expire_token"))
        mark = len(sim.requests_log)
        regions = await _regions(client)
        return regions, [(r.method, r.path) for r in sim.requests_log[mark:]]

    regions, sent = _run(base_url, work, auth=DevPasswordAuth("dev-user", "dev123"))

    assert regions
    assert sent == [
        ("GET", "/v1/catalog/regions"),  # 401 token_expired, on the lane
        ("POST", "/v1/auth/token/refresh"),
        ("GET", "/v1/catalog/regions"),
    ]


def test_a_refused_connection_is_retried_then_a_connection_error_naming_the_url(
    whole_way_sends: list[str],
) -> None:
    with socket.socket() as unused:  # bound, never listening: connections are refused
        unused.bind(("127.0.0.1", 0))
        base_url = f"http://127.0.0.1:{unused.getsockname()[1]}"
        error = _run(base_url, _refused, auth="token", retry=FAST_RETRIES)

    assert f"GET {base_url}/v1/allocations/alloc-1" in str(error)
    assert whole_way_sends == ["/v1/allocations/alloc-1"] * 2  # after the lane's attempt


async def _refused(client: AsyncClient) -> APIConnectionError:
    with pytest.raises(APIConnectionError) as caught:
        await client.allocations.get("alloc-1")
    return caught.value


def test_hooks_cookies_and_debug_logs_see_every_request_the_whole_way(
    base_url: str, sim: Simulator, whole_way_sends: list[str], caplog: pytest.LogCaptureFixture
) -> None:
    hooked: list[str] = []

    async def work(client: AsyncClient) -> None:
        await _regions(client)
        client.raw.get_async_httpx_client().cookies.set("pref", "dark")
        await _regions(client)

    def hook(request: httpx.Request) -> None:
        hooked.append(request.url.path)

    _run(base_url, work, auth=DevPasswordAuth("dev-user", "dev123"), on_request=hook)
    with caplog.at_level(logging.DEBUG, logger="gpuaas_sdk"):
        _run(base_url, _signed_in_regions, auth=DevPasswordAuth("dev-user", "dev123"))

    assert hooked.count("/v1/catalog/regions") == 2
    cookies = [r.headers.get("cookie") for r in sim.requests_log if r.path.endswith("/regions")]
    assert cookies == [None, "pref=dark", None]
    assert whole_way_sends.count("/v1/catalog/regions") == 3
    assert any("GET /v1/catalog/regions -> 200" in m for m in caplog.messages)


async def _signed_in_regions(client: AsyncClient) -> list[Any]:
    await _signed_in(client)
    return await _regions(client)


class _CannedServer:
    """A loopback server answering every request with `answer`, recording the requests."""

    def __init__(self, answer: bytes) -> None:
        self.answer = answer
        self.requests: list[bytes] = []

    async def __aenter__(self) -> str:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        port = self._server.sockets[0].getsockname()[1]
        return f"http://127.0.0.1:{port}"

    async def __aexit__(self, *exc: object) -> None:
        self._server.close()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                self.requests.append(await reader.readuntil(b"\r\n\r\n"))
                writer.write(self.answer)
                await writer.drain()
        except asyncio.IncompleteReadError:  # the client hung up
            writer.close()


def _answer(body: bytes, *headers: str) -> bytes:
    lines = ["HTTP/1.1 200 OK", "Content-Type: application/json", *headers]
    lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


REGIONS = json.dumps(
    {"items": [{"code": "eu-1", "name": "Europe 1", "country": "DE"}], "next_cursor": None}
)


def test_a_cookie_the_platform_sets_is_sent_with_the_next_call() -> None:
    async def main() -> list[bytes]:
        server = _CannedServer(_answer(REGIONS.encode(), "Set-Cookie: lb=node-2; Path=/"))
        async with server as base_url, AsyncClient(base_url, auth="token") as client:
            await _regions(client)
            await _regions(client)
        return server.requests

    first, second = asyncio.run(main())

    assert b"cookie:" not in first.lower()
    assert b"cookie: lb=node-2" in second.lower()


def test_a_compressed_answer_is_decoded() -> None:
    async def main() -> Any:
        body = gzip.compress(REGIONS.encode())
        async with (
            _CannedServer(_answer(body, "Content-Encoding: gzip")) as base_url,
            AsyncClient(base_url, auth="token") as client,
        ):
            return await _regions(client)

    regions = asyncio.run(main())

    assert [r.code for r in regions] == ["eu-1"]
