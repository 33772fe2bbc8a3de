"""A waiter's view of the account event stream: "something happened to my resource".

A waiter does not trust events for the final answer (it always confirms with a GET);
it only needs to wake up as soon as a status change of its resource is announced,
and to know when the stream is not there (refused by an older server, 403/404, or
dropped for good), so it can poll instead.

Sync: a daemon reader thread follows the stream (`_sse.iter_events`, resuming
after drops) and puts each matching event on a `queue.Queue`; the waiter blocks
on `queue.get(timeout=...)`, so it wakes the moment an event arrives and never
waits past its own deadline, whatever the socket does. To stop, the waiter sets a
flag and shuts the stream's socket down (closing alone does not wake a blocked
`recv` on Linux): the thread's read ends at once and the stream, seeing the flag,
does not reconnect. Should the socket be out of reach (another transport), the
thread notices the flag at the next event, heartbeat or reconnection; it is a
daemon and holds nothing the waiter still needs.

Async: the same reader is a task feeding an `asyncio.Queue`; stopping cancels it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import queue
import socket
import threading
import time
from collections.abc import Callable
from typing import Any

import httpx
from gpuaas_api.streaming import stream_events_request

from .._streams.sse import Event, EventStreamOptions, UnknownEvent, aiter_events, iter_events

__all__ = ["AsyncEventFeed", "EventFeed", "Matcher"]

log = logging.getLogger("gpuaas_sdk")

Matcher = Callable[[Event | UnknownEvent], bool]
"""Whether an event is a status change of the resource being waited for."""

_DEAD = object()
"""Put on the queue when the stream is gone for good: the waiter polls from then on."""


class _Stopped(Exception):
    """Raised into the stream's reconnection when the waiter is done with it."""


def _request_for(event_type: str, stopped: Callable[[], bool]) -> Callable[..., dict[str, Any]]:
    def request_for(last_event_id: str | None) -> dict[str, Any]:
        if stopped():
            raise _Stopped
        return stream_events_request(last_event_id=last_event_id, types=event_type)

    return request_for


class EventFeed:
    """Matching events of the account stream, read by a thread, waited on with a timeout."""

    def __init__(
        self,
        http: httpx.Client,
        event_type: str,
        matches: Matcher,
        options: EventStreamOptions | None = None,
    ) -> None:
        self._http = http
        self._event_type = event_type
        self._matches = matches
        self._options = options
        self._queue: queue.Queue[object] = queue.Queue()
        self._opened = threading.Event()
        self._stop = threading.Event()
        self._response: httpx.Response | None = None
        self.alive = True

    def open(self, timeout: float) -> bool:
        """Start reading; return once the stream is open (True) or refused (False)."""
        thread = threading.Thread(target=self._read, name="gpuaas-waiter-events", daemon=True)
        thread.start()
        self._opened.wait(timeout)
        self._drain()  # what came before the first GET is in that GET's answer
        return self.alive and self._opened.is_set()

    def wait(self, timeout: float) -> bool:
        """Block up to `timeout` seconds for a matching event; True if one (or more) came.

        If the stream dies meanwhile, the rest of `timeout` is slept: the waiter's
        next poll stays where its schedule put it.
        """
        until = time.monotonic() + timeout
        try:
            item = self._queue.get(timeout=timeout)
        except queue.Empty:
            return False
        got = self._drain() or item is not _DEAD
        if item is _DEAD:
            self.alive = False
        if not got:
            time.sleep(max(0.0, until - time.monotonic()))
        return got

    def close(self) -> None:
        self._stop.set()
        response = self._response
        if response is not None:
            _shut_down(response)

    def _drain(self) -> bool:
        got = False
        while True:
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                return got
            if item is _DEAD:
                self.alive = False
            else:
                got = True

    def _connected(self, response: httpx.Response) -> None:
        self._response = response
        self._opened.set()

    def _read(self) -> None:
        events = iter_events(
            self._http,
            _request_for(self._event_type, self._stop.is_set),
            options=self._options,
            on_connect=self._connected,
            stopped=self._stop.is_set,
        )
        try:
            for event in events:
                if self._stop.is_set():
                    return
                if self._matches(event):
                    self._queue.put(event)
        except _Stopped:
            return
        except Exception as exc:  # any failure of the stream means: poll instead
            if not self._stop.is_set():
                log.debug("waiter: event stream unavailable, polling instead (%s)", exc)
            self._queue.put(_DEAD)
        finally:
            self._opened.set()
            close = getattr(events, "close", None)  # a generator: close its connection now
            if close is not None:
                close()


def _shut_down(response: httpx.Response) -> None:
    """Wake a read blocked on this response's socket (closing alone would not, on Linux)."""
    stream = response.extensions.get("network_stream")
    sock = stream.get_extra_info("socket") if stream is not None else None
    if isinstance(sock, socket.socket):
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)


class AsyncEventFeed:
    """The async twin of `EventFeed`: a task reads the stream into an `asyncio.Queue`."""

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
        self._queue: asyncio.Queue[object] = asyncio.Queue()
        self._opened = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self.alive = True

    async def open(self, timeout: float) -> bool:
        """Start reading; return once the stream is open (True) or refused (False)."""
        self._task = asyncio.create_task(self._read(), name="gpuaas-waiter-events")
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._opened.wait(), timeout)
        if not self._queue.empty():
            self._drain()
        return self.alive and self._opened.is_set()

    async def wait(self, timeout: float) -> bool:
        """Wait up to `timeout` seconds for a matching event; True if one (or more) came."""
        until = time.monotonic() + timeout
        try:
            item = await asyncio.wait_for(self._queue.get(), timeout)
        except TimeoutError:
            return False
        got = self._drain() or item is not _DEAD
        if item is _DEAD:
            self.alive = False
        if not got:
            await asyncio.sleep(max(0.0, until - time.monotonic()))
        return got

    async def close(self) -> None:
        task = self._task
        if task is not None and not task.done():
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    def _drain(self) -> bool:
        got = False
        while not self._queue.empty():
            if self._queue.get_nowait() is _DEAD:
                self.alive = False
            else:
                got = True
        return got

    def _connected(self, response: httpx.Response) -> None:
        self._opened.set()

    async def _read(self) -> None:
        events = aiter_events(
            self._http,
            _request_for(self._event_type, lambda: False),
            options=self._options,
            on_connect=self._connected,
        )
        try:  # cancelling the task ends the stream's generator where it waits, closing it
            async for event in events:
                if self._matches(event):
                    self._queue.put_nowait(event)
        except Exception as exc:  # any failure of the stream means: poll instead
            log.debug("waiter: event stream unavailable, polling instead (%s)", exc)
            self._queue.put_nowait(_DEAD)
        finally:
            self._opened.set()
