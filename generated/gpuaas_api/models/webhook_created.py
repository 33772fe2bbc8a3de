from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import redacted_repr

if TYPE_CHECKING:
    from ..models.webhook import Webhook


T = TypeVar("T", bound="WebhookCreated")


@_attrs_define
class WebhookCreated:
    """
    Example:
        {'webhook': {'id': 'whk-5e1b', 'url': 'https://hooks.acme.example.com/gpuaas', 'event_types':
            ['allocation.status_changed', 'budget.exceeded'], 'description': 'Ops alerts', 'created_at':
            '2026-04-01T12:00:00Z', 'disabled': False}, 'secret':
            'whsec_3f6c1b8e9a0d4c2f7e5b1a9d8c6e4f2a0b3d5c7e9f1a2b4c6d8e0f1a3b5c7d9e'}

    Attributes:
        webhook (Webhook):  Example: {'id': 'whk-5e1b', 'url': 'https://hooks.acme.example.com/gpuaas', 'event_types':
            ['allocation.status_changed', 'budget.exceeded'], 'description': 'Ops alerts', 'created_at':
            '2026-04-01T12:00:00Z', 'disabled': False}.
        secret (str): The key of the deliveries' HMAC-SHA256 signatures. Returned only in this answer.
    """

    webhook: Webhook
    secret: str = _attrs_field(repr=redacted_repr)
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        webhook = self.webhook.to_dict()

        secret = self.secret

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "webhook": webhook,
                "secret": secret,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        webhook = Webhook.from_dict(src_dict["webhook"])

        secret = src_dict["secret"]

        # Positional, in the order of the class's fields: faster than keywords.
        webhook_created = cls(
            webhook,
            secret,
        )
        if len(src_dict) > 2:
            known = {
                "webhook",
                "secret",
            }
            webhook_created.additional_properties = {
                key: value for key, value in src_dict.items() if key not in known
            }
        return webhook_created

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
from ..models.webhook import Webhook  # noqa: E402
