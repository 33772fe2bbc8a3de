from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.storage_object_kind import StorageObjectKind

T = TypeVar("T", bound="StorageObject")


@_attrs_define
class StorageObject:
    """A file or folder of the tenant's storage. Paths are absolute and
    slash-separated (`/datasets/imagenet/train.parquet`); folder paths end with
    `/` (`/datasets/imagenet/`). A file `/a/b` and a folder `/a/b/` cannot both
    exist: creating one where the other is answers `already_exists`.

        Example:
            {'path': '/datasets/imagenet/train.parquet', 'kind': 'file', 'size_bytes': 734003200, 'modified_at':
                '2026-04-01T12:30:00Z', 'sha256': '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
                'content_type': 'application/vnd.apache.parquet'}

        Attributes:
            path (str):
            kind (StorageObjectKind): A `file` holds bytes; a `folder` (path ending with `/`) holds other objects.
            size_bytes (int): Size of a file's content; 0 for a folder.
            modified_at (datetime.datetime): When the file's content was last written, or when the folder was created or
                moved.
            sha256 (None | str): Hex SHA-256 of a file's content; null for a folder.
            content_type (None | str): Media type guessed from the file's name; null for a folder or when unknown.
    """

    path: str
    kind: StorageObjectKind
    size_bytes: int
    modified_at: datetime.datetime
    sha256: None | str
    content_type: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        path = self.path

        kind = self.kind.value

        size_bytes = self.size_bytes

        modified_at = self.modified_at.isoformat()

        sha256: None | str
        sha256 = self.sha256

        content_type: None | str
        content_type = self.content_type

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "path": path,
                "kind": kind,
                "size_bytes": size_bytes,
                "modified_at": modified_at,
                "sha256": sha256,
                "content_type": content_type,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        path = src_dict["path"]

        kind = StorageObjectKind.from_value(src_dict["kind"])

        size_bytes = src_dict["size_bytes"]

        modified_at = datetime.datetime.fromisoformat(src_dict["modified_at"])

        sha256: None | str = src_dict["sha256"]

        content_type: None | str = src_dict["content_type"]

        # Positional, in the order of the class's fields: faster than keywords.
        storage_object = cls(
            path,
            kind,
            size_bytes,
            modified_at,
            sha256,
            content_type,
        )
        if len(src_dict) > 6:
            known = {
                "path",
                "kind",
                "size_bytes",
                "modified_at",
                "sha256",
                "content_type",
            }
            storage_object.additional_properties = {
                key: value for key, value in src_dict.items() if key not in known
            }
        return storage_object

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
