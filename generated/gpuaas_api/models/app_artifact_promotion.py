from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.app_channel import AppChannel

T = TypeVar("T", bound="AppArtifactPromotion")


@_attrs_define
class AppArtifactPromotion:
    """
    Example:
        {'channel': 'stable'}

    Attributes:
        channel (AppChannel): Release channel of an app's artifacts; each channel points at one artifact at a time.
    """

    channel: AppChannel

    def to_dict(self) -> dict[str, Any]:
        channel = self.channel.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "channel": channel,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        channel = AppChannel.from_value(src_dict["channel"])

        # Positional, in the order of the class's fields: faster than keywords.
        app_artifact_promotion = cls(
            channel,
        )
        return app_artifact_promotion
