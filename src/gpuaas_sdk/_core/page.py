"""One page of a cursor-paginated list, as every pager yields it."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
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

    @classmethod
    def of(cls, model: PageModel[T]) -> Page[T]:
        return cls(list(model.items), model.next_cursor)

    def __iter__(self) -> Iterator[T]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __getitem__(self, index: int) -> T:
        return self.items[index]

    @property
    def has_next_page(self) -> bool:
        return self.next_cursor is not None
