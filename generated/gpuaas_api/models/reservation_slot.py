from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ReservationSlot")


@_attrs_define
class ReservationSlot:
    """
    Example:
        {'region_code': 'us-buffalo-1', 'start': '2026-04-02T09:00:00Z', 'end': '2026-04-02T17:00:00Z',
            'available_gpus': 56}

    Attributes:
        region_code (str):
        start (datetime.datetime):
        end (datetime.datetime):
        available_gpus (int): The fewest GPUs free for reservation at any moment of the window.
    """

    region_code: str
    start: datetime.datetime
    end: datetime.datetime
    available_gpus: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        region_code = self.region_code

        start = self.start.isoformat()

        end = self.end.isoformat()

        available_gpus = self.available_gpus

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "region_code": region_code,
                "start": start,
                "end": end,
                "available_gpus": available_gpus,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        region_code = src_dict["region_code"]

        start = datetime.datetime.fromisoformat(src_dict["start"])

        end = datetime.datetime.fromisoformat(src_dict["end"])

        available_gpus = src_dict["available_gpus"]

        # Positional, in the order of the class's fields: faster than keywords.
        reservation_slot = cls(
            region_code,
            start,
            end,
            available_gpus,
        )
        if len(src_dict) > 4:
            known = {
                "region_code",
                "start",
                "end",
                "available_gpus",
            }
            reservation_slot.additional_properties = {
                key: value for key, value in src_dict.items() if key not in known
            }
        return reservation_slot

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
