from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.capacity_watch_status import CapacityWatchStatus

T = TypeVar("T", bound="CapacityWatch")


@_attrs_define
class CapacityWatch:
    """A standing question, "tell me when `gpus_total` GPUs of this SKU are free": the
    platform answers with a `capacity.available` event (stream and webhooks) the moment
    they are, so nobody has to poll.

        Example:
            {'id': 'cw-91d0aa3e', 'status': 'available', 'sku': 'h100-sxm-slice', 'gpus_total': 8, 'region_code': None,
                'available_region_code': 'eu-helsinki-1', 'available_gpus': 16, 'created_at': '2026-04-01T12:00:00Z',
                'expires_at': '2026-04-01T13:00:00Z', 'fired_at': '2026-04-01T12:20:31Z'}

        Attributes:
            id (str):
            status (CapacityWatchStatus): `watching` until the capacity appears (then `available`, once, with a
                `capacity.available` event), or until `expires_at` (`expired`), or until its creator
                cancels it (`cancelled`). New states may be added; clients must tolerate them.
            sku (str):
            gpus_total (int):
            region_code (None | str): The region watched; null for any region of the SKU.
            available_region_code (None | str): Where the GPUs appeared; null until `available`.
            available_gpus (int | None): Free GPUs there when the watch fired; null until `available`.
            created_at (datetime.datetime):
            expires_at (datetime.datetime):
            fired_at (datetime.datetime | None): When the capacity appeared; null until `available`.
    """

    id: str
    status: CapacityWatchStatus
    sku: str
    gpus_total: int
    region_code: None | str
    available_region_code: None | str
    available_gpus: int | None
    created_at: datetime.datetime
    expires_at: datetime.datetime
    fired_at: datetime.datetime | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        status = self.status.value

        sku = self.sku

        gpus_total = self.gpus_total

        region_code: None | str
        region_code = self.region_code

        available_region_code: None | str
        available_region_code = self.available_region_code

        available_gpus: int | None
        available_gpus = self.available_gpus

        created_at = self.created_at.isoformat()

        expires_at = self.expires_at.isoformat()

        fired_at: None | str
        if isinstance(self.fired_at, datetime.datetime):
            fired_at = self.fired_at.isoformat()
        else:
            fired_at = self.fired_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "status": status,
                "sku": sku,
                "gpus_total": gpus_total,
                "region_code": region_code,
                "available_region_code": available_region_code,
                "available_gpus": available_gpus,
                "created_at": created_at,
                "expires_at": expires_at,
                "fired_at": fired_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        id = src_dict["id"]

        status = CapacityWatchStatus.from_value(src_dict["status"])

        sku = src_dict["sku"]

        gpus_total = src_dict["gpus_total"]

        region_code: None | str = src_dict["region_code"]

        available_region_code: None | str = src_dict["available_region_code"]

        available_gpus: int | None = src_dict["available_gpus"]

        created_at = datetime.datetime.fromisoformat(src_dict["created_at"])

        expires_at = datetime.datetime.fromisoformat(src_dict["expires_at"])

        def _parse_fired_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                fired_at_type_0 = datetime.datetime.fromisoformat(data)

                return fired_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        fired_at = _parse_fired_at(src_dict["fired_at"])

        # Positional, in the order of the class's fields: faster than keywords.
        capacity_watch = cls(
            id,
            status,
            sku,
            gpus_total,
            region_code,
            available_region_code,
            available_gpus,
            created_at,
            expires_at,
            fired_at,
        )
        if len(src_dict) > 10:
            known = {
                "id",
                "status",
                "sku",
                "gpus_total",
                "region_code",
                "available_region_code",
                "available_gpus",
                "created_at",
                "expires_at",
                "fired_at",
            }
            capacity_watch.additional_properties = {
                key: value for key, value in src_dict.items() if key not in known
            }
        return capacity_watch

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
