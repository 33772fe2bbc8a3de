"""Reading a resumable event stream: the I/O loop around `sse.Resume`.

The stream is sent through the client's own httpx client (so auth, retries, failover
and typed errors apply) and read with httpx-sse; `Resume` decides when to reconnect
and from which `Last-Event-ID`, so no event is lost or repeated.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, Callable
from contextlib import aclosing

from gpuaas_api.http_stack import httpx
from httpx_sse import SSEError

from ..._core.call import RequestOptions
from ..._core.concurrency import async_sleep
from ..sse import (
    DROPS,
    Event,
    EventStreamOptions,
    RequestFor,
    Resume,
    UnknownEvent,
    allocation_log_ended,
    allocation_log_request,
    async_frames,
    instance_released,
    instance_request,
    not_a_stream,
)


async def aiter_events(
    http: httpx.AsyncClient,
    request_for: RequestFor,
    *,
    last_event_id: str | None = None,
    is_final: Callable[[Event | UnknownEvent], bool] | None = None,
    options: EventStreamOptions | None = None,
    on_connect: Callable[[httpx.Response], None] | None = None,
    stopped: Callable[[], bool] | None = None,
) -> AsyncGenerator[Event | UnknownEvent, None]:
    """Typed events of a resumable stream; closing the iterator closes the connection.

    `is_final` marks the event after which a finite stream is over (None: endless).
    `on_connect` is told each accepted connection's response, and `stopped` is asked
    when a connection ends whether to end instead of reconnecting: together they let
    another thread end the stream at once (a waiter unblocks the socket's read).
    """
    state = Resume(request_for, last_event_id, is_final, options or EventStreamOptions())
    while True:
        delivered, error = 0, None
        try:
            async with (
                http.stream(**state.request(http.timeout)) as response,
                aclosing(async_frames(response)) as received,
            ):
                if on_connect is not None:
                    on_connect(response)
                async for sse in received:
                    event = state.receive(sse)
                    if event is None:
                        continue
                    delivered += 1
                    yield event
                    if state.finished(event):
                        return
        except DROPS as exc:
            error = exc
        except SSEError as exc:
            raise not_a_stream(exc) from exc
        if (error is None and state.ended_cleanly(delivered)) or (stopped and stopped()):
            return
        await async_sleep(state.wait(delivered, error))


def aiter_instance_events(
    http: httpx.AsyncClient,
    instance_id: str,
    *,
    last_event_id: str | None = None,
    options: EventStreamOptions | None = None,
    request_options: RequestOptions | None = None,
) -> AsyncGenerator[Event | UnknownEvent, None]:
    """Live events of one app instance, ending after its change to `released`."""
    return aiter_events(
        http,
        instance_request(instance_id, request_options or {}),
        last_event_id=last_event_id,
        is_final=instance_released,
        options=options,
    )


def aiter_allocation_logs(
    http: httpx.AsyncClient,
    allocation_id: str,
    *,
    last_event_id: str | None = None,
    options: EventStreamOptions | None = None,
    request_options: RequestOptions | None = None,
) -> AsyncGenerator[Event | UnknownEvent, None]:
    """Live log lines of one allocation, ending after the line of its release or failure."""
    return aiter_events(
        http,
        allocation_log_request(allocation_id, request_options or {}),
        last_event_id=last_event_id,
        is_final=allocation_log_ended,
        options=options,
    )
