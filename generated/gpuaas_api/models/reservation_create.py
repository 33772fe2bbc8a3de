from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ReservationCreate")


@_attrs_define
class ReservationCreate:
    """
    Example:
        {'sku': 'h200-sxm-slice', 'gpus_total': 8, 'region_code': 'us-buffalo-1', 'start': '2026-04-02T09:00:00Z',
            'duration_hours': 8, 'auto_renew': False}

    Attributes:
        sku (str):
        gpus_total (int):
        region_code (str):
        start (datetime.datetime): When the window opens; not in the past (a start up to 5 minutes ago means now).
        duration_hours (int):
        auto_renew (bool | Unset): At the end of each window, book the next one of the same length if capacity allows
            (false when omitted).
        project_id (str | Unset): Project to bill; the caller's default project when omitted.
    """

    sku: str
    gpus_total: int
    region_code: str
    start: datetime.datetime
    duration_hours: int
    auto_renew: bool | Unset = UNSET
    project_id: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        sku = self.sku

        gpus_total = self.gpus_total

        region_code = self.region_code

        start = self.start.isoformat()

        duration_hours = self.duration_hours

        auto_renew = self.auto_renew

        project_id = self.project_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "sku": sku,
                "gpus_total": gpus_total,
                "region_code": region_code,
                "start": start,
                "duration_hours": duration_hours,
            }
        )
        if auto_renew is not UNSET:
            field_dict["auto_renew"] = auto_renew
        if project_id is not UNSET:
            field_dict["project_id"] = project_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        sku = d.pop("sku")

        gpus_total = d.pop("gpus_total")

        region_code = d.pop("region_code")

        start = datetime.datetime.fromisoformat(d.pop("start"))

        duration_hours = d.pop("duration_hours")

        auto_renew = d.pop("auto_renew", UNSET)

        project_id = d.pop("project_id", UNSET)

        # Positional, in the order of the class's fields: faster than keywords.
        reservation_create = cls(
            sku,
            gpus_total,
            region_code,
            start,
            duration_hours,
            auto_renew,
            project_id,
        )

        return reservation_create
