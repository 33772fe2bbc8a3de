from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.usage_kind import UsageKind

T = TypeVar("T", bound="UsageRecord")


@_attrs_define
class UsageRecord:
    """A charge over one interval (at most a clock hour). Its `id` is the charge id refunds
    refer to. `kind` says what was charged: an allocation's GPU time (at the price fixed
    when it was created: `quote_id` names the quote it came from), a reservation's
    reserved GPU-hours (every hour begun is charged in full) or a block volume's
    GB-hours. Fields of the other kinds are null.

        Example:
            {'id': 'use-77a1', 'kind': 'allocation', 'interval_start': '2026-04-01T12:00:00Z', 'interval_end':
                '2026-04-01T13:00:00Z', 'allocation_id': 'alloc-4f9c2a', 'sku': 'h200-sxm-slice', 'region_code': 'us-buffalo-1',
                'gpus': 1, 'gpu_hours': 1, 'cost_minor': 349, 'currency': 'USD', 'quote_id': 'qt-3b1f9a07', 'reservation_id':
                None, 'volume_id': None, 'gb_hours': None}

        Attributes:
            id (str):
            kind (UsageKind): What a usage record charges. New kinds may be added; clients must tolerate them.
            interval_start (datetime.datetime):
            interval_end (datetime.datetime): End of the interval (exclusive); later than `interval_start`.
            allocation_id (None | str): The allocation charged; null for a reservation or a volume.
            sku (None | str): Null for a volume.
            region_code (str):
            gpus (int | None): GPUs of the allocation (or reservation) during the interval; null for a volume.
            gpu_hours (float): `gpus` times the interval's length in hours (0 for a volume).
            cost_minor (int): Amount charged, in minor units of `currency`.
            currency (str):
            quote_id (None | str): The quote whose price the allocation is charged at, if it was created with one.
            reservation_id (None | str): The reservation charged; null for the other kinds.
            volume_id (None | str): The volume charged; null for the other kinds.
            gb_hours (float | None): The volume's size in GB times the interval's length in hours; null for the other kinds.
    """

    id: str
    kind: UsageKind
    interval_start: datetime.datetime
    interval_end: datetime.datetime
    allocation_id: None | str
    sku: None | str
    region_code: str
    gpus: int | None
    gpu_hours: float
    cost_minor: int
    currency: str
    quote_id: None | str
    reservation_id: None | str
    volume_id: None | str
    gb_hours: float | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        kind = self.kind.value

        interval_start = self.interval_start.isoformat()

        interval_end = self.interval_end.isoformat()

        allocation_id: None | str
        allocation_id = self.allocation_id

        sku: None | str
        sku = self.sku

        region_code = self.region_code

        gpus: int | None
        gpus = self.gpus

        gpu_hours = self.gpu_hours

        cost_minor = self.cost_minor

        currency = self.currency

        quote_id: None | str
        quote_id = self.quote_id

        reservation_id: None | str
        reservation_id = self.reservation_id

        volume_id: None | str
        volume_id = self.volume_id

        gb_hours: float | None
        gb_hours = self.gb_hours

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "kind": kind,
                "interval_start": interval_start,
                "interval_end": interval_end,
                "allocation_id": allocation_id,
                "sku": sku,
                "region_code": region_code,
                "gpus": gpus,
                "gpu_hours": gpu_hours,
                "cost_minor": cost_minor,
                "currency": currency,
                "quote_id": quote_id,
                "reservation_id": reservation_id,
                "volume_id": volume_id,
                "gb_hours": gb_hours,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        id = src_dict["id"]

        kind = UsageKind.from_value(src_dict["kind"])

        interval_start = datetime.datetime.fromisoformat(src_dict["interval_start"])

        interval_end = datetime.datetime.fromisoformat(src_dict["interval_end"])

        allocation_id: None | str = src_dict["allocation_id"]

        sku: None | str = src_dict["sku"]

        region_code = src_dict["region_code"]

        gpus: int | None = src_dict["gpus"]

        gpu_hours = src_dict["gpu_hours"]

        cost_minor = src_dict["cost_minor"]

        currency = src_dict["currency"]

        quote_id: None | str = src_dict["quote_id"]

        reservation_id: None | str = src_dict["reservation_id"]

        volume_id: None | str = src_dict["volume_id"]

        gb_hours: float | None = src_dict["gb_hours"]

        # Positional, in the order of the class's fields: faster than keywords.
        usage_record = cls(
            id,
            kind,
            interval_start,
            interval_end,
            allocation_id,
            sku,
            region_code,
            gpus,
            gpu_hours,
            cost_minor,
            currency,
            quote_id,
            reservation_id,
            volume_id,
            gb_hours,
        )
        if len(src_dict) > 15:
            known = {
                "id",
                "kind",
                "interval_start",
                "interval_end",
                "allocation_id",
                "sku",
                "region_code",
                "gpus",
                "gpu_hours",
                "cost_minor",
                "currency",
                "quote_id",
                "reservation_id",
                "volume_id",
                "gb_hours",
            }
            usage_record.additional_properties = {
                key: value for key, value in src_dict.items() if key not in known
            }
        return usage_record

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
