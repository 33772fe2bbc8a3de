from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.reservation_slot import ReservationSlot


T = TypeVar("T", bound="ReservationAvailability")


@_attrs_define
class ReservationAvailability:
    """Windows of `duration_hours` that can be reserved for `gpus_total` GPUs, starting on
    the hour within the window asked for (at most 168 slots, earliest first, per region).

        Example:
            {'sku': 'h200-sxm-slice', 'gpus_total': 8, 'duration_hours': 8, 'price_per_gpu_hour_minor': 349, 'currency':
                'USD', 'slots': [{'region_code': 'us-buffalo-1', 'start': '2026-04-02T09:00:00Z', 'end': '2026-04-02T17:00:00Z',
                'available_gpus': 56}]}

        Attributes:
            sku (str):
            gpus_total (int):
            duration_hours (int):
            price_per_gpu_hour_minor (int): The price a reservation made now would be charged.
            currency (str):
            slots (list[ReservationSlot]):
    """

    sku: str
    gpus_total: int
    duration_hours: int
    price_per_gpu_hour_minor: int
    currency: str
    slots: list[ReservationSlot]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        sku = self.sku

        gpus_total = self.gpus_total

        duration_hours = self.duration_hours

        price_per_gpu_hour_minor = self.price_per_gpu_hour_minor

        currency = self.currency

        slots = []
        for slots_item_data in self.slots:
            slots_item = slots_item_data.to_dict()
            slots.append(slots_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "sku": sku,
                "gpus_total": gpus_total,
                "duration_hours": duration_hours,
                "price_per_gpu_hour_minor": price_per_gpu_hour_minor,
                "currency": currency,
                "slots": slots,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        sku = src_dict["sku"]

        gpus_total = src_dict["gpus_total"]

        duration_hours = src_dict["duration_hours"]

        price_per_gpu_hour_minor = src_dict["price_per_gpu_hour_minor"]

        currency = src_dict["currency"]

        slots = []
        _slots = src_dict["slots"]
        for slots_item_data in _slots:
            slots_item = ReservationSlot.from_dict(slots_item_data)

            slots.append(slots_item)

        # Positional, in the order of the class's fields: faster than keywords.
        reservation_availability = cls(
            sku,
            gpus_total,
            duration_hours,
            price_per_gpu_hour_minor,
            currency,
            slots,
        )
        if len(src_dict) > 6:
            known = {
                "sku",
                "gpus_total",
                "duration_hours",
                "price_per_gpu_hour_minor",
                "currency",
                "slots",
            }
            reservation_availability.additional_properties = {
                key: value for key, value in src_dict.items() if key not in known
            }
        return reservation_availability

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
from ..models.reservation_slot import ReservationSlot  # noqa: E402
