from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.completed_upload_part import CompletedUploadPart


T = TypeVar("T", bound="MultipartUploadComplete")


@_attrs_define
class MultipartUploadComplete:
    """
    Example:
        {'parts': [{'part_number': 1, 'sha256': '3a6eb0790f39ac87c94f3856b2dd2c5d110e6811602261a9a923d3bb23adc8b7'},
            {'part_number': 2, 'sha256': '2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881'}]}

    Attributes:
        parts (list[CompletedUploadPart]): Every part, 1 to `part_count`, once each, with the SHA-256 the client
            computed.
    """

    parts: list[CompletedUploadPart]

    def to_dict(self) -> dict[str, Any]:
        parts = []
        for parts_item_data in self.parts:
            parts_item = parts_item_data.to_dict()
            parts.append(parts_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "parts": parts,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        parts = []
        _parts = src_dict["parts"]
        for parts_item_data in _parts:
            parts_item = CompletedUploadPart.from_dict(parts_item_data)

            parts.append(parts_item)

        # Positional, in the order of the class's fields: faster than keywords.
        multipart_upload_complete = cls(
            parts,
        )
        return multipart_upload_complete


# The models this one refers to, imported once its class exists (so that models referring
# to each other import cleanly): module globals, not imports run by every from_dict call.
from ..models.completed_upload_part import CompletedUploadPart  # noqa: E402
