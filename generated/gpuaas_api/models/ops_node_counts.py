from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="OpsNodeCounts")


@_attrs_define
class OpsNodeCounts:
    """Nodes in each state; states added later appear as further keys.

    Attributes:
        ready (int):
        draining (int):
        drained (int):
        offline (int):
    """

    ready: int
    draining: int
    drained: int
    offline: int
    additional_properties: dict[str, int] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        ready = self.ready

        draining = self.draining

        drained = self.drained

        offline = self.offline

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "ready": ready,
                "draining": draining,
                "drained": drained,
                "offline": offline,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        ready = src_dict["ready"]

        draining = src_dict["draining"]

        drained = src_dict["drained"]

        offline = src_dict["offline"]

        # Positional, in the order of the class's fields: faster than keywords.
        ops_node_counts = cls(
            ready,
            draining,
            drained,
            offline,
        )
        if len(src_dict) > 4:
            known = {
                "ready",
                "draining",
                "drained",
                "offline",
            }
            ops_node_counts.additional_properties = {
                key: value for key, value in src_dict.items() if key not in known
            }
        return ops_node_counts

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
