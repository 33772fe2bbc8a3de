from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="FleetCreate")


@_attrs_define
class FleetCreate:
    """
    Example:
        {'sku': 'h200-sxm-slice', 'gpus_total': 8, 'count': 4, 'min_count': 4, 'region_code': 'us-buffalo-1',
            'quote_id': 'qt-3b1f9a07'}

    Attributes:
        sku (str):
        gpus_total (int): GPUs of each member (at most the SKU's `gpus_per_node`).
        count (int):
        min_count (int | Unset): Fewest members that make it `active` (at most `count`; `count` when omitted, all or
            nothing).
        region_code (str | Unset): Region of every member; the SKU's first region with room for them when omitted.
        project_id (str | Unset):
        ssh_key_ids (list[str] | Unset):
        quote_id (str | Unset): Charge every member the quote's price (the quote's `gpus_total` is per member).
        max_price_per_gpu_hour_minor (int | Unset): Refuse (`price_cap_exceeded`) rather than pay more per GPU-hour.
        hold_id (str | Unset): Draw every member's GPUs from this hold (it must keep `count × gpus_total`).
        lease_seconds (int | Unset): Each member's lease (see `AllocationCreate.lease_seconds`).
        max_runtime_seconds (int | Unset): Each member's longest run (see `AllocationCreate.max_runtime_seconds`).
    """

    sku: str
    gpus_total: int
    count: int
    min_count: int | Unset = UNSET
    region_code: str | Unset = UNSET
    project_id: str | Unset = UNSET
    ssh_key_ids: list[str] | Unset = UNSET
    quote_id: str | Unset = UNSET
    max_price_per_gpu_hour_minor: int | Unset = UNSET
    hold_id: str | Unset = UNSET
    lease_seconds: int | Unset = UNSET
    max_runtime_seconds: int | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        sku = self.sku

        gpus_total = self.gpus_total

        count = self.count

        min_count = self.min_count

        region_code = self.region_code

        project_id = self.project_id

        ssh_key_ids: list[str] | Unset = UNSET
        if not isinstance(self.ssh_key_ids, Unset):
            ssh_key_ids = self.ssh_key_ids

        quote_id = self.quote_id

        max_price_per_gpu_hour_minor = self.max_price_per_gpu_hour_minor

        hold_id = self.hold_id

        lease_seconds = self.lease_seconds

        max_runtime_seconds = self.max_runtime_seconds

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "sku": sku,
                "gpus_total": gpus_total,
                "count": count,
            }
        )
        if min_count is not UNSET:
            field_dict["min_count"] = min_count
        if region_code is not UNSET:
            field_dict["region_code"] = region_code
        if project_id is not UNSET:
            field_dict["project_id"] = project_id
        if ssh_key_ids is not UNSET:
            field_dict["ssh_key_ids"] = ssh_key_ids
        if quote_id is not UNSET:
            field_dict["quote_id"] = quote_id
        if max_price_per_gpu_hour_minor is not UNSET:
            field_dict["max_price_per_gpu_hour_minor"] = max_price_per_gpu_hour_minor
        if hold_id is not UNSET:
            field_dict["hold_id"] = hold_id
        if lease_seconds is not UNSET:
            field_dict["lease_seconds"] = lease_seconds
        if max_runtime_seconds is not UNSET:
            field_dict["max_runtime_seconds"] = max_runtime_seconds

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        sku = d.pop("sku")

        gpus_total = d.pop("gpus_total")

        count = d.pop("count")

        min_count = d.pop("min_count", UNSET)

        region_code = d.pop("region_code", UNSET)

        project_id = d.pop("project_id", UNSET)

        ssh_key_ids = cast(list[str], d.pop("ssh_key_ids", UNSET))

        quote_id = d.pop("quote_id", UNSET)

        max_price_per_gpu_hour_minor = d.pop("max_price_per_gpu_hour_minor", UNSET)

        hold_id = d.pop("hold_id", UNSET)

        lease_seconds = d.pop("lease_seconds", UNSET)

        max_runtime_seconds = d.pop("max_runtime_seconds", UNSET)

        # Positional, in the order of the class's fields: faster than keywords.
        fleet_create = cls(
            sku,
            gpus_total,
            count,
            min_count,
            region_code,
            project_id,
            ssh_key_ids,
            quote_id,
            max_price_per_gpu_hour_minor,
            hold_id,
            lease_seconds,
            max_runtime_seconds,
        )

        return fleet_create
