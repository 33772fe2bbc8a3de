from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="StorageFolderCreate")


@_attrs_define
class StorageFolderCreate:
    """
    Example:
        {'path': '/datasets/imagenet/'}

    Attributes:
        path (str): Folder path, ending with `/`. Missing parent folders are created too.
    """

    path: str

    def to_dict(self) -> dict[str, Any]:
        path = self.path

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "path": path,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        path = src_dict["path"]

        # Positional, in the order of the class's fields: faster than keywords.
        storage_folder_create = cls(
            path,
        )
        return storage_folder_create
