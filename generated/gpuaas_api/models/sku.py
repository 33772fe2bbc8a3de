from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.region_availability import RegionAvailability


T = TypeVar("T", bound="Sku")


@_attrs_define
class Sku:
    """
    Example:
        {'id': 'h200-sxm-slice', 'gpu_model': 'NVIDIA H200 SXM', 'gpu_memory_gb': 141, 'gpus_per_node': 8,
            'price_per_gpu_hour_minor': 349, 'currency': 'USD', 'availability': [{'region_code': 'us-buffalo-1',
            'available_gpus': 64}]}

    Attributes:
        id (str): Stable SKU id, e.g. `h200-sxm-slice`.
        gpu_model (str):
        gpu_memory_gb (int):
        gpus_per_node (int): Largest `gpus_total` one allocation of this SKU can have.
        price_per_gpu_hour_minor (int): Price of one GPU-hour in minor units of `currency`.
        currency (str):
        availability (list[RegionAvailability]):
    """

    id: str
    gpu_model: str
    gpu_memory_gb: int
    gpus_per_node: int
    price_per_gpu_hour_minor: int
    currency: str
    availability: list[RegionAvailability]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        gpu_model = self.gpu_model

        gpu_memory_gb = self.gpu_memory_gb

        gpus_per_node = self.gpus_per_node

        price_per_gpu_hour_minor = self.price_per_gpu_hour_minor

        currency = self.currency

        availability = []
        for availability_item_data in self.availability:
            availability_item = availability_item_data.to_dict()
            availability.append(availability_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "gpu_model": gpu_model,
                "gpu_memory_gb": gpu_memory_gb,
                "gpus_per_node": gpus_per_node,
                "price_per_gpu_hour_minor": price_per_gpu_hour_minor,
                "currency": currency,
                "availability": availability,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        id = src_dict["id"]

        gpu_model = src_dict["gpu_model"]

        gpu_memory_gb = src_dict["gpu_memory_gb"]

        gpus_per_node = src_dict["gpus_per_node"]

        price_per_gpu_hour_minor = src_dict["price_per_gpu_hour_minor"]

        currency = src_dict["currency"]

        availability = []
        _availability = src_dict["availability"]
        for availability_item_data in _availability:
            availability_item = RegionAvailability.from_dict(availability_item_data)

            availability.append(availability_item)

        # Positional, in the order of the class's fields: faster than keywords.
        sku = cls(
            id,
            gpu_model,
            gpu_memory_gb,
            gpus_per_node,
            price_per_gpu_hour_minor,
            currency,
            availability,
        )
        if len(src_dict) > 7:
            known = {
                "id",
                "gpu_model",
                "gpu_memory_gb",
                "gpus_per_node",
                "price_per_gpu_hour_minor",
                "currency",
                "availability",
            }
            sku.additional_properties = {
                key: value for key, value in src_dict.items() if key not in known
            }
        return sku

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


# The models this one refers to, imported once its class exists (so that models referring
# to each other import cleanly): module globals, not imports run by every from_dict call.
from ..models.region_availability import RegionAvailability  # noqa: E402
