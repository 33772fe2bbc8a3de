from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="StorageUsage")


@_attrs_define
class StorageUsage:
    """
    Example:
        {'used_bytes': 734003200, 'quota_bytes': 1099511627776, 'object_count': 3}

    Attributes:
        used_bytes (int): Bytes held by files (multipart uploads in progress not included).
        quota_bytes (int): Most bytes the tenant may hold; writes past it are refused with `quota_exceeded`.
        object_count (int): Files and folders held.
    """

    used_bytes: int
    quota_bytes: int
    object_count: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        used_bytes = self.used_bytes

        quota_bytes = self.quota_bytes

        object_count = self.object_count

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "used_bytes": used_bytes,
                "quota_bytes": quota_bytes,
                "object_count": object_count,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        used_bytes = src_dict["used_bytes"]

        quota_bytes = src_dict["quota_bytes"]

        object_count = src_dict["object_count"]

        # Positional, in the order of the class's fields: faster than keywords.
        storage_usage = cls(
            used_bytes,
            quota_bytes,
            object_count,
        )
        if len(src_dict) > 3:
            known = {
                "used_bytes",
                "quota_bytes",
                "object_count",
            }
            storage_usage.additional_properties = {
                key: value for key, value in src_dict.items() if key not in known
            }
        return storage_usage

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
