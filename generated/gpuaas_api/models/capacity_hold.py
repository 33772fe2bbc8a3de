from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.capacity_hold_status import CapacityHoldStatus

T = TypeVar("T", bound="CapacityHold")


@_attrs_define
class CapacityHold:
    """GPUs of one SKU in one region kept aside for a short time: nobody else can take them,
    and a create naming the hold (`hold_id`) within its remaining GPUs always finds them.

        Example:
            {'id': 'hold-7c21e0d4', 'status': 'held', 'sku': 'h200-sxm-slice', 'gpus_total': 16, 'gpus_remaining': 8,
                'region_code': 'us-buffalo-1', 'project_id': 'prj-default', 'allocation_ids': ['alloc-4f9c2a'], 'created_at':
                '2026-04-01T12:00:00Z', 'expires_at': '2026-04-01T12:05:00Z'}

        Attributes:
            id (str):
            status (CapacityHoldStatus): `held` while it keeps GPUs aside; `used` once creates drew all of them; `released`
                when its holder let it go; `expired` past `expires_at` (the GPUs it still kept go back
                to the region by themselves). New states may be added; clients must tolerate them.
            sku (str):
            gpus_total (int): GPUs the hold was created with.
            gpus_remaining (int): GPUs still kept aside (not yet drawn by a create); 0 once it is not `held`.
            region_code (str):
            project_id (str):
            allocation_ids (list[str]): Allocations created from it, oldest first.
            created_at (datetime.datetime):
            expires_at (datetime.datetime):
    """

    id: str
    status: CapacityHoldStatus
    sku: str
    gpus_total: int
    gpus_remaining: int
    region_code: str
    project_id: str
    allocation_ids: list[str]
    created_at: datetime.datetime
    expires_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        status = self.status.value

        sku = self.sku

        gpus_total = self.gpus_total

        gpus_remaining = self.gpus_remaining

        region_code = self.region_code

        project_id = self.project_id

        allocation_ids = self.allocation_ids

        created_at = self.created_at.isoformat()

        expires_at = self.expires_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "status": status,
                "sku": sku,
                "gpus_total": gpus_total,
                "gpus_remaining": gpus_remaining,
                "region_code": region_code,
                "project_id": project_id,
                "allocation_ids": allocation_ids,
                "created_at": created_at,
                "expires_at": expires_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        id = src_dict["id"]

        status = CapacityHoldStatus.from_value(src_dict["status"])

        sku = src_dict["sku"]

        gpus_total = src_dict["gpus_total"]

        gpus_remaining = src_dict["gpus_remaining"]

        region_code = src_dict["region_code"]

        project_id = src_dict["project_id"]

        allocation_ids = cast(list[str], src_dict["allocation_ids"])

        created_at = datetime.datetime.fromisoformat(src_dict["created_at"])

        expires_at = datetime.datetime.fromisoformat(src_dict["expires_at"])

        # Positional, in the order of the class's fields: faster than keywords.
        capacity_hold = cls(
            id,
            status,
            sku,
            gpus_total,
            gpus_remaining,
            region_code,
            project_id,
            allocation_ids,
            created_at,
            expires_at,
        )
        if len(src_dict) > 10:
            known = {
                "id",
                "status",
                "sku",
                "gpus_total",
                "gpus_remaining",
                "region_code",
                "project_id",
                "allocation_ids",
                "created_at",
                "expires_at",
            }
            capacity_hold.additional_properties = {
                key: value for key, value in src_dict.items() if key not in known
            }
        return capacity_hold

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
