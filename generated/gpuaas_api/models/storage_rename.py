from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="StorageRename")


@_attrs_define
class StorageRename:
    """
    Example:
        {'from_path': '/datasets/imagenet/train.parquet', 'to_path': '/datasets/imagenet/v2/train.parquet', 'overwrite':
            False}

    Attributes:
        from_path (str): The file or folder to move.
        to_path (str): Its new path: a folder path (ending with `/`) when moving a folder, a file
            path otherwise. Missing parent folders are created.
        overwrite (bool | Unset): Replace a file already at `to_path`. A folder at `to_path` is never replaced. Default:
            False.
    """

    from_path: str
    to_path: str
    overwrite: bool | Unset = False

    def to_dict(self) -> dict[str, Any]:
        from_path = self.from_path

        to_path = self.to_path

        overwrite = self.overwrite

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "from_path": from_path,
                "to_path": to_path,
            }
        )
        if overwrite is not UNSET:
            field_dict["overwrite"] = overwrite

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        from_path = d.pop("from_path")

        to_path = d.pop("to_path")

        overwrite = d.pop("overwrite", UNSET)

        # Positional, in the order of the class's fields: faster than keywords.
        storage_rename = cls(
            from_path,
            to_path,
            overwrite,
        )

        return storage_rename
