from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="VolumeMount")


@_attrs_define
class VolumeMount:
    """
    Example:
        {'volume_id': 'vol-5d2e8c41', 'mount_point': '/data'}

    Attributes:
        volume_id (str):
        mount_point (str): An absolute path on the allocation, not `/` itself (e.g. `/data`).
    """

    volume_id: str
    mount_point: str

    def to_dict(self) -> dict[str, Any]:
        volume_id = self.volume_id

        mount_point = self.mount_point

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "volume_id": volume_id,
                "mount_point": mount_point,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        volume_id = src_dict["volume_id"]

        mount_point = src_dict["mount_point"]

        # Positional, in the order of the class's fields: faster than keywords.
        volume_mount = cls(
            volume_id,
            mount_point,
        )
        return volume_mount
