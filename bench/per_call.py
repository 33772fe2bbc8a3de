"""Comparison (1): what one GET parsed into a model costs, facade vs generated vs raw httpx.

The same canned Allocation from the loopback server is fetched three ways: the
facade (`client.allocations.get`), the generated layer (`get_allocation.sync_detailed`
on the generated client) and raw httpx + `json.loads` (the floor, no model at all).
Sync: sequential calls on one keep-alive connection. Async: 1,000 calls at once
through `asyncio.gather`. Target: the facade within 1.10x of raw httpx.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import httpx
from gpuaas_api import AuthenticatedClient
from gpuaas_api.api.allocations import get_allocation

from bench._rows import Row
from bench._server import ALLOCATION_ID, ServerProcess
from bench._timing import interleaved, per_item_us
from gpuaas_sdk import AsyncClient, Client

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "bench-token"
PATH = f"/v1/allocations/{ALLOCATION_ID}"
TARGET = "<= 1.10x"
# The facade's default; httpx's 5 s pool timeout is too short for 1,000 calls queued on 100
# connections, so every variant gets the same 60 s.
TIMEOUT = httpx.Timeout(60.0)
# Enough concurrent calls to open every pool's 100 connections. (httpcore hands connections
# to queued requests in O(queue) steps, so 1,000 queued calls cost seconds: that is the
# floor's cost as much as the SDK's, and why the fan-out runs only a few rounds.)
WARM_UP = 150


def _sync_rows(base_url: str, quick: bool) -> list[Row]:
    calls, rounds = (200, 5) if quick else (300, 11)
    headers = {"Authorization": f"Bearer {TOKEN}"}
    with (
        httpx.Client(base_url=base_url, headers=headers) as raw,
        AuthenticatedClient(base_url=base_url, token=TOKEN) as generated,
        Client(base_url, auth=TOKEN) as facade,
    ):
        variants = {
            "raw httpx + json.loads": lambda: per_item_us(
                lambda: json.loads(raw.get(PATH).content), calls
            ),
            "generated": lambda: per_item_us(
                lambda: get_allocation.sync_detailed(ALLOCATION_ID, client=generated).parsed, calls
            ),
            "facade": lambda: per_item_us(lambda: facade.allocations.get(ALLOCATION_ID), calls),
        }
        samples = interleaved(variants, rounds)
    return _rows("per-call (sync)", "µs/call", samples)


async def _fan_out(call: Callable[[], Awaitable[object]], count: int) -> float:
    started = time.perf_counter()
    await asyncio.gather(*(call() for _ in range(count)))
    return (time.perf_counter() - started) * 1000


async def _one_fan_out(base_url: str, variant: str, count: int) -> float:
    """Milliseconds for `count` concurrent calls of one variant, after a warm-up."""
    headers = {"Authorization": f"Bearer {TOKEN}"}
    async with (
        httpx.AsyncClient(base_url=base_url, headers=headers, timeout=TIMEOUT) as raw,
        AuthenticatedClient(base_url=base_url, token=TOKEN, timeout=TIMEOUT) as generated,
        AsyncClient(base_url, auth=TOKEN) as facade,
    ):

        async def raw_call() -> object:
            return json.loads((await raw.get(PATH)).content)

        async def generated_call() -> object:
            answer = await get_allocation.asyncio_detailed(ALLOCATION_ID, client=generated)
            return answer.parsed

        calls: dict[str, Callable[[], Awaitable[object]]] = {
            "raw httpx + json.loads": raw_call,
            "generated": generated_call,
            "facade": lambda: facade.allocations.get(ALLOCATION_ID),
        }
        await _fan_out(calls[variant], WARM_UP)  # open the pool's connections before timing
        return await _fan_out(calls[variant], count)


def _async_rows(base_url: str, quick: bool) -> list[Row]:
    """Each sample in a fresh process: a second 1,000-call burst in one process runs several
    times slower than the first, whichever variant it is (httpcore's pool after a burst), so
    samples sharing a process would measure their order, not the SDK."""
    count, rounds = 1000, (1 if quick else 3)
    variants = ["raw httpx + json.loads", "generated", "facade"]
    samples: dict[str, list[float]] = {name: [] for name in variants}
    for _ in range(rounds):  # rotated, so no variant always runs first or last
        for name in variants:
            argv = [sys.executable, "-m", "bench.per_call", "--fan-out", name, base_url, str(count)]
            done = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, check=True)  # noqa: S603
            samples[name].append(float(done.stdout.strip()))
        variants = variants[1:] + variants[:1]
    return _rows(f"async fan-out ({count} calls)", "ms", samples)


def _rows(group: str, unit: str, samples: dict[str, list[float]]) -> list[Row]:
    floor = "raw httpx + json.loads"
    return [
        Row(group, name, unit, values, baseline=None if name == floor else floor,
            target=TARGET if name == "facade" else None)
        for name, values in samples.items()
    ]  # fmt: skip


def run(*, quick: bool) -> list[Row]:
    with ServerProcess() as base_url:
        return _sync_rows(base_url, quick) + _async_rows(base_url, quick)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--fan-out"]:  # one sample of `_async_rows`, in its own process
        variant, base, calls = sys.argv[2:5]
        print(asyncio.run(_one_fan_out(base, variant, int(calls))))
    else:
        for row in run(quick=True):
            print(row.group, row.name, sorted(row.samples))
