from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import (
    Any,
    Literal,
    TypeVar,
    cast,
)

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.fleet_status import FleetStatus

T = TypeVar("T", bound="FleetStatusChanged")


@_attrs_define
class FleetStatusChanged:
    """A fleet moved to another state.

    Example:
        {'type': 'fleet.status_changed', 'id': '1050', 'occurred_at': '2026-04-01T12:00:03Z', 'tenant_id': 'tnt-acme',
            'fleet_id': 'flt-2a9c4e10', 'status': 'active', 'previous_status': 'provisioning', 'active_count': 4,
            'failure_reason': None}

    Attributes:
        type_ (Literal['fleet.status_changed']):
        id (str):
        occurred_at (datetime.datetime):
        tenant_id (str):
        fleet_id (str):
        status (FleetStatus): `provisioning` while its members are placed; then `active` (at least `min_count`
            members came up) or `failed` (fewer did: every member was released before any became
            active, so nothing was billed); `releasing` → `released` after a release. New states
            may be added; clients must tolerate them.
        previous_status (FleetStatus | None):
        active_count (int):
        failure_reason (None | str):
    """

    type_: Literal["fleet.status_changed"]
    id: str
    occurred_at: datetime.datetime
    tenant_id: str
    fleet_id: str
    status: FleetStatus
    previous_status: FleetStatus | None
    active_count: int
    failure_reason: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        id = self.id

        occurred_at = self.occurred_at.isoformat()

        tenant_id = self.tenant_id

        fleet_id = self.fleet_id

        status = self.status.value

        previous_status: None | str
        if isinstance(self.previous_status, FleetStatus):
            previous_status = self.previous_status.value
        else:
            previous_status = self.previous_status

        active_count = self.active_count

        failure_reason: None | str
        failure_reason = self.failure_reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "id": id,
                "occurred_at": occurred_at,
                "tenant_id": tenant_id,
                "fleet_id": fleet_id,
                "status": status,
                "previous_status": previous_status,
                "active_count": active_count,
                "failure_reason": failure_reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        type_ = cast(Literal["fleet.status_changed"], src_dict["type"])
        if type_ != "fleet.status_changed":
            raise ValueError(
                f"type must match const 'fleet.status_changed', got '{type_}'"
            )

        id = src_dict["id"]

        occurred_at = datetime.datetime.fromisoformat(src_dict["occurred_at"])

        tenant_id = src_dict["tenant_id"]

        fleet_id = src_dict["fleet_id"]

        status = FleetStatus.from_value(src_dict["status"])

        def _parse_previous_status(data: object) -> FleetStatus | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                previous_status_type_0 = FleetStatus.from_value(data)

                return previous_status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(FleetStatus | None, data)

        previous_status = _parse_previous_status(src_dict["previous_status"])

        active_count = src_dict["active_count"]

        failure_reason: None | str = src_dict["failure_reason"]

        # Positional, in the order of the class's fields: faster than keywords.
        fleet_status_changed = cls(
            type_,
            id,
            occurred_at,
            tenant_id,
            fleet_id,
            status,
            previous_status,
            active_count,
            failure_reason,
        )
        if len(src_dict) > 9:
            known = {
                "type",
                "id",
                "occurred_at",
                "tenant_id",
                "fleet_id",
                "status",
                "previous_status",
                "active_count",
                "failure_reason",
            }
            fleet_status_changed.additional_properties = {
                key: value for key, value in src_dict.items() if key not in known
            }
        return fleet_status_changed

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
