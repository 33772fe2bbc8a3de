"""One "host" of a simulated fleet: sync workers on threads, async workers on one loop.

`python host.py '<plan as JSON>'`, with its own XDG_CONFIG_HOME (the profile `fleet`),
and whatever GPUAAS_* the test sets. Every worker has a client of its own, made from the
default credentials, as a separate worker process would. It prints `{"ready": true}`,
then for each line `go` on stdin:

- plan `{"mode": "rounds", "calls": n}`: every worker calls `whoami` n times, all at once;
- plan `{"mode": "rate", "per_worker": r, "seconds": s}`: every worker offers r calls a
  second for s seconds (skipping slots it fell behind on, never catching up in a burst);

and answers one JSON line: `{"ok": calls that succeeded, "errors": {code: count}}`.
"""

from __future__ import annotations

import asyncio
import functools
import json
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from gpuaas_sdk import AsyncClient, Client
from gpuaas_sdk.errors import SDKError


class Tally:
    def __init__(self) -> None:
        self.ok = 0
        self.errors: Counter[str] = Counter()
        self._lock = threading.Lock()

    def record(self, error: SDKError | None) -> None:
        with self._lock:
            if error is None:
                self.ok += 1
            else:
                self.errors[error.code] += 1

    def answer(self) -> dict[str, Any]:
        return {"ok": self.ok, "errors": dict(self.errors)}


def sync_calls(client: Client, plan: dict[str, Any], tally: Tally, start: float) -> None:
    for _ in slots(plan, start):
        try:
            client.auth.whoami()
        except SDKError as exc:
            tally.record(exc)
        else:
            tally.record(None)


async def async_calls(
    client: AsyncClient, plan: dict[str, Any], tally: Tally, start: float
) -> None:
    for pause in slots(plan, start, blocking=False):
        if pause:
            await asyncio.sleep(pause)
            continue
        try:
            await client.auth.whoami()
        except SDKError as exc:
            tally.record(exc)
        else:
            tally.record(None)


def slots(plan: dict[str, Any], start: float, *, blocking: bool = True) -> Any:
    """The worker's calls: n at once (rounds), or at its rate until the end (rate).

    A blocking worker sleeps here; an async one is handed the pause to await (a value
    > 0), then a 0 for each call.
    """
    if plan["mode"] == "rounds":
        for _ in range(plan["calls"]):
            yield 0
        return
    interval, end = 1 / plan["per_worker"], start + plan["seconds"]
    due = start
    while True:
        now = time.monotonic()
        if now >= end:
            return
        if due > now:
            if blocking:
                time.sleep(due - now)
            else:
                yield due - now
            continue
        yield 0
        due = max(due + interval, time.monotonic() - interval)


def main() -> None:
    plan = json.loads(sys.argv[1])
    sync_clients = [Client() for _ in range(plan["sync_workers"])]
    loop = asyncio.new_event_loop()
    threading.Thread(target=loop.run_forever, name="async-workers", daemon=True).start()

    async def make_async() -> list[AsyncClient]:
        return [AsyncClient() for _ in range(plan["async_workers"])]

    async_clients = asyncio.run_coroutine_threadsafe(make_async(), loop).result()
    pool = ThreadPoolExecutor(max_workers=max(1, len(sync_clients)))
    print(json.dumps({"ready": True}), flush=True)

    for line in sys.stdin:
        if line.strip() != "go":
            continue
        tally, start = Tally(), time.monotonic()

        async def run_async(tally: Tally = tally, start: float = start) -> None:
            await asyncio.gather(*(async_calls(c, plan, tally, start) for c in async_clients))

        pending = asyncio.run_coroutine_threadsafe(run_async(), loop)
        work = functools.partial(sync_calls, plan=plan, tally=tally, start=start)
        list(pool.map(work, sync_clients))
        pending.result()
        print(json.dumps(tally.answer()), flush=True)

    async def close_async() -> None:
        for client in async_clients:
            await client.aclose()

    asyncio.run_coroutine_threadsafe(close_async(), loop).result()
    for client in sync_clients:
        client.close()
    pool.shutdown()


if __name__ == "__main__":
    main()
