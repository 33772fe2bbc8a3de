from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="VolumeAttachment")


@_attrs_define
class VolumeAttachment:
    """
    Example:
        {'allocation_id': 'alloc-4f9c2a', 'mount_point': '/data'}

    Attributes:
        allocation_id (str):
        mount_point (str):
    """

    allocation_id: str
    mount_point: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        allocation_id = self.allocation_id

        mount_point = self.mount_point

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "allocation_id": allocation_id,
                "mount_point": mount_point,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        allocation_id = src_dict["allocation_id"]

        mount_point = src_dict["mount_point"]

        # Positional, in the order of the class's fields: faster than keywords.
        volume_attachment = cls(
            allocation_id,
            mount_point,
        )
        if len(src_dict) > 2:
            known = {
                "allocation_id",
                "mount_point",
            }
            volume_attachment.additional_properties = {
                key: value for key, value in src_dict.items() if key not in known
            }
        return volume_attachment

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
