from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import (
    TYPE_CHECKING,
    Any,
    Literal,
    TypeVar,
    cast,
)

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.app_event_emitted_payload import AppEventEmittedPayload


T = TypeVar("T", bound="AppEventEmitted")


@_attrs_define
class AppEventEmitted:
    """
    Example:
        {'type': 'app.event', 'id': '1044', 'occurred_at': '2026-04-01T12:00:10Z', 'tenant_id': 'tnt-acme',
            'instance_id': 'inst-8c1d', 'event_type': 'kernel.started', 'payload': {'kernel': 'python3'}}

    Attributes:
        type_ (Literal['app.event']):
        id (str):
        occurred_at (datetime.datetime):
        tenant_id (str):
        instance_id (str):
        event_type (str): The app's own event name, e.g. `kernel.started`.
        payload (AppEventEmittedPayload):
    """

    type_: Literal["app.event"]
    id: str
    occurred_at: datetime.datetime
    tenant_id: str
    instance_id: str
    event_type: str
    payload: AppEventEmittedPayload
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        id = self.id

        occurred_at = self.occurred_at.isoformat()

        tenant_id = self.tenant_id

        instance_id = self.instance_id

        event_type = self.event_type

        payload = self.payload.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "id": id,
                "occurred_at": occurred_at,
                "tenant_id": tenant_id,
                "instance_id": instance_id,
                "event_type": event_type,
                "payload": payload,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        type_ = cast(Literal["app.event"], src_dict["type"])
        if type_ != "app.event":
            raise ValueError(f"type must match const 'app.event', got '{type_}'")

        id = src_dict["id"]

        occurred_at = datetime.datetime.fromisoformat(src_dict["occurred_at"])

        tenant_id = src_dict["tenant_id"]

        instance_id = src_dict["instance_id"]

        event_type = src_dict["event_type"]

        payload = AppEventEmittedPayload.from_dict(src_dict["payload"])

        # Positional, in the order of the class's fields: faster than keywords.
        app_event_emitted = cls(
            type_,
            id,
            occurred_at,
            tenant_id,
            instance_id,
            event_type,
            payload,
        )
        if len(src_dict) > 7:
            known = {
                "type",
                "id",
                "occurred_at",
                "tenant_id",
                "instance_id",
                "event_type",
                "payload",
            }
            app_event_emitted.additional_properties = {
                key: value for key, value in src_dict.items() if key not in known
            }
        return app_event_emitted

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
from ..models.app_event_emitted_payload import AppEventEmittedPayload  # noqa: E402
