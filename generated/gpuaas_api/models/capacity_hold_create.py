from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="CapacityHoldCreate")


@_attrs_define
class CapacityHoldCreate:
    """
    Example:
        {'sku': 'h200-sxm-slice', 'gpus_total': 16, 'region_code': 'us-buffalo-1', 'seconds': 300}

    Attributes:
        sku (str):
        gpus_total (int): GPUs to keep aside (for one or several allocations, each within the SKU's `gpus_per_node`).
        region_code (str):
        seconds (int): How long to keep them, at most 15 minutes.
        project_id (str | Unset): Project whose creates may draw from it; the caller's default project when omitted.
    """

    sku: str
    gpus_total: int
    region_code: str
    seconds: int
    project_id: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        sku = self.sku

        gpus_total = self.gpus_total

        region_code = self.region_code

        seconds = self.seconds

        project_id = self.project_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "sku": sku,
                "gpus_total": gpus_total,
                "region_code": region_code,
                "seconds": seconds,
            }
        )
        if project_id is not UNSET:
            field_dict["project_id"] = project_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        sku = d.pop("sku")

        gpus_total = d.pop("gpus_total")

        region_code = d.pop("region_code")

        seconds = d.pop("seconds")

        project_id = d.pop("project_id", UNSET)

        # Positional, in the order of the class's fields: faster than keywords.
        capacity_hold_create = cls(
            sku,
            gpus_total,
            region_code,
            seconds,
            project_id,
        )

        return capacity_hold_create
