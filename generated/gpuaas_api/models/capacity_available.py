from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import (
    Any,
    Literal,
    TypeVar,
    cast,
)

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="CapacityAvailable")


@_attrs_define
class CapacityAvailable:
    """The GPUs a capacity watch waited for are free (once per watch).

    Example:
        {'type': 'capacity.available', 'id': '1049', 'occurred_at': '2026-04-01T12:20:31Z', 'tenant_id': 'tnt-acme',
            'watch_id': 'cw-91d0aa3e', 'sku': 'h100-sxm-slice', 'gpus_total': 8, 'region_code': 'eu-helsinki-1',
            'available_gpus': 16}

    Attributes:
        type_ (Literal['capacity.available']):
        id (str):
        occurred_at (datetime.datetime):
        tenant_id (str):
        watch_id (str):
        sku (str):
        gpus_total (int): The GPUs the watch asked for.
        region_code (str): Where they are free.
        available_gpus (int): Free GPUs there at that moment.
    """

    type_: Literal["capacity.available"]
    id: str
    occurred_at: datetime.datetime
    tenant_id: str
    watch_id: str
    sku: str
    gpus_total: int
    region_code: str
    available_gpus: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        id = self.id

        occurred_at = self.occurred_at.isoformat()

        tenant_id = self.tenant_id

        watch_id = self.watch_id

        sku = self.sku

        gpus_total = self.gpus_total

        region_code = self.region_code

        available_gpus = self.available_gpus

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "id": id,
                "occurred_at": occurred_at,
                "tenant_id": tenant_id,
                "watch_id": watch_id,
                "sku": sku,
                "gpus_total": gpus_total,
                "region_code": region_code,
                "available_gpus": available_gpus,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        type_ = cast(Literal["capacity.available"], src_dict["type"])
        if type_ != "capacity.available":
            raise ValueError(
                f"type must match const 'capacity.available', got '{type_}'"
            )

        id = src_dict["id"]

        occurred_at = datetime.datetime.fromisoformat(src_dict["occurred_at"])

        tenant_id = src_dict["tenant_id"]

        watch_id = src_dict["watch_id"]

        sku = src_dict["sku"]

        gpus_total = src_dict["gpus_total"]

        region_code = src_dict["region_code"]

        available_gpus = src_dict["available_gpus"]

        # Positional, in the order of the class's fields: faster than keywords.
        capacity_available = cls(
            type_,
            id,
            occurred_at,
            tenant_id,
            watch_id,
            sku,
            gpus_total,
            region_code,
            available_gpus,
        )
        if len(src_dict) > 9:
            known = {
                "type",
                "id",
                "occurred_at",
                "tenant_id",
                "watch_id",
                "sku",
                "gpus_total",
                "region_code",
                "available_gpus",
            }
            capacity_available.additional_properties = {
                key: value for key, value in src_dict.items() if key not in known
            }
        return capacity_available

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
