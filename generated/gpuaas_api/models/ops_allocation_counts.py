from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="OpsAllocationCounts")


@_attrs_define
class OpsAllocationCounts:
    """Allocations in each state; states added later appear as further keys.

    Attributes:
        pending (int):
        provisioning (int):
        active (int):
        releasing (int):
        released (int): Allocations released in the last 24 hours.
        failed (int): Allocations that failed in the last 24 hours.
    """

    pending: int
    provisioning: int
    active: int
    releasing: int
    released: int
    failed: int
    additional_properties: dict[str, int] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        pending = self.pending

        provisioning = self.provisioning

        active = self.active

        releasing = self.releasing

        released = self.released

        failed = self.failed

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "pending": pending,
                "provisioning": provisioning,
                "active": active,
                "releasing": releasing,
                "released": released,
                "failed": failed,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        pending = src_dict["pending"]

        provisioning = src_dict["provisioning"]

        active = src_dict["active"]

        releasing = src_dict["releasing"]

        released = src_dict["released"]

        failed = src_dict["failed"]

        # Positional, in the order of the class's fields: faster than keywords.
        ops_allocation_counts = cls(
            pending,
            provisioning,
            active,
            releasing,
            released,
            failed,
        )
        if len(src_dict) > 6:
            known = {
                "pending",
                "provisioning",
                "active",
                "releasing",
                "released",
                "failed",
            }
            ops_allocation_counts.additional_properties = {
                key: value for key, value in src_dict.items() if key not in known
            }
        return ops_allocation_counts

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> int:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: int) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
