"""`client.events`: the account-wide live event stream, typed and resumable.

    for event in client.events.stream(types=["allocation.status_changed"]):
        print(event.id, event.type, event.status)

Each event is the generated model of its type (`AllocationStatusChanged`,
`UsageRecorded`, ...); a type this SDK does not know yet comes as `UnknownEvent`.
The stream reconnects by itself after a dropped connection, resuming after the last
event yielded (see `_sse`); it never ends on its own, so `break` when done (the
connection is closed when the iterator is).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Iterator
from typing import Any

from gpuaas_api.streaming import stream_events_request

from .._streams.sse import (
    Event,
    EventStreamOptions,
    RequestFor,
    UnknownEvent,
    aiter_events,
    iter_events,
)
from ..errors import ArgumentError
from ._base import AsyncResource, SyncResource

__all__ = ["AsyncEventsResource", "EventsResource"]


def _account_stream(types: Iterable[str] | str | None) -> RequestFor:
    joined = _joined_types(types)

    def request_for(last_event_id: str | None) -> dict[str, Any]:
        return stream_events_request(last_event_id=last_event_id, types=joined)

    return request_for


def _joined_types(types: Iterable[str] | str | None) -> str | None:
    """`types` as the comma-separated query value; the server refuses unknown ones."""
    if types is None:
        return None
    names = [types] if isinstance(types, str) else [str(t) for t in types]
    if not names or any(not name or "," in name for name in names):
        raise ArgumentError("types must be one or more event type names, e.g. 'app.log'")
    return ",".join(dict.fromkeys(names))


class EventsResource(SyncResource):
    def stream(
        self,
        types: Iterable[str] | str | None = None,
        last_event_id: str | None = None,
        *,
        options: EventStreamOptions | None = None,
    ) -> Iterator[Event | UnknownEvent]:
        """Follow the caller's events live, from the next new one or after `last_event_id`.

        Connects on the first `next()`, where an error answer is raised typed
        (`InvalidRequest` for an unknown type in `types`).
        """
        return iter_events(
            self._raw.get_httpx_client(),
            _account_stream(types),
            last_event_id=last_event_id,
            options=options,
        )


class AsyncEventsResource(AsyncResource):
    def stream(
        self,
        types: Iterable[str] | str | None = None,
        last_event_id: str | None = None,
        *,
        options: EventStreamOptions | None = None,
    ) -> AsyncIterator[Event | UnknownEvent]:
        """The async twin of `EventsResource.stream`: `async for event in ...`."""
        return aiter_events(
            self._raw.get_async_httpx_client(),
            _account_stream(types),
            last_event_id=last_event_id,
            options=options,
        )
