from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.health_status import HealthStatus

T = TypeVar("T", bound="Health")


@_attrs_define
class Health:
    """
    Example:
        {'status': 'ok', 'version': '1.0.0', 'time': '2026-04-01T12:00:00Z'}

    Attributes:
        status (HealthStatus):
        version (str):
        time (datetime.datetime):
    """

    status: HealthStatus
    version: str
    time: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status = self.status.value

        version = self.version

        time = self.time.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
                "version": version,
                "time": time,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        status = HealthStatus.from_value(src_dict["status"])

        version = src_dict["version"]

        time = datetime.datetime.fromisoformat(src_dict["time"])

        # Positional, in the order of the class's fields: faster than keywords.
        health = cls(
            status,
            version,
            time,
        )
        if len(src_dict) > 3:
            known = {
                "status",
                "version",
                "time",
            }
            health.additional_properties = {
                key: value for key, value in src_dict.items() if key not in known
            }
        return health

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
