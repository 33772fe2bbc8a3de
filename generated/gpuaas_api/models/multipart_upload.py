from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="MultipartUpload")


@_attrs_define
class MultipartUpload:
    """An upload in progress. Send parts 1 to `part_count` (any order, in parallel,
    again to replace one), then complete it. It is discarded at `expires_at`
    when not completed.

        Example:
            {'id': 'up-3c9a7e', 'path': '/datasets/imagenet/train.parquet', 'size_bytes': 734003200, 'part_size_bytes':
                67108864, 'part_count': 11, 'sha256': '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
                'expires_at': '2026-04-02T12:00:00Z', 'created_at': '2026-04-01T12:00:00Z'}

        Attributes:
            id (str):
            path (str):
            size_bytes (int):
            part_size_bytes (int): Size of every part but the last.
            part_count (int): Number of parts; the last holds `size_bytes - (part_count - 1) * part_size_bytes` bytes.
            sha256 (None | str): The whole-file SHA-256 declared at the start; null when none was.
            expires_at (datetime.datetime):
            created_at (datetime.datetime):
    """

    id: str
    path: str
    size_bytes: int
    part_size_bytes: int
    part_count: int
    sha256: None | str
    expires_at: datetime.datetime
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        path = self.path

        size_bytes = self.size_bytes

        part_size_bytes = self.part_size_bytes

        part_count = self.part_count

        sha256: None | str
        sha256 = self.sha256

        expires_at = self.expires_at.isoformat()

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "path": path,
                "size_bytes": size_bytes,
                "part_size_bytes": part_size_bytes,
                "part_count": part_count,
                "sha256": sha256,
                "expires_at": expires_at,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        id = src_dict["id"]

        path = src_dict["path"]

        size_bytes = src_dict["size_bytes"]

        part_size_bytes = src_dict["part_size_bytes"]

        part_count = src_dict["part_count"]

        sha256: None | str = src_dict["sha256"]

        expires_at = datetime.datetime.fromisoformat(src_dict["expires_at"])

        created_at = datetime.datetime.fromisoformat(src_dict["created_at"])

        # Positional, in the order of the class's fields: faster than keywords.
        multipart_upload = cls(
            id,
            path,
            size_bytes,
            part_size_bytes,
            part_count,
            sha256,
            expires_at,
            created_at,
        )
        if len(src_dict) > 8:
            known = {
                "id",
                "path",
                "size_bytes",
                "part_size_bytes",
                "part_count",
                "sha256",
                "expires_at",
                "created_at",
            }
            multipart_upload.additional_properties = {
                key: value for key, value in src_dict.items() if key not in known
            }
        return multipart_upload

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
