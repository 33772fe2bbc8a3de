from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.ops_allocation_counts import OpsAllocationCounts
    from ..models.ops_node_counts import OpsNodeCounts


T = TypeVar("T", bound="OpsOverview")


@_attrs_define
class OpsOverview:
    """
    Example:
        {'as_of': '2026-04-01T14:30:00Z', 'nodes_by_status': {'ready': 46, 'draining': 1, 'drained': 0, 'offline': 1},
            'allocations_by_status': {'pending': 2, 'provisioning': 3, 'active': 118, 'releasing': 1, 'released': 40,
            'failed': 1}, 'gpus_total': 376, 'gpus_allocated': 201, 'active_app_instances': 37}

    Attributes:
        as_of (datetime.datetime): When the counts were taken.
        nodes_by_status (OpsNodeCounts): Nodes in each state; states added later appear as further keys.
        allocations_by_status (OpsAllocationCounts): Allocations in each state; states added later appear as further
            keys.
        gpus_total (int): GPUs on all nodes that are not `offline`.
        gpus_allocated (int): GPUs held by allocations that are not yet released.
        active_app_instances (int): App instances that are `starting`, `running` or `stopping`.
    """

    as_of: datetime.datetime
    nodes_by_status: OpsNodeCounts
    allocations_by_status: OpsAllocationCounts
    gpus_total: int
    gpus_allocated: int
    active_app_instances: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        as_of = self.as_of.isoformat()

        nodes_by_status = self.nodes_by_status.to_dict()

        allocations_by_status = self.allocations_by_status.to_dict()

        gpus_total = self.gpus_total

        gpus_allocated = self.gpus_allocated

        active_app_instances = self.active_app_instances

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "as_of": as_of,
                "nodes_by_status": nodes_by_status,
                "allocations_by_status": allocations_by_status,
                "gpus_total": gpus_total,
                "gpus_allocated": gpus_allocated,
                "active_app_instances": active_app_instances,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        as_of = datetime.datetime.fromisoformat(src_dict["as_of"])

        nodes_by_status = OpsNodeCounts.from_dict(src_dict["nodes_by_status"])

        allocations_by_status = OpsAllocationCounts.from_dict(
            src_dict["allocations_by_status"]
        )

        gpus_total = src_dict["gpus_total"]

        gpus_allocated = src_dict["gpus_allocated"]

        active_app_instances = src_dict["active_app_instances"]

        # Positional, in the order of the class's fields: faster than keywords.
        ops_overview = cls(
            as_of,
            nodes_by_status,
            allocations_by_status,
            gpus_total,
            gpus_allocated,
            active_app_instances,
        )
        if len(src_dict) > 6:
            known = {
                "as_of",
                "nodes_by_status",
                "allocations_by_status",
                "gpus_total",
                "gpus_allocated",
                "active_app_instances",
            }
            ops_overview.additional_properties = {
                key: value for key, value in src_dict.items() if key not in known
            }
        return ops_overview

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


# The models this one refers to, imported once its class exists (so that models referring
# to each other import cleanly): module globals, not imports run by every from_dict call.
from ..models.ops_allocation_counts import OpsAllocationCounts  # noqa: E402
from ..models.ops_node_counts import OpsNodeCounts  # noqa: E402
