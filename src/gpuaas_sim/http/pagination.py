"""Cursor pagination: opaque cursors that name the last item served, and the page shape."""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from ..platform.errors import ApiError

__all__ = ["Page", "decode_cursor", "encode_cursor", "paginate"]

T = TypeVar("T")


def encode_cursor(kind: str, position: int) -> str:
    raw = json.dumps({"k": kind, "p": position}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(kind: str, cursor: str) -> int:
    """The position a cursor of this listing points after; 400 for anything we did not issue."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        data = json.loads(raw)
    except (binascii.Error, ValueError):
        data = None
    position = data.get("p") if isinstance(data, dict) else None
    if (
        not isinstance(data, dict)
        or data.get("k") != kind
        or not isinstance(position, int)
        or isinstance(position, bool)
    ):
        raise ApiError(
            "invalid_request",
            "The cursor is not one this listing returned.",
            details={"parameter": "cursor"},
        )
    return position


@dataclass(frozen=True)
class Page:
    items: list[dict[str, Any]]
    next_cursor: str | None

    def to_json(self) -> dict[str, Any]:
        return {"items": self.items, "next_cursor": self.next_cursor}


def paginate(
    items: Sequence[T],
    *,
    kind: str,
    position: Callable[[T], int],
    render: Callable[[T], dict[str, Any]],
    limit: int,
    cursor: str | None,
    descending: bool = False,
) -> Page:
    """One page of `items` (already in listing order, `position` strictly monotonic along it)."""
    if cursor is not None:
        after = decode_cursor(kind, cursor)
        items = [i for i in items if (position(i) < after if descending else position(i) > after)]
    chunk = list(items[:limit])
    more = len(items) > limit
    next_cursor = encode_cursor(kind, position(chunk[-1])) if more and chunk else None
    return Page([render(item) for item in chunk], next_cursor)


def page_of(
    query: dict[str, Any],
    items: Sequence[T],
    *,
    kind: str,
    position: Callable[[T], int],
    render: Callable[[T], dict[str, Any]],
    descending: bool = False,
) -> dict[str, Any]:
    """The page a listing's `limit` and `cursor` (checked query parameters) ask for, as JSON."""
    return paginate(
        items,
        kind=kind,
        position=position,
        render=render,
        limit=query["limit"],
        cursor=query.get("cursor"),
        descending=descending,
    ).to_json()
