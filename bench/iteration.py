"""Comparison (3): 100,000 usage records through the lazy iterator.

`client.billing.usage()` walks the loopback server's cursor pages (1,000 records a
page) into `UsageRecord` models. Throughput is compared with raw httpx walking the
same pages with `json.loads`; peak memory growth (tracemalloc, in a run of its own
since tracing slows everything) is measured at several counts to show it stays
flat: the pager holds one page at a time. Target: < 20 MB at every count.
"""

from __future__ import annotations

import functools
import json
import time
import tracemalloc
from collections.abc import Callable

import httpx

from bench._rows import Row
from bench._server import ServerProcess
from bench._timing import interleaved
from gpuaas_sdk import Client

PAGE = 1000
PATH = "/v1/billing/usage"


def _facade_walk(client: Client, count: int) -> int:
    seen = 0
    for _record in client.billing.usage(page_size=PAGE):
        seen += 1
        if seen == count:
            break
    return seen


def _raw_walk(raw: httpx.Client, count: int) -> int:
    seen, cursor = 0, None
    while True:
        params = {"limit": PAGE, **({"cursor": cursor} if cursor else {})}
        page = json.loads(raw.get(PATH, params=params).content)
        for _record in page["items"]:
            seen += 1
            if seen == count:
                return seen
        cursor = page["next_cursor"]
        if cursor is None:
            return seen


def _per_second(walk: Callable[[], int]) -> float:
    started = time.perf_counter()
    seen = walk()
    return seen / (time.perf_counter() - started)


def _peak_growth_mb(walk: Callable[[], int]) -> float:
    tracemalloc.start()
    try:
        before, _ = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        walk()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return (peak - before) / 1e6


def run(*, quick: bool) -> list[Row]:
    total = 100_000
    counts = (10_000, 100_000) if quick else (10_000, 50_000, 100_000)
    rounds = 2 if quick else 3
    rows: list[Row] = []
    with (
        ServerProcess(total) as base_url,
        Client(base_url, auth="bench-token") as client,
        httpx.Client(base_url=base_url, headers={"Authorization": "Bearer bench-token"}) as raw,
    ):
        speed = interleaved(
            {
                "raw httpx + json.loads": lambda: _per_second(lambda: _raw_walk(raw, total)),
                "facade (lazy pager)": lambda: _per_second(lambda: _facade_walk(client, total)),
            },
            rounds,
        )
        group = f"iteration ({total:,} usage records)"
        rows += [
            Row(group, name, "records/s", values, higher_is_better=True,
                baseline=None if name.startswith("raw") else "raw httpx + json.loads")
            for name, values in speed.items()
        ]  # fmt: skip
        for count in counts:
            growth = [_peak_growth_mb(functools.partial(_facade_walk, client, count))]
            rows.append(Row("iteration: peak memory growth", f"{count:,} records", "MB",
                            growth, target="< 20 MB"))  # fmt: skip
    return rows


if __name__ == "__main__":
    for row in run(quick=True):
        print(row.group, row.name, [round(x, 1) for x in row.samples])
