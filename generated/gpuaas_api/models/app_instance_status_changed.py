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

T = TypeVar("T", bound="AppInstanceStatusChanged")


@_attrs_define
class AppInstanceStatusChanged:
    """
    Example:
        {'type': 'app_instance.status_changed', 'id': '1043', 'occurred_at': '2026-04-01T12:00:09Z', 'tenant_id': 'tnt-
            acme', 'instance_id': 'inst-8c1d', 'status': 'running', 'previous_status': 'starting', 'failure_reason': None}

    Attributes:
        type_ (Literal['app_instance.status_changed']):
        id (str):
        occurred_at (datetime.datetime):
        tenant_id (str):
        instance_id (str):
        status (str): The app instance state (see `AppInstanceStatus`).
        previous_status (None | str):
        failure_reason (None | str):
    """

    type_: Literal["app_instance.status_changed"]
    id: str
    occurred_at: datetime.datetime
    tenant_id: str
    instance_id: str
    status: str
    previous_status: None | str
    failure_reason: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        id = self.id

        occurred_at = self.occurred_at.isoformat()

        tenant_id = self.tenant_id

        instance_id = self.instance_id

        status = self.status

        previous_status: None | str
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
                "instance_id": instance_id,
                "status": status,
                "previous_status": previous_status,
                "failure_reason": failure_reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        type_ = cast(Literal["app_instance.status_changed"], src_dict["type"])
        if type_ != "app_instance.status_changed":
            raise ValueError(
                f"type must match const 'app_instance.status_changed', got '{type_}'"
            )

        id = src_dict["id"]

        occurred_at = datetime.datetime.fromisoformat(src_dict["occurred_at"])

        tenant_id = src_dict["tenant_id"]

        instance_id = src_dict["instance_id"]

        status = src_dict["status"]

        previous_status: None | str = src_dict["previous_status"]

        failure_reason: None | str = src_dict["failure_reason"]

        # Positional, in the order of the class's fields: faster than keywords.
        app_instance_status_changed = cls(
            type_,
            id,
            occurred_at,
            tenant_id,
            instance_id,
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
                "instance_id",
                "status",
                "previous_status",
                "failure_reason",
            }
            app_instance_status_changed.additional_properties = {
                key: value for key, value in src_dict.items() if key not in known
            }
        return app_instance_status_changed

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
