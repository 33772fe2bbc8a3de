from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.node_status import NodeStatus

T = TypeVar("T", bound="Node")


@_attrs_define
class Node:
    """
    Example:
        {'id': 'node-buf1-a07', 'region_code': 'us-buffalo-1', 'gpu_model': 'NVIDIA H200 SXM', 'gpus_total': 8,
            'gpus_allocated': 3, 'status': 'draining', 'drain_reason': 'Replace NVLink switch board (ticket OPS-1182)',
            'updated_at': '2026-04-01T14:20:00Z'}

    Attributes:
        id (str):
        region_code (str):
        gpu_model (str):
        gpus_total (int):
        gpus_allocated (int): GPUs of this node held by allocations that are not yet released.
        status (NodeStatus): `ready` takes new allocations; `draining` takes none and waits for its allocations
            to be released; `drained` has none and takes none; `offline` does not answer.
            New states may be added; clients must tolerate them.
        drain_reason (None | str): Why the node was drained; null unless `status` is `draining` or `drained`.
        updated_at (datetime.datetime):
    """

    id: str
    region_code: str
    gpu_model: str
    gpus_total: int
    gpus_allocated: int
    status: NodeStatus
    drain_reason: None | str
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        region_code = self.region_code

        gpu_model = self.gpu_model

        gpus_total = self.gpus_total

        gpus_allocated = self.gpus_allocated

        status = self.status.value

        drain_reason: None | str
        drain_reason = self.drain_reason

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "region_code": region_code,
                "gpu_model": gpu_model,
                "gpus_total": gpus_total,
                "gpus_allocated": gpus_allocated,
                "status": status,
                "drain_reason": drain_reason,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        id = src_dict["id"]

        region_code = src_dict["region_code"]

        gpu_model = src_dict["gpu_model"]

        gpus_total = src_dict["gpus_total"]

        gpus_allocated = src_dict["gpus_allocated"]

        status = NodeStatus.from_value(src_dict["status"])

        drain_reason: None | str = src_dict["drain_reason"]

        updated_at = datetime.datetime.fromisoformat(src_dict["updated_at"])

        # Positional, in the order of the class's fields: faster than keywords.
        node = cls(
            id,
            region_code,
            gpu_model,
            gpus_total,
            gpus_allocated,
            status,
            drain_reason,
            updated_at,
        )
        if len(src_dict) > 8:
            known = {
                "id",
                "region_code",
                "gpu_model",
                "gpus_total",
                "gpus_allocated",
                "status",
                "drain_reason",
                "updated_at",
            }
            node.additional_properties = {
                key: value for key, value in src_dict.items() if key not in known
            }
        return node

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
