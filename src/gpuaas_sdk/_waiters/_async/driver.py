"""The one driver of every wait: events wake it, GETs decide, the `Waiter` keeps time."""

from __future__ import annotations

import functools
from collections.abc import Collection
from enum import Enum
from typing import TYPE_CHECKING, TypeVar

from ..._core.call import WaitOptions, arun
from ..._core.concurrency import async_sleep
from ..._core.headers import retry_after
from ..specs import WaiterSpec
from ..waiter import STREAM_OPEN_TIMEOUT, TRANSIENT_POLL_ERRORS, WaitProgressCallback
from .feed import AsyncEventFeed

if TYPE_CHECKING:
    from gpuaas_api.client import Client as GeneratedClient

T = TypeVar("T")


async def wait_until(
    raw: GeneratedClient,
    spec: WaiterSpec[T],
    resource_id: str,
    *,
    states: Collection[str | Enum],
    timeout: float | None,
    use_events: bool,
    progress: WaitProgressCallback | None,
    options: WaitOptions,
) -> T:
    """Wait until the resource reaches one of `states`; return it, as its last GET read it.

    Opens the event stream first (when the resource has events and `use_events`), so a
    change between the first GET and the stream is not missed; confirms each announced
    change with a GET; polls when the stream is refused or gone.
    """
    waiter = spec.waiter(resource_id, states, timeout, progress)
    call = spec.call(resource_id)
    feed = None
    if use_events and spec.event_type is not None:
        matches = functools.partial(spec.announces, resource_id)
        feed = AsyncEventFeed(raw.get_async_httpx_client(), spec.event_type, matches)
    try:
        live = feed is not None and await feed.open(min(waiter.remaining, STREAM_OPEN_TIMEOUT))
        while True:
            try:
                answer = await arun(raw, call, options)
            except TRANSIENT_POLL_ERRORS as exc:
                waiter.missed(exc)
            else:
                if waiter.reached(answer.parse(), retry_after(answer.headers)):
                    return answer.parse()
            live = live and feed is not None and feed.alive
            delay = waiter.next_delay(following_events=live)
            if live and feed is not None:
                await feed.wait(delay)
            else:
                await async_sleep(delay)
    finally:
        if feed is not None:
            await feed.close()
