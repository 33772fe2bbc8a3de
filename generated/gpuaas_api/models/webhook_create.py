from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.webhook_event_type import WebhookEventType
from ..types import UNSET, Unset

T = TypeVar("T", bound="WebhookCreate")


@_attrs_define
class WebhookCreate:
    """
    Example:
        {'url': 'https://hooks.acme.example.com/gpuaas', 'event_types': ['allocation.status_changed',
            'budget.exceeded'], 'description': 'Ops alerts'}

    Attributes:
        url (str): Where deliveries are POSTed; `https`, or `http` on a loopback host for development.
        event_types (list[WebhookEventType]): The event types to deliver, or `['*']` for all.
        description (str | Unset):
    """

    url: str
    event_types: list[WebhookEventType]
    description: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        url = self.url

        event_types = []
        for event_types_item_data in self.event_types:
            event_types_item = event_types_item_data.value
            event_types.append(event_types_item)

        description = self.description

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "url": url,
                "event_types": event_types,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        url = d.pop("url")

        event_types = []
        _event_types = d.pop("event_types")
        for event_types_item_data in _event_types:
            event_types_item = WebhookEventType.from_value(event_types_item_data)

            event_types.append(event_types_item)

        description = d.pop("description", UNSET)

        # Positional, in the order of the class's fields: faster than keywords.
        webhook_create = cls(
            url,
            event_types,
            description,
        )

        return webhook_create
