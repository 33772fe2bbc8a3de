from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="MultipartUploadPart")


@_attrs_define
class MultipartUploadPart:
    """A part the platform has received.

    Example:
        {'part_number': 1, 'size_bytes': 67108864, 'sha256':
            '3a6eb0790f39ac87c94f3856b2dd2c5d110e6811602261a9a923d3bb23adc8b7', 'received_at': '2026-04-01T12:01:10Z'}

    Attributes:
        part_number (int):
        size_bytes (int):
        sha256 (str): Hex SHA-256 of the part's bytes.
        received_at (datetime.datetime):
    """

    part_number: int
    size_bytes: int
    sha256: str
    received_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        part_number = self.part_number

        size_bytes = self.size_bytes

        sha256 = self.sha256

        received_at = self.received_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "part_number": part_number,
                "size_bytes": size_bytes,
                "sha256": sha256,
                "received_at": received_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        part_number = src_dict["part_number"]

        size_bytes = src_dict["size_bytes"]

        sha256 = src_dict["sha256"]

        received_at = datetime.datetime.fromisoformat(src_dict["received_at"])

        # Positional, in the order of the class's fields: faster than keywords.
        multipart_upload_part = cls(
            part_number,
            size_bytes,
            sha256,
            received_at,
        )
        if len(src_dict) > 4:
            known = {
                "part_number",
                "size_bytes",
                "sha256",
                "received_at",
            }
            multipart_upload_part.additional_properties = {
                key: value for key, value in src_dict.items() if key not in known
            }
        return multipart_upload_part

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
