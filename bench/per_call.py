"""Comparison (1): what one GET parsed into a model costs, the SDK against its peers.

The same canned Allocation from the loopback server is fetched by the facade
(`client.allocations.get`, a typed model), the generated layer on its own client,
and by hand with each HTTP library a user might pick, parsing with `json.loads`
(no model at all): httpx (the floor of the sync target), httpx2, urllib3,
requests and the standard library's `http.client`; async: httpx, httpx2 and
aiohttp (the floor of the async target).

Sync: sequential calls on one keep-alive connection, interleaved rounds. Async:
1,000 calls with 10, 100 or 1,000 in flight, each sample in a fresh process.
Targets: sync facade <= 1.00x raw httpx (and, aimed at, <= 1.5x raw urllib3);
async facade <= 1.5x raw aiohttp at every concurrency.
"""

from __future__ import annotations

import asyncio
import http.client
import json
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from bench._rows import Row
from bench._server import ALLOCATION_ID, ServerProcess
from bench._timing import interleaved, per_item_us

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "bench-token"
HEADERS = {"Authorization": f"Bearer {TOKEN}"}
PATH = f"/v1/allocations/{ALLOCATION_ID}"
SYNC_FLOOR = "raw httpx + json.loads"
ASYNC_FLOOR = "raw aiohttp + json.loads"
SYNC_TARGET = "<= 1.00x"
URLLIB3_TARGET = "<= 1.5x"
ASYNC_TARGET = "<= 1.5x"
# Every variant gets the same 60 s: httpx's 5 s pool timeout is too short for 1,000 calls
# queued on 100 connections.
TIMEOUT = 60.0
CALLS = 1000
IN_FLIGHT = (10, 100, 1000)
WARM_UP = 150  # concurrent calls that open the pools' connections before timing


@contextmanager
def _sync_variants(base_url: str, calls: int) -> Iterator[dict[str, Callable[[], float]]]:
    import httpx
    import httpx2
    import requests
    import urllib3
    from gpuaas_api import AuthenticatedClient
    from gpuaas_api.api.allocations import get_allocation

    from gpuaas_sdk import Client

    url = urlsplit(base_url)
    with ExitStack() as stack:
        raw = stack.enter_context(httpx.Client(base_url=base_url, headers=HEADERS))
        raw2 = stack.enter_context(httpx2.Client(base_url=base_url, headers=HEADERS))
        pool = urllib3.HTTPConnectionPool(url.hostname or "", url.port, headers=HEADERS)
        stack.callback(pool.close)
        session = stack.enter_context(requests.Session())
        session.headers.update(HEADERS)
        connection = http.client.HTTPConnection(url.hostname or "", url.port)
        stack.callback(connection.close)
        generated = stack.enter_context(AuthenticatedClient(base_url=base_url, token=TOKEN))
        facade = stack.enter_context(Client(base_url, auth=TOKEN))

        def stdlib() -> object:
            connection.request("GET", PATH, headers=HEADERS)
            return json.loads(connection.getresponse().read())

        def timed(call: Callable[[], object]) -> Callable[[], float]:
            return lambda: per_item_us(call, calls)

        yield {
            SYNC_FLOOR: timed(lambda: json.loads(raw.get(PATH).content)),
            "raw httpx2 + json.loads": timed(lambda: json.loads(raw2.get(PATH).content)),
            "raw urllib3 + json.loads": timed(lambda: json.loads(pool.request("GET", PATH).data)),
            "raw requests + json.loads": timed(
                lambda: json.loads(session.get(base_url + PATH).content)
            ),
            "raw http.client + json.loads": timed(stdlib),
            "generated": timed(
                lambda: get_allocation.sync_detailed(ALLOCATION_ID, client=generated).parsed
            ),
            "facade": timed(lambda: facade.allocations.get(ALLOCATION_ID)),
        }


def _sync_rows(base_url: str, quick: bool) -> list[Row]:
    calls, rounds = (200, 5) if quick else (300, 11)
    with _sync_variants(base_url, calls) as variants:
        samples = interleaved(variants, rounds)
    group = "per-call (sync)"
    rows = [
        Row(group, name, "µs/call", values, baseline=None if name == SYNC_FLOOR else SYNC_FLOOR,
            target=SYNC_TARGET if name == "facade" else None)
        for name, values in samples.items()
    ]  # fmt: skip
    floor = "raw urllib3 + json.loads"
    versus = "per-call (sync), against urllib3"
    rows += [
        Row(versus, floor, "µs/call", samples[floor]),
        Row(versus, "facade", "µs/call", samples["facade"], baseline=floor, target=URLLIB3_TARGET),
    ]
    return rows


