from __future__ import annotations

from collections.abc import Mapping
from typing import (
    Any,
    Literal,
    TypeVar,
    cast,
)

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="TerminalExit")


@_attrs_define
class TerminalExit:
    """The shell ended (server to client). It is the last frame: the server then closes
    the WebSocket normally (close code 1000).

        Example:
            {'type': 'exit', 'code': 0}

        Attributes:
            type_ (Literal['exit']):
            code (int): The shell's exit status (128 + n when it was killed by signal n).
    """

    type_: Literal["exit"]
    code: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        code = self.code

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "code": code,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        type_ = cast(Literal["exit"], src_dict["type"])
        if type_ != "exit":
            raise ValueError(f"type must match const 'exit', got '{type_}'")

        code = src_dict["code"]

        # Positional, in the order of the class's fields: faster than keywords.
        terminal_exit = cls(
            type_,
            code,
        )
        if len(src_dict) > 2:
            known = {
                "type",
                "code",
            }
            terminal_exit.additional_properties = {
                key: value for key, value in src_dict.items() if key not in known
            }
        return terminal_exit

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
