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

from ..models.allocation_status import AllocationStatus

T = TypeVar("T", bound="AllocationStatusChanged")


@_attrs_define
class AllocationStatusChanged:
    """
    Example:
        {'type': 'allocation.status_changed', 'id': '1042', 'occurred_at': '2026-04-01T12:00:03Z', 'tenant_id': 'tnt-
            acme', 'allocation_id': 'alloc-4f9c2a', 'status': 'active', 'previous_status': 'provisioning', 'failure_reason':
            None}

    Attributes:
        type_ (Literal['allocation.status_changed']):
        id (str):
        occurred_at (datetime.datetime):
        tenant_id (str):
        allocation_id (str):
        status (AllocationStatus): `pending → provisioning → active → releasing → released`, or `failed` with
            a `failure_reason`. New states may be added; clients must tolerate them.
        previous_status (AllocationStatus | None):
        failure_reason (None | str):
    """

    type_: Literal["allocation.status_changed"]
    id: str
    occurred_at: datetime.datetime
    tenant_id: str
    allocation_id: str
    status: AllocationStatus
    previous_status: AllocationStatus | None
    failure_reason: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        id = self.id

        occurred_at = self.occurred_at.isoformat()

        tenant_id = self.tenant_id

        allocation_id = self.allocation_id

        status = self.status.value

        previous_status: None | str
        if isinstance(self.previous_status, AllocationStatus):
            previous_status = self.previous_status.value
        else:
            previous_status = self.previous_status

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
                "allocation_id": allocation_id,
                "status": status,
                "previous_status": previous_status,
                "failure_reason": failure_reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        type_ = cast(Literal["allocation.status_changed"], src_dict["type"])
        if type_ != "allocation.status_changed":
            raise ValueError(
                f"type must match const 'allocation.status_changed', got '{type_}'"
            )

        id = src_dict["id"]

        occurred_at = datetime.datetime.fromisoformat(src_dict["occurred_at"])

        tenant_id = src_dict["tenant_id"]

        allocation_id = src_dict["allocation_id"]

        status = AllocationStatus.from_value(src_dict["status"])

        def _parse_previous_status(data: object) -> AllocationStatus | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                previous_status_type_0 = AllocationStatus.from_value(data)

                return previous_status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AllocationStatus | None, data)

        previous_status = _parse_previous_status(src_dict["previous_status"])

        failure_reason: None | str = src_dict["failure_reason"]

        # Positional, in the order of the class's fields: faster than keywords.
        allocation_status_changed = cls(
            type_,
            id,
            occurred_at,
            tenant_id,
            allocation_id,
            status,
            previous_status,
            failure_reason,
        )
        if len(src_dict) > 8:
            known = {
                "type",
                "id",
                "occurred_at",
                "tenant_id",
                "allocation_id",
                "status",
                "previous_status",
                "failure_reason",
            }
            allocation_status_changed.additional_properties = {
                key: value for key, value in src_dict.items() if key not in known
            }
        return allocation_status_changed

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
