"""`client.events`: the account-wide live event stream, typed and resumable."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from typing import Unpack

from ..._core.call import RequestOptions
from ..._streams._async.events import aiter_events
from ..._streams.sse import Event, EventStreamOptions, UnknownEvent
from ..events import _account_stream
from ._base import AsyncAPIResource


class AsyncEventsResource(AsyncAPIResource):
    def stream(
        self,
        types: Iterable[str] | str | None = None,
        last_event_id: str | None = None,
        *,
        options: EventStreamOptions | None = None,
        **request: Unpack[RequestOptions],
    ) -> AsyncIterator[Event | UnknownEvent]:
        """Follow the caller's events live, from the next new one or after `last_event_id`.

        Connects on the first `next()`, where an error answer is raised typed
        (`InvalidRequest` for an unknown type in `types`). `options` says how it
        reconnects; per-call options (`timeout=`, `extra_headers=`, ...) apply to
        every connection.
        """
        return aiter_events(
            self._raw.get_async_httpx_client(),
            _account_stream(types, request),
            last_event_id=last_event_id,
            options=options,
        )
