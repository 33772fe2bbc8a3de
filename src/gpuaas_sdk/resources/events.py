"""`client.events`: the account-wide live event stream, typed and resumable.

    for event in client.events.stream(types=["allocation.status_changed"]):
        print(event.id, event.type, event.status)

Each event is the generated model of its type (`AllocationStatusChanged`,
`UsageRecorded`, ...); a type this SDK does not know yet comes as `UnknownEvent`.
The stream reconnects by itself after a dropped connection, resuming after the last
event yielded (see `_streams/sse.py`); it never ends on its own, so `break` when done (the
connection is closed when the iterator is).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from gpuaas_api.streaming import stream_events_request

from .._core.call import RequestOptions, checked, with_options
from .._streams.sse import RequestFor
from ..errors import ArgumentError


def _account_stream(types: Iterable[str] | str | None, options: RequestOptions) -> RequestFor:
    joined = _joined_types(types)
    checked(options)

    def request_for(last_event_id: str | None) -> dict[str, Any]:
        return with_options(
            stream_events_request(last_event_id=last_event_id, types=joined), options
        )

    return request_for


def _joined_types(types: Iterable[str] | str | None) -> str | None:
    """`types` as the comma-separated query value; the server refuses unknown ones."""
    if types is None:
        return None
    names = [types] if isinstance(types, str) else [str(t) for t in types]
    if not names or any(not name or "," in name for name in names):
        raise ArgumentError("types must be one or more event type names, e.g. 'app.log'")
    return ",".join(dict.fromkeys(names))