async def _fan_out(call: Callable[[], Awaitable[object]], count: int, in_flight: int) -> float:
    """Milliseconds for `count` calls with at most `in_flight` of them at once."""
    gate = asyncio.Semaphore(in_flight)

    async def gated() -> object:
        async with gate:
            return await call()

    started = time.perf_counter()
    await asyncio.gather(*(gated() for _ in range(count)))
    return (time.perf_counter() - started) * 1000


async def _one_fan_out(base_url: str, variant: str, count: int, in_flight: int) -> float:
    """One sample of one async variant (in a fresh process), after a warm-up."""
    async with _AsyncCall(base_url, variant) as call:
        await _fan_out(call, max(WARM_UP, in_flight), min(WARM_UP, in_flight))
        return await _fan_out(call, count, in_flight)


class _AsyncCall:
    """The call of one async variant, its client open for the duration."""

    def __init__(self, base_url: str, variant: str) -> None:
        self.base_url, self.variant = base_url, variant
        self._close: Callable[[], Awaitable[Any]] | None = None

    async def __aenter__(self) -> Callable[[], Awaitable[object]]:
        base_url = self.base_url
        if self.variant == ASYNC_FLOOR:
            import aiohttp

            session = aiohttp.ClientSession(
                base_url, headers=HEADERS, timeout=aiohttp.ClientTimeout(total=TIMEOUT)
            )
            self._close = session.close

            async def aiohttp_call() -> object:
                async with session.get(PATH) as response:
                    return json.loads(await response.read())

            return aiohttp_call
        if self.variant in ("raw httpx + json.loads", "raw httpx2 + json.loads"):
            library: Any = __import__("httpx2" if "httpx2" in self.variant else "httpx")
            raw = library.AsyncClient(base_url=base_url, headers=HEADERS, timeout=TIMEOUT)
            self._close = raw.aclose

            async def httpx_call() -> object:
                return json.loads((await raw.get(PATH)).content)

            return httpx_call
        from gpuaas_sdk import AsyncClient

        facade = AsyncClient(base_url, auth=TOKEN, timeout=TIMEOUT)
        self._close = facade.aclose
        return lambda: facade.allocations.get(ALLOCATION_ID)

    async def __aexit__(self, *exc: object) -> None:
        assert self._close is not None
        await self._close()


ASYNC_VARIANTS = [ASYNC_FLOOR, "raw httpx + json.loads", "raw httpx2 + json.loads", "facade"]


def _async_rows(base_url: str, quick: bool) -> list[Row]:
    """Each sample in a fresh process: a second burst in one process runs several times
    slower than the first on httpx (httpcore's pool after a burst), so samples sharing a
    process would measure their order, not the libraries."""
    rounds = 1 if quick else 3
    rows: list[Row] = []
    for in_flight in IN_FLIGHT:
        variants = list(ASYNC_VARIANTS)
        samples: dict[str, list[float]] = {name: [] for name in variants}
        for _ in range(rounds):  # rotated, so no variant always runs first or last
            for name in variants:
                argv = [sys.executable, "-m", "bench.per_call", "--fan-out", name, base_url,
                        str(CALLS), str(in_flight)]  # fmt: skip
                done = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, check=True)  # noqa: S603
                samples[name].append(float(done.stdout.strip()))
            variants = variants[1:] + variants[:1]
        group = f"async: {CALLS:,} calls, {in_flight:,} in flight"
        rows += [
            Row(group, name, "ms", samples[name],
                baseline=None if name == ASYNC_FLOOR else ASYNC_FLOOR,
                target=ASYNC_TARGET if name == "facade" else None)
            for name in ASYNC_VARIANTS
        ]  # fmt: skip
    return rows


def run(*, quick: bool) -> list[Row]:
    with ServerProcess() as base_url:
        return _sync_rows(base_url, quick) + _async_rows(base_url, quick)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--fan-out"]:  # one sample of `_async_rows`, in its own process
        variant, base, calls, in_flight = sys.argv[2:6]
        print(asyncio.run(_one_fan_out(base, variant, int(calls), int(in_flight))))
    else:
        for row in run(quick=True):
            print(row.group, row.name, sorted(round(x, 1) for x in row.samples))
