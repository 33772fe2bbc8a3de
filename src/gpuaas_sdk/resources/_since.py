"""Where a history or a followed stream starts: `since=` times and the replay-everything id."""

from __future__ import annotations

from datetime import datetime

from ..errors import ArgumentError

FROM_THE_START = "0"
"""`Last-Event-ID` that replays a stream's retained events before going live."""


def instant(since: datetime | str | None) -> datetime | None:
    """`since=` as an aware datetime (an ISO 8601 string is read); None stays None."""
    if since is None:
        return None
    try:
        moment = datetime.fromisoformat(since) if isinstance(since, str) else since
    except ValueError:
        raise ArgumentError(f"since must be an ISO 8601 date-time (got {since!r})") from None
    if moment.tzinfo is None:
        raise ArgumentError("since needs a time zone, e.g. '2026-04-01T00:00:00Z'")
    return moment
