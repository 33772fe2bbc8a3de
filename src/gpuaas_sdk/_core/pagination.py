"""Lazy iteration over cursor-paginated lists.

A list call returns a pager at once and fetches nothing; pages are fetched one
at a time as the caller iterates. `AsyncPager` is also awaitable: `await` gives
the first page (as in openai-python), `async for` walks every item.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Generator, Iterator, Sequence
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)


class PageModel(Protocol[T_co]):
    """What every generated `...Page` model has."""

    @property
    def items(self) -> Sequence[T_co]: ...

    @property
    def next_cursor(self) -> str | None: ...


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a list: iterable over its items, with the cursor of the next."""

    items: list[T]
    next_cursor: str | None

    def __iter__(self) -> Iterator[T]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __getitem__(self, index: int) -> T:
        return self.items[index]

    @property
    def has_next_page(self) -> bool:
        return self.next_cursor is not None


def _page(model: PageModel[T]) -> Page[T]:
    return Page(list(model.items), model.next_cursor)


class SyncPager(Generic[T]):
    """Iterates every item of a list, fetching pages as it goes."""

    def __init__(self, fetch: Callable[[str | None], PageModel[T]], cursor: str | None = None):
        self._fetch = fetch
        self._cursor = cursor

    def pages(self) -> Iterator[Page[T]]:
        cursor = self._cursor
        while True:
            page = _page(self._fetch(cursor))
            yield page
            if page.next_cursor is None:
                return
            cursor = page.next_cursor

    def __iter__(self) -> Iterator[T]:
        for page in self.pages():
            yield from page.items

    def first_page(self) -> Page[T]:
        return _page(self._fetch(self._cursor))


class AsyncPager(Generic[T]):
    """`async for` walks every item; `await` returns the first page."""

    def __init__(
        self, fetch: Callable[[str | None], Awaitable[PageModel[T]]], cursor: str | None = None
    ):
        self._fetch = fetch
        self._cursor = cursor

    async def pages(self) -> AsyncIterator[Page[T]]:
        cursor = self._cursor
        while True:
            page = _page(await self._fetch(cursor))
            yield page
            if page.next_cursor is None:
                return
            cursor = page.next_cursor

    async def __aiter__(self) -> AsyncIterator[T]:
        async for page in self.pages():
            for item in page.items:
                yield item

    async def first_page(self) -> Page[T]:
        return _page(await self._fetch(self._cursor))

    def __await__(self) -> Generator[None, None, Page[T]]:
        return self.first_page().__await__()
