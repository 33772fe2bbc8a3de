from __future__ import annotations

from collections.abc import Mapping
from typing import (
    Any,
    Literal,
    TypeVar,
    cast,
)

from attrs import define as _attrs_define

T = TypeVar("T", bound="TerminalStdin")


@_attrs_define
class TerminalStdin:
    """Keystrokes or pasted text for the shell (client to server).

    Example:
        {'type': 'stdin', 'data': 'nvidia-smi\\r'}

    Attributes:
        type_ (Literal['stdin']):
        data (str): Text to write to the terminal's input, as typed (UTF-8; control characters included).
    """

    type_: Literal["stdin"]
    data: str

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        data = self.data

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "data": data,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        type_ = cast(Literal["stdin"], src_dict["type"])
        if type_ != "stdin":
            raise ValueError(f"type must match const 'stdin', got '{type_}'")

        data = src_dict["data"]

        # Positional, in the order of the class's fields: faster than keywords.
        terminal_stdin = cls(
            type_,
            data,
        )
        return terminal_stdin
