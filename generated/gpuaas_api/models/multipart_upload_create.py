from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="MultipartUploadCreate")


@_attrs_define
class MultipartUploadCreate:
    """
    Example:
        {'path': '/datasets/imagenet/train.parquet', 'size_bytes': 734003200, 'part_size_bytes': 67108864, 'sha256':
            '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', 'overwrite': False}

    Attributes:
        path (str): The file to create (not a folder path).
        size_bytes (int): Size of the whole file (at most 5 TiB).
        part_size_bytes (int): Size of every part but the last (which holds the rest), from 1 MiB to
            512 MiB; 5 MiB or more is advised. The file may have at most 10,000 parts.
        sha256 (str | Unset): Hex SHA-256 of the whole file; when given, the completion verifies it.
        overwrite (bool | Unset): Replace a file already at `path` when the upload completes. Default: False.
    """

    path: str
    size_bytes: int
    part_size_bytes: int
    sha256: str | Unset = UNSET
    overwrite: bool | Unset = False

    def to_dict(self) -> dict[str, Any]:
        path = self.path

        size_bytes = self.size_bytes

        part_size_bytes = self.part_size_bytes

        sha256 = self.sha256

        overwrite = self.overwrite

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "path": path,
                "size_bytes": size_bytes,
                "part_size_bytes": part_size_bytes,
            }
        )
        if sha256 is not UNSET:
            field_dict["sha256"] = sha256
        if overwrite is not UNSET:
            field_dict["overwrite"] = overwrite

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        path = d.pop("path")

        size_bytes = d.pop("size_bytes")

        part_size_bytes = d.pop("part_size_bytes")

        sha256 = d.pop("sha256", UNSET)

        overwrite = d.pop("overwrite", UNSET)

        # Positional, in the order of the class's fields: faster than keywords.
        multipart_upload_create = cls(
            path,
            size_bytes,
            part_size_bytes,
            sha256,
            overwrite,
        )

        return multipart_upload_create
