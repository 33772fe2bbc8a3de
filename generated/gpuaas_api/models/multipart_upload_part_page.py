from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.multipart_upload_part import MultipartUploadPart


T = TypeVar("T", bound="MultipartUploadPartPage")


@_attrs_define
class MultipartUploadPartPage:
    """
    Example:
        {'items': [{'part_number': 1, 'size_bytes': 67108864, 'sha256':
            '3a6eb0790f39ac87c94f3856b2dd2c5d110e6811602261a9a923d3bb23adc8b7', 'received_at': '2026-04-01T12:01:10Z'},
            {'part_number': 2, 'size_bytes': 67108864, 'sha256':
            '2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881', 'received_at': '2026-04-01T12:01:42Z'}],
            'next_cursor': None}

    Attributes:
        items (list[MultipartUploadPart]):
        next_cursor (None | str):
    """

    items: list[MultipartUploadPart]
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
            items_item = MultipartUploadPart.from_dict(items_item_data)

            items.append(items_item)

        next_cursor: None | str = src_dict["next_cursor"]

        # Positional, in the order of the class's fields: faster than keywords.
        multipart_upload_part_page = cls(
            items,
            next_cursor,
        )
        if len(src_dict) > 2:
            known = {
                "items",
                "next_cursor",
            }
            multipart_upload_part_page.additional_properties = {
                key: value for key, value in src_dict.items() if key not in known
            }
        return multipart_upload_part_page

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
from ..models.multipart_upload_part import MultipartUploadPart  # noqa: E402
