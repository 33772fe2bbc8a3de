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

T = TypeVar("T", bound="UsageRecorded")


@_attrs_define
class UsageRecorded:
    """
    Example:
        {'type': 'usage.recorded', 'id': '1046', 'occurred_at': '2026-04-01T13:00:00Z', 'tenant_id': 'tnt-acme',
            'usage_record_id': 'use-77a1', 'allocation_id': 'alloc-4f9c2a', 'sku': 'h200-sxm-slice', 'gpu_hours': 1,
            'cost_minor': 349, 'currency': 'USD'}

    Attributes:
        type_ (Literal['usage.recorded']):
        id (str):
        occurred_at (datetime.datetime):
        tenant_id (str):
        usage_record_id (str):
        allocation_id (str):
        sku (str):
        gpu_hours (float):
        cost_minor (int):
        currency (str):
    """

    type_: Literal["usage.recorded"]
    id: str
    occurred_at: datetime.datetime
    tenant_id: str
    usage_record_id: str
    allocation_id: str
    sku: str
    gpu_hours: float
    cost_minor: int
    currency: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        id = self.id

        occurred_at = self.occurred_at.isoformat()

        tenant_id = self.tenant_id

        usage_record_id = self.usage_record_id

        allocation_id = self.allocation_id

        sku = self.sku

        gpu_hours = self.gpu_hours

        cost_minor = self.cost_minor

        currency = self.currency

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "id": id,
                "occurred_at": occurred_at,
                "tenant_id": tenant_id,
                "usage_record_id": usage_record_id,
                "allocation_id": allocation_id,
                "sku": sku,
                "gpu_hours": gpu_hours,
                "cost_minor": cost_minor,
                "currency": currency,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        type_ = cast(Literal["usage.recorded"], src_dict["type"])
        if type_ != "usage.recorded":
            raise ValueError(f"type must match const 'usage.recorded', got '{type_}'")

        id = src_dict["id"]

        occurred_at = datetime.datetime.fromisoformat(src_dict["occurred_at"])

        tenant_id = src_dict["tenant_id"]

        usage_record_id = src_dict["usage_record_id"]

        allocation_id = src_dict["allocation_id"]

        sku = src_dict["sku"]

        gpu_hours = src_dict["gpu_hours"]

        cost_minor = src_dict["cost_minor"]

        currency = src_dict["currency"]

        # Positional, in the order of the class's fields: faster than keywords.
        usage_recorded = cls(
            type_,
            id,
            occurred_at,
            tenant_id,
            usage_record_id,
            allocation_id,
            sku,
            gpu_hours,
            cost_minor,
            currency,
        )
        if len(src_dict) > 10:
            known = {
                "type",
                "id",
                "occurred_at",
                "tenant_id",
                "usage_record_id",
                "allocation_id",
                "sku",
                "gpu_hours",
                "cost_minor",
                "currency",
            }
            usage_recorded.additional_properties = {
                key: value for key, value in src_dict.items() if key not in known
            }
        return usage_recorded

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
