from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.fleet_status import FleetStatus

T = TypeVar("T", bound="Fleet")


@_attrs_define
class Fleet:
    """Allocations launched together, all or nothing: either at least `min_count` of them
    become active, or every one is released before any becomes active.

        Example:
            {'id': 'flt-2a9c4e10', 'status': 'active', 'sku': 'h200-sxm-slice', 'gpus_total': 8, 'count': 4, 'min_count': 4,
                'region_code': 'us-buffalo-1', 'project_id': 'prj-default', 'allocation_ids': ['alloc-4f9c2a', 'alloc-4f9c2b',
                'alloc-4f9c2c', 'alloc-4f9c2d'], 'active_count': 4, 'failed_count': 0, 'price_per_gpu_hour_minor': 349,
                'currency': 'USD', 'quote_id': 'qt-3b1f9a07', 'hold_id': None, 'created_at': '2026-04-01T12:00:00Z',
                'updated_at': '2026-04-01T12:00:03Z', 'failure_reason': None}

        Attributes:
            id (str):
            status (FleetStatus): `provisioning` while its members are placed; then `active` (at least `min_count`
                members came up) or `failed` (fewer did: every member was released before any became
                active, so nothing was billed); `releasing` → `released` after a release. New states
                may be added; clients must tolerate them.
            sku (str):
            gpus_total (int): GPUs of each member.
            count (int): Members asked for.
            min_count (int): Fewest members that make the fleet `active`.
            region_code (str):
            project_id (str):
            allocation_ids (list[str]): Every member placed, in order.
            active_count (int): Members active now.
            failed_count (int): Members whose node placement failed.
            price_per_gpu_hour_minor (int):
            currency (str):
            quote_id (None | str):
            hold_id (None | str):
            created_at (datetime.datetime):
            updated_at (datetime.datetime):
            failure_reason (None | str): Why it failed; null unless `status` is `failed`.
    """

    id: str
    status: FleetStatus
    sku: str
    gpus_total: int
    count: int
    min_count: int
    region_code: str
    project_id: str
    allocation_ids: list[str]
    active_count: int
    failed_count: int
    price_per_gpu_hour_minor: int
    currency: str
    quote_id: None | str
    hold_id: None | str
    created_at: datetime.datetime
    updated_at: datetime.datetime
    failure_reason: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        status = self.status.value

        sku = self.sku

        gpus_total = self.gpus_total

        count = self.count

        min_count = self.min_count

        region_code = self.region_code

        project_id = self.project_id

        allocation_ids = self.allocation_ids

        active_count = self.active_count

        failed_count = self.failed_count

        price_per_gpu_hour_minor = self.price_per_gpu_hour_minor

        currency = self.currency

        quote_id: None | str
        quote_id = self.quote_id

        hold_id: None | str
        hold_id = self.hold_id

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        failure_reason: None | str
        failure_reason = self.failure_reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "status": status,
                "sku": sku,
                "gpus_total": gpus_total,
                "count": count,
                "min_count": min_count,
                "region_code": region_code,
                "project_id": project_id,
                "allocation_ids": allocation_ids,
                "active_count": active_count,
                "failed_count": failed_count,
                "price_per_gpu_hour_minor": price_per_gpu_hour_minor,
                "currency": currency,
                "quote_id": quote_id,
                "hold_id": hold_id,
                "created_at": created_at,
                "updated_at": updated_at,
                "failure_reason": failure_reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        id = src_dict["id"]

        status = FleetStatus.from_value(src_dict["status"])

        sku = src_dict["sku"]

        gpus_total = src_dict["gpus_total"]

        count = src_dict["count"]

        min_count = src_dict["min_count"]

        region_code = src_dict["region_code"]

        project_id = src_dict["project_id"]

        allocation_ids = cast(list[str], src_dict["allocation_ids"])

        active_count = src_dict["active_count"]

        failed_count = src_dict["failed_count"]

        price_per_gpu_hour_minor = src_dict["price_per_gpu_hour_minor"]

        currency = src_dict["currency"]

        quote_id: None | str = src_dict["quote_id"]

        hold_id: None | str = src_dict["hold_id"]

        created_at = datetime.datetime.fromisoformat(src_dict["created_at"])

        updated_at = datetime.datetime.fromisoformat(src_dict["updated_at"])

        failure_reason: None | str = src_dict["failure_reason"]

        # Positional, in the order of the class's fields: faster than keywords.
        fleet = cls(
            id,
            status,
            sku,
            gpus_total,
            count,
            min_count,
            region_code,
            project_id,
            allocation_ids,
            active_count,
            failed_count,
            price_per_gpu_hour_minor,
            currency,
            quote_id,
            hold_id,
            created_at,
            updated_at,
            failure_reason,
        )
        if len(src_dict) > 18:
            known = {
                "id",
                "status",
                "sku",
                "gpus_total",
                "count",
                "min_count",
                "region_code",
                "project_id",
                "allocation_ids",
                "active_count",
                "failed_count",
                "price_per_gpu_hour_minor",
                "currency",
                "quote_id",
                "hold_id",
                "created_at",
                "updated_at",
                "failure_reason",
            }
            fleet.additional_properties = {
                key: value for key, value in src_dict.items() if key not in known
            }
        return fleet

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
