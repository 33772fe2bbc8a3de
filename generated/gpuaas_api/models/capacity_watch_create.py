from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="CapacityWatchCreate")


@_attrs_define
class CapacityWatchCreate:
    """
    Example:
        {'sku': 'h100-sxm-slice', 'gpus_total': 8, 'timeout_seconds': 3600}

    Attributes:
        sku (str):
        gpus_total (int): Free GPUs wanted in one region (at most the SKU's `gpus_per_node`).
        region_code (str | Unset): Only this region; any region of the SKU when omitted.
        timeout_seconds (int | Unset): How long to watch before `expired` (default 3600, at most a week).
    """

    sku: str
    gpus_total: int
    region_code: str | Unset = UNSET
    timeout_seconds: int | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        sku = self.sku

        gpus_total = self.gpus_total

        region_code = self.region_code

        timeout_seconds = self.timeout_seconds

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "sku": sku,
                "gpus_total": gpus_total,
            }
        )
        if region_code is not UNSET:
            field_dict["region_code"] = region_code
        if timeout_seconds is not UNSET:
            field_dict["timeout_seconds"] = timeout_seconds

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        sku = d.pop("sku")

        gpus_total = d.pop("gpus_total")

        region_code = d.pop("region_code", UNSET)

        timeout_seconds = d.pop("timeout_seconds", UNSET)

        # Positional, in the order of the class's fields: faster than keywords.
        capacity_watch_create = cls(
            sku,
            gpus_total,
            region_code,
            timeout_seconds,
        )

        return capacity_watch_create
