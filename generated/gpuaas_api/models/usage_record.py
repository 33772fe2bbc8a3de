from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="UsageRecord")


@_attrs_define
class UsageRecord:
    """A charge: the GPU time one allocation used over one interval, priced at the
    SKU's price per GPU-hour. Its `id` is the charge id refunds refer to.

        Example:
            {'id': 'use-77a1', 'interval_start': '2026-04-01T12:00:00Z', 'interval_end': '2026-04-01T13:00:00Z',
                'allocation_id': 'alloc-4f9c2a', 'sku': 'h200-sxm-slice', 'region_code': 'us-buffalo-1', 'gpus': 1, 'gpu_hours':
                1, 'cost_minor': 349, 'currency': 'USD'}

        Attributes:
            id (str):
            interval_start (datetime.datetime):
            interval_end (datetime.datetime): End of the interval (exclusive); later than `interval_start`.
            allocation_id (str):
            sku (str):
            region_code (str):
            gpus (int): GPUs of the allocation during the interval.
            gpu_hours (float): `gpus` times the interval's length in hours.
            cost_minor (int): Amount charged, in minor units of `currency`.
            currency (str):
    """

    id: str
    interval_start: datetime.datetime
    interval_end: datetime.datetime
    allocation_id: str
    sku: str
    region_code: str
    gpus: int
    gpu_hours: float
    cost_minor: int
    currency: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        interval_start = self.interval_start.isoformat()

        interval_end = self.interval_end.isoformat()

        allocation_id = self.allocation_id

        sku = self.sku

        region_code = self.region_code

        gpus = self.gpus

        gpu_hours = self.gpu_hours

        cost_minor = self.cost_minor

        currency = self.currency

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "interval_start": interval_start,
                "interval_end": interval_end,
                "allocation_id": allocation_id,
                "sku": sku,
                "region_code": region_code,
                "gpus": gpus,
                "gpu_hours": gpu_hours,
                "cost_minor": cost_minor,
                "currency": currency,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        interval_start = datetime.datetime.fromisoformat(d.pop("interval_start"))

        interval_end = datetime.datetime.fromisoformat(d.pop("interval_end"))

        allocation_id = d.pop("allocation_id")

        sku = d.pop("sku")

        region_code = d.pop("region_code")

        gpus = d.pop("gpus")

        gpu_hours = d.pop("gpu_hours")

        cost_minor = d.pop("cost_minor")

        currency = d.pop("currency")

        usage_record = cls(
            id=id,
            interval_start=interval_start,
            interval_end=interval_end,
            allocation_id=allocation_id,
            sku=sku,
            region_code=region_code,
            gpus=gpus,
            gpu_hours=gpu_hours,
            cost_minor=cost_minor,
            currency=currency,
        )

        usage_record.additional_properties = d
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
