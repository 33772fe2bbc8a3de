from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.reservation_status import ReservationStatus

T = TypeVar("T", bound="Reservation")


@_attrs_define
class Reservation:
    """GPUs of one SKU in one region promised for a time window. Every hour of the window
    that has begun is billed in full, used or not (a cancelled reservation stops being
    billed at the next whole hour; cancelled before its start it costs nothing).
    Allocations created into it (`reservation_id`) are not billed on their own and are
    released when it ends.

        Example:
            {'id': 'rsv-0e4b77c2', 'status': 'scheduled', 'sku': 'h200-sxm-slice', 'gpus_total': 8, 'region_code': 'us-
                buffalo-1', 'project_id': 'prj-default', 'start': '2026-04-02T09:00:00Z', 'end': '2026-04-02T17:00:00Z',
                'duration_hours': 8, 'auto_renew': False, 'renewals': 0, 'price_per_gpu_hour_minor': 349, 'currency': 'USD',
                'total_minor': 22336, 'allocation_ids': [], 'gpus_in_use': 0, 'created_at': '2026-04-01T12:00:00Z',
                'cancelled_at': None}

        Attributes:
            id (str):
            status (ReservationStatus): `scheduled` before its window, `active` during it, `ended` after it (an
                `auto_renew` reservation moves its window on instead, while capacity allows),
                `cancelled` once its holder cancelled it. New states may be added; clients must
                tolerate them.
            sku (str):
            gpus_total (int):
            region_code (str):
            project_id (str):
            start (datetime.datetime):
            end (datetime.datetime): End of the current window (later by `duration_hours` after each renewal).
            duration_hours (int):
            auto_renew (bool):
            renewals (int): How many times the window was renewed.
            price_per_gpu_hour_minor (int): Fixed when it was made.
            currency (str):
            total_minor (int): What the current window costs in full (`price × gpus_total × duration_hours`).
            allocation_ids (list[str]): Allocations created into it, oldest first.
            gpus_in_use (int): GPUs its live allocations use now.
            created_at (datetime.datetime):
            cancelled_at (datetime.datetime | None):
    """

    id: str
    status: ReservationStatus
    sku: str
    gpus_total: int
    region_code: str
    project_id: str
    start: datetime.datetime
    end: datetime.datetime
    duration_hours: int
    auto_renew: bool
    renewals: int
    price_per_gpu_hour_minor: int
    currency: str
    total_minor: int
    allocation_ids: list[str]
    gpus_in_use: int
    created_at: datetime.datetime
    cancelled_at: datetime.datetime | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        status = self.status.value

        sku = self.sku

        gpus_total = self.gpus_total

        region_code = self.region_code

        project_id = self.project_id

        start = self.start.isoformat()

        end = self.end.isoformat()

        duration_hours = self.duration_hours

        auto_renew = self.auto_renew

        renewals = self.renewals

        price_per_gpu_hour_minor = self.price_per_gpu_hour_minor

        currency = self.currency

        total_minor = self.total_minor

        allocation_ids = self.allocation_ids

        gpus_in_use = self.gpus_in_use

        created_at = self.created_at.isoformat()

        cancelled_at: None | str
        if isinstance(self.cancelled_at, datetime.datetime):
            cancelled_at = self.cancelled_at.isoformat()
        else:
            cancelled_at = self.cancelled_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "status": status,
                "sku": sku,
                "gpus_total": gpus_total,
                "region_code": region_code,
                "project_id": project_id,
                "start": start,
                "end": end,
                "duration_hours": duration_hours,
                "auto_renew": auto_renew,
                "renewals": renewals,
                "price_per_gpu_hour_minor": price_per_gpu_hour_minor,
                "currency": currency,
                "total_minor": total_minor,
                "allocation_ids": allocation_ids,
                "gpus_in_use": gpus_in_use,
                "created_at": created_at,
                "cancelled_at": cancelled_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        id = src_dict["id"]

        status = ReservationStatus.from_value(src_dict["status"])

        sku = src_dict["sku"]

        gpus_total = src_dict["gpus_total"]

        region_code = src_dict["region_code"]

        project_id = src_dict["project_id"]

        start = datetime.datetime.fromisoformat(src_dict["start"])

        end = datetime.datetime.fromisoformat(src_dict["end"])

        duration_hours = src_dict["duration_hours"]

        auto_renew = src_dict["auto_renew"]

        renewals = src_dict["renewals"]

        price_per_gpu_hour_minor = src_dict["price_per_gpu_hour_minor"]

        currency = src_dict["currency"]

        total_minor = src_dict["total_minor"]

        allocation_ids = cast(list[str], src_dict["allocation_ids"])

        gpus_in_use = src_dict["gpus_in_use"]

        created_at = datetime.datetime.fromisoformat(src_dict["created_at"])

        def _parse_cancelled_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                cancelled_at_type_0 = datetime.datetime.fromisoformat(data)

                return cancelled_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        cancelled_at = _parse_cancelled_at(src_dict["cancelled_at"])

        # Positional, in the order of the class's fields: faster than keywords.
        reservation = cls(
            id,
            status,
            sku,
            gpus_total,
            region_code,
            project_id,
            start,
            end,
            duration_hours,
            auto_renew,
            renewals,
            price_per_gpu_hour_minor,
            currency,
            total_minor,
            allocation_ids,
            gpus_in_use,
            created_at,
            cancelled_at,
        )
        if len(src_dict) > 18:
            known = {
                "id",
                "status",
                "sku",
                "gpus_total",
                "region_code",
                "project_id",
                "start",
                "end",
                "duration_hours",
                "auto_renew",
                "renewals",
                "price_per_gpu_hour_minor",
                "currency",
                "total_minor",
                "allocation_ids",
                "gpus_in_use",
                "created_at",
                "cancelled_at",
            }
            reservation.additional_properties = {
                key: value for key, value in src_dict.items() if key not in known
            }
        return reservation

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
