from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.app_channel import AppChannel

T = TypeVar("T", bound="AppArtifact")


@_attrs_define
class AppArtifact:
    """
    Example:
        {'id': 'art-31f7', 'app_slug': 'jupyter-cuda-dev', 'version': '1.4.0', 'digest':
            'sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', 'size_bytes': 4831838208, 'channels':
            ['stable', 'beta'], 'created_at': '2026-03-01T09:00:00Z', 'promoted_at': '2026-03-08T10:30:00Z'}

    Attributes:
        id (str):
        app_slug (str):
        version (str):
        digest (str): Content digest of the artifact's image.
        size_bytes (int):
        channels (list[AppChannel]): The channels that currently point at this artifact.
        created_at (datetime.datetime):
        promoted_at (datetime.datetime | None): When the artifact was last promoted; null if it never was.
    """

    id: str
    app_slug: str
    version: str
    digest: str
    size_bytes: int
    channels: list[AppChannel]
    created_at: datetime.datetime
    promoted_at: datetime.datetime | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        app_slug = self.app_slug

        version = self.version

        digest = self.digest

        size_bytes = self.size_bytes

        channels = []
        for channels_item_data in self.channels:
            channels_item = channels_item_data.value
            channels.append(channels_item)

        created_at = self.created_at.isoformat()

        promoted_at: None | str
        if isinstance(self.promoted_at, datetime.datetime):
            promoted_at = self.promoted_at.isoformat()
        else:
            promoted_at = self.promoted_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "app_slug": app_slug,
                "version": version,
                "digest": digest,
                "size_bytes": size_bytes,
                "channels": channels,
                "created_at": created_at,
                "promoted_at": promoted_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        id = src_dict["id"]

        app_slug = src_dict["app_slug"]

        version = src_dict["version"]

        digest = src_dict["digest"]

        size_bytes = src_dict["size_bytes"]

        channels = []
        _channels = src_dict["channels"]
        for channels_item_data in _channels:
            channels_item = AppChannel.from_value(channels_item_data)

            channels.append(channels_item)

        created_at = datetime.datetime.fromisoformat(src_dict["created_at"])

        def _parse_promoted_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                promoted_at_type_0 = datetime.datetime.fromisoformat(data)

                return promoted_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        promoted_at = _parse_promoted_at(src_dict["promoted_at"])

        # Positional, in the order of the class's fields: faster than keywords.
        app_artifact = cls(
            id,
            app_slug,
            version,
            digest,
            size_bytes,
            channels,
            created_at,
            promoted_at,
        )
        if len(src_dict) > 8:
            known = {
                "id",
                "app_slug",
                "version",
                "digest",
                "size_bytes",
                "channels",
                "created_at",
                "promoted_at",
            }
            app_artifact.additional_properties = {
                key: value for key, value in src_dict.items() if key not in known
            }
        return app_artifact

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
