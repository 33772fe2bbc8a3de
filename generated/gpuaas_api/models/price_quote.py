from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="PriceQuote")


@_attrs_define
class PriceQuote:
    """A price the platform binds itself to: an allocation (or fleet) created with
    `quote_id` before `valid_until`, of the quote's SKU, `gpus_total` and region, is
    charged `price_per_gpu_hour_minor` for its whole life, whatever the price in force.

        Example:
            {'id': 'qt-3b1f9a07', 'sku': 'h200-sxm-slice', 'gpus_total': 8, 'hours': 24, 'region_code': 'us-buffalo-1',
                'price_per_gpu_hour_minor': 349, 'total_minor': 67008, 'currency': 'USD', 'valid_until': '2026-04-01T12:15:00Z'}

        Attributes:
            id (str): Pass it as `quote_id` when creating the allocation.
            sku (str):
            gpus_total (int):
            hours (float):
            region_code (str): The region priced, the one asked for or the one the platform chose.
            price_per_gpu_hour_minor (int): Price of one GPU-hour in minor units of `currency`.
            total_minor (int): `price_per_gpu_hour_minor × gpus_total × hours`, rounded to the nearest minor unit (halves
                up).
            currency (str):
            valid_until (datetime.datetime): Until when the platform honours this price.
    """

    id: str
    sku: str
    gpus_total: int
    hours: float
    region_code: str
    price_per_gpu_hour_minor: int
    total_minor: int
    currency: str
    valid_until: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        sku = self.sku

        gpus_total = self.gpus_total

        hours = self.hours

        region_code = self.region_code

        price_per_gpu_hour_minor = self.price_per_gpu_hour_minor

        total_minor = self.total_minor

        currency = self.currency

        valid_until = self.valid_until.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "sku": sku,
                "gpus_total": gpus_total,
                "hours": hours,
                "region_code": region_code,
                "price_per_gpu_hour_minor": price_per_gpu_hour_minor,
                "total_minor": total_minor,
                "currency": currency,
                "valid_until": valid_until,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        id = src_dict["id"]

        sku = src_dict["sku"]

        gpus_total = src_dict["gpus_total"]

        hours = src_dict["hours"]

        region_code = src_dict["region_code"]

        price_per_gpu_hour_minor = src_dict["price_per_gpu_hour_minor"]

        total_minor = src_dict["total_minor"]

        currency = src_dict["currency"]

        valid_until = datetime.datetime.fromisoformat(src_dict["valid_until"])

        # Positional, in the order of the class's fields: faster than keywords.
        price_quote = cls(
            id,
            sku,
            gpus_total,
            hours,
            region_code,
            price_per_gpu_hour_minor,
            total_minor,
            currency,
            valid_until,
        )
        if len(src_dict) > 9:
            known = {
                "id",
                "sku",
                "gpus_total",
                "hours",
                "region_code",
                "price_per_gpu_hour_minor",
                "total_minor",
                "currency",
                "valid_until",
            }
            price_quote.additional_properties = {
                key: value for key, value in src_dict.items() if key not in known
            }
        return price_quote

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
