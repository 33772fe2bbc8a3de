from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.webhook_event_type import WebhookEventType

T = TypeVar("T", bound="Webhook")


@_attrs_define
class Webhook:
    """
    Example:
        {'id': 'whk-5e1b', 'url': 'https://hooks.acme.example.com/gpuaas', 'event_types': ['allocation.status_changed',
            'budget.exceeded'], 'description': 'Ops alerts', 'created_at': '2026-04-01T12:00:00Z', 'disabled': False}

    Attributes:
        id (str):
        url (str):
        event_types (list[WebhookEventType]):
        description (None | str):
        created_at (datetime.datetime):
        disabled (bool): True once deliveries have failed for 3 days; a disabled webhook gets no deliveries except test
            ones.
    """

    id: str
    url: str
    event_types: list[WebhookEventType]
    description: None | str
    created_at: datetime.datetime
    disabled: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        url = self.url

        event_types = []
        for event_types_item_data in self.event_types:
            event_types_item = event_types_item_data.value
            event_types.append(event_types_item)

        description: None | str
        description = self.description

        created_at = self.created_at.isoformat()

        disabled = self.disabled

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "url": url,
                "event_types": event_types,
                "description": description,
                "created_at": created_at,
                "disabled": disabled,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        id = src_dict["id"]

        url = src_dict["url"]

        event_types = []
        _event_types = src_dict["event_types"]
        for event_types_item_data in _event_types:
            event_types_item = WebhookEventType.from_value(event_types_item_data)

            event_types.append(event_types_item)

        description: None | str = src_dict["description"]

        created_at = datetime.datetime.fromisoformat(src_dict["created_at"])

        disabled = src_dict["disabled"]

        # Positional, in the order of the class's fields: faster than keywords.
        webhook = cls(
            id,
            url,
            event_types,
            description,
            created_at,
            disabled,
        )
        if len(src_dict) > 6:
            known = {
                "id",
                "url",
                "event_types",
                "description",
                "created_at",
                "disabled",
            }
            webhook.additional_properties = {
                key: value for key, value in src_dict.items() if key not in known
            }
        return webhook

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
