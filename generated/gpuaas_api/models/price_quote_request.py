from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="PriceQuoteRequest")


@_attrs_define
class PriceQuoteRequest:
    """
    Example:
        {'sku': 'h200-sxm-slice', 'gpus_total': 8, 'hours': 24, 'region_code': 'us-buffalo-1'}

    Attributes:
        sku (str): Id of the SKU to price, e.g. `h200-sxm-slice`.
        gpus_total (int):
        hours (float): How long the GPUs would run, in hours (fractions allowed; at most a leap year).
        region_code (str | Unset): Region to price in; the SKU's first region with enough free GPUs when omitted.
    """

    sku: str
    gpus_total: int
    hours: float
    region_code: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        sku = self.sku

        gpus_total = self.gpus_total

        hours = self.hours

        region_code = self.region_code

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "sku": sku,
                "gpus_total": gpus_total,
                "hours": hours,
            }
        )
        if region_code is not UNSET:
            field_dict["region_code"] = region_code

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        sku = d.pop("sku")

        gpus_total = d.pop("gpus_total")

        hours = d.pop("hours")

        region_code = d.pop("region_code", UNSET)

        # Positional, in the order of the class's fields: faster than keywords.
        price_quote_request = cls(
            sku,
            gpus_total,
            hours,
            region_code,
        )

        return price_quote_request
