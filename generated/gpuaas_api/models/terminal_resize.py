from __future__ import annotations

from collections.abc import Mapping
from typing import (
    Any,
    Literal,
    TypeVar,
    cast,
)

from attrs import define as _attrs_define

T = TypeVar("T", bound="TerminalResize")


@_attrs_define
class TerminalResize:
    """The client's terminal window changed size (client to server).

    Example:
        {'type': 'resize', 'cols': 120, 'rows': 40}

    Attributes:
        type_ (Literal['resize']):
        cols (int): Width in character cells.
        rows (int): Height in character cells.
    """

    type_: Literal["resize"]
    cols: int
    rows: int

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        cols = self.cols

        rows = self.rows

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "cols": cols,
                "rows": rows,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        type_ = cast(Literal["resize"], src_dict["type"])
        if type_ != "resize":
            raise ValueError(f"type must match const 'resize', got '{type_}'")

        cols = src_dict["cols"]

        rows = src_dict["rows"]

        # Positional, in the order of the class's fields: faster than keywords.
        terminal_resize = cls(
            type_,
            cols,
            rows,
        )
        return terminal_resize
