"""How long the server asks a client to wait, read from its headers: one parser for all.

Retries honour it on 429 and 503 answers; waiters honour it on the GET of a resource
in transition, where it says when the next change is due.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime


def retry_after(headers: Mapping[str, str]) -> float | None:
    """Seconds to wait: `Retry-After-Ms`, else `Retry-After` in either RFC 9110 form.

    None when the headers ask for nothing (or say it unreadably); never negative.
    """
    millis = headers.get("retry-after-ms")
    if millis is not None:
        try:
            return max(0.0, float(millis) / 1000)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def server_time(headers: Mapping[str, str]) -> datetime | None:
    """The server's clock when it answered (its `Date` header, to the second); None if absent."""
    value = headers.get("date")
    if value is None:
        return None
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)
