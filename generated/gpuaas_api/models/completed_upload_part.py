from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="CompletedUploadPart")


@_attrs_define
class CompletedUploadPart:
    """
    Example:
        {'part_number': 1, 'sha256': '3a6eb0790f39ac87c94f3856b2dd2c5d110e6811602261a9a923d3bb23adc8b7'}

    Attributes:
        part_number (int):
        sha256 (str): Hex SHA-256 the client computed for the part; must match the one received.
    """

    part_number: int
    sha256: str

    def to_dict(self) -> dict[str, Any]:
        part_number = self.part_number

        sha256 = self.sha256

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "part_number": part_number,
                "sha256": sha256,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        part_number = src_dict["part_number"]

        sha256 = src_dict["sha256"]

        # Positional, in the order of the class's fields: faster than keywords.
        completed_upload_part = cls(
            part_number,
            sha256,
        )
        return completed_upload_part
