"""What the playground's request log shows: each API request's answer, with no secret.

`RequestRecorder` sits outside the gateway, so it sees what a client sees: the status
an injected fault answered, the latency an injected delay added, the correlation id the
gateway stamped. It keeps the method, the path (never the query string, never a header
or a body, so no token can show) and those three, for `/v1/...` requests only (the
pages, their files and the control API are not the platform's traffic).
"""

from __future__ import annotations

import itertools
import threading
import time
from collections import deque
from dataclasses import asdict, dataclass
from typing import Any

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["ObservedRequest", "RequestFeed", "RequestRecorder"]

API_PREFIX = "/v1/"


@dataclass(frozen=True)
class ObservedRequest:
    """One API request as its client saw it answered."""

    seq: int
    at: float
    """Real time (Unix seconds) the request arrived."""
    method: str
    path: str
    status: int | None
    """None when no answer head went out (the connection broke first)."""
    latency_ms: float
    """Until the answer head went out, or the connection broke."""
    correlation_id: str | None
    outcome: str
    """`answered`, `streaming` (an event stream, logged once its head went out) or
    `dropped` (the connection was cut: an injected `drop`, or the client went away)."""

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


class RequestFeed:
    """The newest `limit` observed requests; readers ask for those after a `seq`."""

    def __init__(self, limit: int = 1000) -> None:
        self._items: deque[ObservedRequest] = deque(maxlen=limit)
        self._seq = itertools.count(1)
        self._lock = threading.Lock()

    def add(self, **fields: Any) -> ObservedRequest:
        with self._lock:
            item = ObservedRequest(seq=next(self._seq), **fields)
            self._items.append(item)
            return item

    def after(self, seq: int, limit: int | None = None) -> list[ObservedRequest]:
        """The requests after `seq`, oldest first (the newest `limit` of them)."""
        with self._lock:
            found = [item for item in self._items if item.seq > seq]
        return found[-limit:] if limit else found


class RequestRecorder:
    """ASGI middleware adding every `/v1/...` request's outcome to a `RequestFeed`."""

    def __init__(self, app: ASGIApp, feed: RequestFeed) -> None:
        self.app = app
        self.feed = feed

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(API_PREFIX):
            await self.app(scope, receive, send)
            return
        arrived, started = time.time(), time.perf_counter()
        head: dict[str, Any] = {}

        def record(outcome: str) -> None:
            self.feed.add(
                at=arrived,
                method=scope["method"],
                path=scope["path"],
                status=head.get("status"),
                latency_ms=round(head.get("latency_ms", _ms_since(started)), 1),
                correlation_id=head.get("correlation_id"),
                outcome=outcome,
            )

        async def watching(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = Headers(raw=message.get("headers", []))
                head.update(
                    status=message["status"],
                    latency_ms=_ms_since(started),
                    correlation_id=headers.get("x-correlation-id"),
                )
                if headers.get("content-type", "").startswith("text/event-stream"):
                    record("streaming")  # it may last for hours: show it now
                    head["recorded"] = True
            await send(message)

        try:
            await self.app(scope, receive, watching)
        except BaseException:
            if not head.get("recorded"):
                record("dropped")
            raise
        if not head.get("recorded"):
            record("answered" if "status" in head else "dropped")


def _ms_since(started: float) -> float:
    return (time.perf_counter() - started) * 1000
