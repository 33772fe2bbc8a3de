from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.reservation import Reservation


T = TypeVar("T", bound="ReservationPage")


@_attrs_define
class ReservationPage:
    """
    Example:
        {'items': [{'id': 'rsv-0e4b77c2', 'status': 'scheduled', 'sku': 'h200-sxm-slice', 'gpus_total': 8,
            'region_code': 'us-buffalo-1', 'project_id': 'prj-default', 'start': '2026-04-02T09:00:00Z', 'end':
            '2026-04-02T17:00:00Z', 'duration_hours': 8, 'auto_renew': False, 'renewals': 0, 'price_per_gpu_hour_minor':
            349, 'currency': 'USD', 'total_minor': 22336, 'allocation_ids': [], 'gpus_in_use': 0, 'created_at':
            '2026-04-01T12:00:00Z', 'cancelled_at': None}], 'next_cursor': None}

    Attributes:
        items (list[Reservation]):
        next_cursor (None | str):
    """

    items: list[Reservation]
    next_cursor: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        next_cursor: None | str
        next_cursor = self.next_cursor

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "items": items,
                "next_cursor": next_cursor,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        items = []
        _items = src_dict["items"]
        for items_item_data in _items:
            items_item = Reservation.from_dict(items_item_data)

            items.append(items_item)

        next_cursor: None | str = src_dict["next_cursor"]

        # Positional, in the order of the class's fields: faster than keywords.
        reservation_page = cls(
            items,
            next_cursor,
        )
        if len(src_dict) > 2:
            known = {
                "items",
                "next_cursor",
            }
            reservation_page.additional_properties = {
                key: value for key, value in src_dict.items() if key not in known
            }
        return reservation_page

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
from ..models.reservation import Reservation  # noqa: E402
