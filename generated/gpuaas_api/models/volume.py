from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.volume_status import VolumeStatus

if TYPE_CHECKING:
    from ..models.volume_attachment import VolumeAttachment


T = TypeVar("T", bound="Volume")


@_attrs_define
class Volume:
    """A block volume: persistent storage in one region, attached to at most one allocation
    at a time. It outlives the allocations it is attached to and is billed per GB-hour
    from its creation until it is deleted.

        Example:
            {'id': 'vol-5d2e8c41', 'name': 'datasets', 'size_gb': 500, 'region_code': 'us-buffalo-1', 'project_id': 'prj-
                default', 'status': 'attached', 'attachment': {'allocation_id': 'alloc-4f9c2a', 'mount_point': '/data'},
                'price_per_tb_hour_minor': 14, 'currency': 'USD', 'created_at': '2026-04-01T11:50:00Z'}

        Attributes:
            id (str):
            name (str):
            size_gb (int):
            region_code (str):
            project_id (str):
            status (VolumeStatus): `available` (attached to nothing) or `attached` (to a live allocation). A volume
                attached to an allocation that is released or fails is `available` again, its data
                kept. New states may be added; clients must tolerate them.
            attachment (None | VolumeAttachment): Where it is attached now; null while `available`.
            price_per_tb_hour_minor (int): What 1,000 GB-hours cost, in minor units of `currency`: usage is metered per
                GB-hour and priced per thousand, so the price stays a whole number of minor units.
            currency (str):
            created_at (datetime.datetime):
    """

    id: str
    name: str
    size_gb: int
    region_code: str
    project_id: str
    status: VolumeStatus
    attachment: None | VolumeAttachment
    price_per_tb_hour_minor: int
    currency: str
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        size_gb = self.size_gb

        region_code = self.region_code

        project_id = self.project_id

        status = self.status.value

        attachment: dict[str, Any] | None
        if isinstance(self.attachment, VolumeAttachment):
            attachment = self.attachment.to_dict()
        else:
            attachment = self.attachment

        price_per_tb_hour_minor = self.price_per_tb_hour_minor

        currency = self.currency

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "size_gb": size_gb,
                "region_code": region_code,
                "project_id": project_id,
                "status": status,
                "attachment": attachment,
                "price_per_tb_hour_minor": price_per_tb_hour_minor,
                "currency": currency,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        id = src_dict["id"]

        name = src_dict["name"]

        size_gb = src_dict["size_gb"]

        region_code = src_dict["region_code"]

        project_id = src_dict["project_id"]

        status = VolumeStatus.from_value(src_dict["status"])

        def _parse_attachment(data: object) -> None | VolumeAttachment:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                attachment_type_0 = VolumeAttachment.from_dict(data)

                return attachment_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | VolumeAttachment, data)

        attachment = _parse_attachment(src_dict["attachment"])

        price_per_tb_hour_minor = src_dict["price_per_tb_hour_minor"]

        currency = src_dict["currency"]

        created_at = datetime.datetime.fromisoformat(src_dict["created_at"])

        # Positional, in the order of the class's fields: faster than keywords.
        volume = cls(
            id,
            name,
            size_gb,
            region_code,
            project_id,
            status,
            attachment,
            price_per_tb_hour_minor,
            currency,
            created_at,
        )
        if len(src_dict) > 10:
            known = {
                "id",
                "name",
                "size_gb",
                "region_code",
                "project_id",
                "status",
                "attachment",
                "price_per_tb_hour_minor",
                "currency",
                "created_at",
            }
            volume.additional_properties = {
                key: value for key, value in src_dict.items() if key not in known
            }
        return volume

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
from ..models.volume_attachment import VolumeAttachment  # noqa: E402
