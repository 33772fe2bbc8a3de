"""Resumable Server-Sent Event streams of typed platform events, sync and async.

A stream is sent through the client's own httpx client (so auth, retries, failover
and typed errors apply) and read with httpx-sse. It remembers the id of the last
event it yielded; when the connection drops (a transport error, or the server
closing a stream that goes on) it reconnects after the server's `retry:` hint,
doubling the wait while connections deliver nothing, and sends `Last-Event-ID`,
so no event is lost or repeated. An error answer (401, 404, 400...) is raised as
the typed error, not retried here (the transport already retried what can be).

Finite streams: the stream of an app instance ends after the instance's change to
`released`, an allocation's log after the line written when it is released or
failed. Such a stream stops when that event has been yielded, or when a connection
ends cleanly without sending any event (the server's way of saying an ended
resource has nothing more). The account-wide stream never ends by itself.
"""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncGenerator, Callable, Generator
from dataclasses import dataclass
from typing import Any

from attrs import define
from gpuaas_api.exceptions import APIConnectionError, APITimeoutError, MalformedResponseError
from gpuaas_api.http_stack import httpx
from gpuaas_api.models import (
    AllocationLogLine,
    AllocationStatusChanged,
    AppEventEmitted,
    AppInstanceStatusChanged,
    AppLogLine,
    BudgetExceeded,
    BudgetThresholdReached,
    CapacityAvailable,
    FleetStatusChanged,
    UsageRecorded,
)
from gpuaas_api.streaming import (
    stream_allocation_logs_request,
    stream_app_instance_events_request,
)
from httpx_sse import EventSource, ServerSentEvent, SSEError

from .._core.call import RequestOptions, checked, with_options

__all__ = [
    "Event",
    "EventStreamOptions",
    "RequestFor",
    "UnknownEvent",
    "instance_released",
    "parse_event",
]

log = logging.getLogger("gpuaas_sdk")

Event = (
    AllocationStatusChanged
    | AppInstanceStatusChanged
    | AppEventEmitted
    | AppLogLine
    | UsageRecorded
    | BudgetThresholdReached
    | BudgetExceeded
    | AllocationLogLine
    | CapacityAvailable
    | FleetStatusChanged
)
"""What the platform's streams carry: events (the account's, an app instance's) and an
allocation's log lines."""

_MODELS: dict[str, Any] = {
    "allocation.status_changed": AllocationStatusChanged,
    "app_instance.status_changed": AppInstanceStatusChanged,
    "app.event": AppEventEmitted,
    "app.log": AppLogLine,
    "usage.recorded": UsageRecorded,
    "budget.threshold_reached": BudgetThresholdReached,
    "budget.exceeded": BudgetExceeded,
    "allocation.log": AllocationLogLine,
    "capacity.available": CapacityAvailable,
    "fleet.status_changed": FleetStatusChanged,
}


@define
class UnknownEvent:
    """An event this SDK version has no model for (a newer type): its raw JSON.

    `type_` is named like the generated models' attribute, so `event.type_` works on any.
    """

    type_: str
    id: str
    data: dict[str, Any]


RequestFor = Callable[[str | None], dict[str, Any]]
"""Builds the request to (re)connect with, given the `Last-Event-ID` to send."""


@dataclass(frozen=True)
class EventStreamOptions:
    """How a stream reconnects.

    `max_attempts`: consecutive connections that deliver no event (failed, or ended
    at once) before the last error is raised. `read_timeout`: seconds of silence
    after which a connection counts as dead (the server sends heartbeats every 15 s).
    """

    max_attempts: int = 8
    max_delay: float = 30.0
    default_retry: float = 3.0
    read_timeout: float = 45.0


def parse_event(sse: ServerSentEvent) -> Event | UnknownEvent | None:
    """The typed event of one frame; None for a frame without data (e.g. `retry:`)."""
    if not sse.data:
        return None
    try:
        data = json.loads(sse.data)
    except ValueError:
        raise MalformedResponseError(
            f"event {sse.id!r} does not carry JSON data", code="malformed_response"
        ) from None
    if not isinstance(data, dict):
        raise MalformedResponseError(
            f"event {sse.id!r} is not a JSON object", code="malformed_response"
        )
    kind = str(data.get("type") or sse.event)
    event_id = str(data.get("id") or sse.id)
    model = _MODELS.get(kind)
    if model is None:
        log.debug("event %s has a type this SDK does not know: %s", event_id, kind)
        return UnknownEvent(kind, event_id, data)
    try:
        parsed: Event = model.from_dict(data)
    except (KeyError, TypeError, ValueError) as exc:
        log.warning("event %s (%s) does not match its model: %s", event_id, kind, exc)
        return UnknownEvent(kind, event_id, data)
    return parsed


