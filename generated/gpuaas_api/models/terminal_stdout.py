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

T = TypeVar("T", bound="TerminalStdout")


@_attrs_define
class TerminalStdout:
    """Output the shell wrote to its standard output (server to client).

    Example:
        {'type': 'stdout', 'data': 'dev-user@alloc-4f9c2a:~$ '}

    Attributes:
        type_ (Literal['stdout']):
        data (str): Terminal output as UTF-8 text, escape sequences included.
    """

    type_: Literal["stdout"]
    data: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        data = self.data

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "data": data,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        type_ = cast(Literal["stdout"], src_dict["type"])
        if type_ != "stdout":
            raise ValueError(f"type must match const 'stdout', got '{type_}'")

        data = src_dict["data"]

        # Positional, in the order of the class's fields: faster than keywords.
        terminal_stdout = cls(
            type_,
            data,
        )
        if len(src_dict) > 2:
            known = {
                "type",
                "data",
            }
            terminal_stdout.additional_properties = {
                key: value for key, value in src_dict.items() if key not in known
            }
        return terminal_stdout

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
