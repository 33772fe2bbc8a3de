"""A waiter's view of the account event stream: "something happened to my resource".

A waiter does not trust events for the final answer (it always confirms with a GET);
it only needs to wake up as soon as a status change of its resource is announced, and
to know when the stream is not there (refused by an older server, 403/404, or dropped
for good), so it can poll instead.

A background reader (a daemon thread for the sync client, a task for the async one)
follows the stream, resuming after drops, and hands each matching event to a mailbox;
the waiter waits on the mailbox with a timeout, so it wakes the moment an event
arrives and never waits past its own deadline, whatever the socket does. To stop, the
waiter sets a flag and unblocks the reader's read (a thread's socket is shut down,
since closing alone does not wake a blocked `recv` on Linux; a task is cancelled); the
stream, seeing the flag, does not reconnect.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from gpuaas_api.http_stack import httpx
from gpuaas_api.streaming import stream_events_request

from ..._core.concurrency import (
    EMPTY,
    AsyncBackground,
    AsyncFlag,
    AsyncMailbox,
    async_sleep,
    async_unblock_read,
)
from ..._streams._async.events import aiter_events
from ..._streams.sse import Event, EventStreamOptions, UnknownEvent

__all__ = ["AsyncEventFeed", "Matcher"]

log = logging.getLogger("gpuaas_sdk")

Matcher = Callable[[Event | UnknownEvent], bool]
"""Whether an event is a status change of the resource being waited for."""

_DEAD = object()
"""Put in the mailbox when the stream is gone for good: the waiter polls from then on."""


class _Stopped(Exception):
    """Raised into the stream's reconnection when the waiter is done with it."""


def _request_for(event_type: str, stopped: Callable[[], bool]) -> Callable[..., dict[str, Any]]:
    def request_for(last_event_id: str | None) -> dict[str, Any]:
        if stopped():
            raise _Stopped
        return stream_events_request(last_event_id=last_event_id, types=event_type)

    return request_for


class AsyncEventFeed:
    """Matching events of the account stream, read in the background, waited on with a timeout."""

    def __init__(
        self,
        http: httpx.AsyncClient,
        event_type: str,
        matches: Matcher,
        options: EventStreamOptions | None = None,
    ) -> None:
        self._http = http
        self._event_type = event_type
        self._matches = matches
        self._options = options
        self._mailbox = AsyncMailbox()
        self._opened = AsyncFlag()
        self._stop = threading.Event()
        self._response: httpx.Response | None = None
        self._reader: AsyncBackground | None = None
        self.alive = True

    async def open(self, timeout: float) -> bool:
        """Start reading; return once the stream is open (True) or refused (False)."""
        self._reader = AsyncBackground(self._read, "gpuaas-waiter-events")
        await self._opened.wait(timeout)
        self._drain()  # what came before the first GET is in that GET's answer
        return self.alive and self._opened.is_set()

    async def wait(self, timeout: float) -> bool:
        """Wait up to `timeout` seconds for a matching event; True if one (or more) came.

        If the stream dies meanwhile, the rest of `timeout` is slept: the waiter's
        next poll stays where its schedule put it.
        """
        until = time.monotonic() + timeout
        item = await self._mailbox.get(timeout)
        if item is EMPTY:
            return False
        got = self._drain() or item is not _DEAD
        if item is _DEAD:
            self.alive = False
        if not got:
            await async_sleep(max(0.0, until - time.monotonic()))
        return got

    async def close(self) -> None:
        self._stop.set()
        async_unblock_read(self._response)
        if self._reader is not None:
            await self._reader.stop()

    def _drain(self) -> bool:
        got = False
        while (item := self._mailbox.get_nowait()) is not EMPTY:
            if item is _DEAD:
                self.alive = False
            else:
                got = True
        return got

    def _connected(self, response: httpx.Response) -> None:
        self._response = response
        self._opened.set()

    async def _read(self) -> None:
        events = aiter_events(
            self._http,
            _request_for(self._event_type, self._stop.is_set),
            options=self._options,
            on_connect=self._connected,
            stopped=self._stop.is_set,
        )
        try:
            async for event in events:
                if self._stop.is_set():
                    return
                if self._matches(event):
                    self._mailbox.put(event)
        except _Stopped:
            return
        except Exception as exc:  # any failure of the stream means: poll instead
            if not self._stop.is_set():
                log.debug("waiter: event stream unavailable, polling instead (%s)", exc)
            self._mailbox.put(_DEAD)
        finally:
            self._opened.set()
            await events.aclose()  # a generator: close its connection now