def frames(response: httpx.Response) -> Generator[ServerSentEvent, None, None]:
    """The SSE frames of a streamed response (a generator: closing it stops the read)."""
    yield from EventSource(response).iter_sse()


async def async_frames(response: httpx.Response) -> AsyncGenerator[ServerSentEvent, None]:
    async for frame in EventSource(response).aiter_sse():
        yield frame


def instance_released(event: Event | UnknownEvent) -> bool:
    """The last event of an app instance's stream: its change to `released`."""
    return isinstance(event, AppInstanceStatusChanged) and event.status == "released"


def allocation_log_ended(event: Event | UnknownEvent) -> bool:
    """The last line of an allocation's log: the one written when it is released or failed."""
    return isinstance(event, AllocationLogLine) and event.status in ("released", "failed")


class Resume:
    """What sync and async streams share: the resume point and when to reconnect."""

    def __init__(
        self,
        request_for: RequestFor,
        last_event_id: str | None,
        is_final: Callable[[Event | UnknownEvent], bool] | None,
        options: EventStreamOptions,
    ) -> None:
        self.request_for = request_for
        self.last_event_id = last_event_id
        self.is_final = is_final
        self.options = options
        self.retry = options.default_retry
        self.idle = 0  # consecutive connections that delivered no event

    def request(self, http_timeout: httpx.Timeout) -> dict[str, Any]:
        request = self.request_for(self.last_event_id)
        read = http_timeout.read
        if read is not None and read < self.options.read_timeout:
            http_timeout = httpx.Timeout(
                connect=http_timeout.connect,
                read=self.options.read_timeout,
                write=http_timeout.write,
                pool=http_timeout.pool,
            )
        return {**request, "timeout": http_timeout}

    def receive(self, sse: ServerSentEvent) -> Event | UnknownEvent | None:
        if sse.retry is not None:
            self.retry = sse.retry / 1000
        event = parse_event(sse)
        if event is not None:
            self.last_event_id = sse.id or event.id
        return event

    def finished(self, event: Event | UnknownEvent) -> bool:
        return self.is_final is not None and self.is_final(event)

    def ended_cleanly(self, delivered: int) -> bool:
        """True when a finite stream is over: the server ended a connection with no event."""
        return self.is_final is not None and delivered == 0

    def wait(self, delivered: int, error: Exception | None) -> float:
        """Seconds before reconnecting; raises `error` (or gives up) after too many idle tries."""
        self.idle = 0 if delivered else self.idle + 1
        if self.idle >= self.options.max_attempts:
            if error is not None:
                raise typed(error)
            raise APIConnectionError(
                f"the event stream ended {self.idle} times in a row without an event",
                code="connection_error",
            )
        if error is not None:
            log.info("event stream dropped (%s); resuming after %s", error, self.last_event_id)
        return float(min(self.retry * 2 ** max(self.idle - 1, 0), self.options.max_delay))


DROPS = (httpx.TransportError, APIConnectionError)


def typed(error: Exception) -> Exception:
    """A dropped body read is a raw httpx error; the caller gets the SDK's type for it."""
    if isinstance(error, httpx.TimeoutException):
        timed_out = APITimeoutError(f"event stream timed out: {error}", code="timeout")
        timed_out.__cause__ = error
        return timed_out
    if isinstance(error, httpx.TransportError):
        dropped = APIConnectionError(f"event stream broke: {error}", code="connection_error")
        dropped.__cause__ = error
        return dropped
    return error


def not_a_stream(error: SSEError) -> MalformedResponseError:
    return MalformedResponseError(
        f"the server did not answer with an event stream: {error}", code="malformed_response"
    )


def instance_request(instance_id: str, options: RequestOptions) -> RequestFor:
    """How to (re)connect to an app instance's stream, with the caller's per-call options."""
    checked(options)

    def request_for(last_event_id: str | None) -> dict[str, Any]:
        request = stream_app_instance_events_request(instance_id, last_event_id=last_event_id)
        return with_options(request, options)

    return request_for


def allocation_log_request(allocation_id: str, options: RequestOptions) -> RequestFor:
    """How to (re)connect to an allocation's log stream, with the caller's per-call options."""
    checked(options)

    def request_for(last_event_id: str | None) -> dict[str, Any]:
        request = stream_allocation_logs_request(allocation_id, last_event_id=last_event_id)
        return with_options(request, options)

    return request_for
