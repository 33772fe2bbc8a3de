"""Lazy iteration over cursor-paginated lists.

A list call returns a pager at once and fetches nothing; pages are fetched one at a
time as the caller iterates over its items (or its `pages()`).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Generator
from typing import Generic, TypeVar

from ..page import Page, PageModel

T = TypeVar("T")


class AsyncPager(Generic[T]):
    """Iterates every item of a list, fetching pages as it goes."""

    def __init__(
        self, fetch: Callable[[str | None], Awaitable[PageModel[T]]], cursor: str | None = None
    ):
        self._fetch = fetch
        self._cursor = cursor

    async def pages(self) -> AsyncIterator[Page[T]]:
        """Every page, fetched as it is reached."""
        cursor = self._cursor
        while True:
            page = Page.of(await self._fetch(cursor))
            yield page
            if page.next_cursor is None:
                return
            cursor = page.next_cursor

    async def __aiter__(self) -> AsyncIterator[T]:
        async for page in self.pages():
            for item in page.items:
                yield item

    async def first_page(self) -> Page[T]:
        """The first page only (one request)."""
        return Page.of(await self._fetch(self._cursor))

    # unasync: begin async-only
    def __await__(self) -> Generator[None, None, Page[T]]:
        """`await client.x.list()` is the first page, as in openai-python."""
        return self.first_page().__await__()

    # unasync: end
