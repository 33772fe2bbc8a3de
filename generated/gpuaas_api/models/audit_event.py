from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.audit_actor_kind import AuditActorKind
from ..models.audit_outcome import AuditOutcome

T = TypeVar("T", bound="AuditEvent")


@_attrs_define
class AuditEvent:
    """
    Example:
        {'id': 'aud-000193a7', 'occurred_at': '2026-04-01T12:00:00Z', 'actor_id': 'usr-dev-user', 'actor_kind': 'human',
            'action': 'allocation.create', 'resource_type': 'allocation', 'resource_id': 'alloc-4f9c2a', 'tenant_id': 'tnt-
            acme', 'correlation_id': '8f14e45fceea167a5a36dedd4bea2543', 'outcome': 'success', 'ip': '203.0.113.24'}

    Attributes:
        id (str):
        occurred_at (datetime.datetime):
        actor_id (str): The principal that acted (`system` for the platform itself).
        actor_kind (AuditActorKind): The kind of principal that acted: a principal kind, or `system` for the platform
            itself.
        action (str): `<resource>.<verb>`, e.g. `allocation.create`, `node.drain`, `auth.login`.
        resource_type (str): e.g. `allocation`, `node`, `webhook`.
        resource_id (None | str): The resource acted on; null when none exists (a create that was refused).
        tenant_id (None | str): The tenant the resource belongs to; null for platform resources such as nodes.
        correlation_id (str): The `X-Correlation-ID` of the request that caused the event.
        outcome (AuditOutcome): `success`: done; `denied`: refused for lack of permission; `failed`: refused or failed
            for another reason.
        ip (None | str): Client IP address of the request; null for actions of the platform itself.
    """

    id: str
    occurred_at: datetime.datetime
    actor_id: str
    actor_kind: AuditActorKind
    action: str
    resource_type: str
    resource_id: None | str
    tenant_id: None | str
    correlation_id: str
    outcome: AuditOutcome
    ip: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        occurred_at = self.occurred_at.isoformat()

        actor_id = self.actor_id

        actor_kind = self.actor_kind.value

        action = self.action

        resource_type = self.resource_type

        resource_id: None | str
        resource_id = self.resource_id

        tenant_id: None | str
        tenant_id = self.tenant_id

        correlation_id = self.correlation_id

        outcome = self.outcome.value

        ip: None | str
        ip = self.ip

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "occurred_at": occurred_at,
                "actor_id": actor_id,
                "actor_kind": actor_kind,
                "action": action,
                "resource_type": resource_type,
                "resource_id": resource_id,
                "tenant_id": tenant_id,
                "correlation_id": correlation_id,
                "outcome": outcome,
                "ip": ip,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        id = src_dict["id"]

        occurred_at = datetime.datetime.fromisoformat(src_dict["occurred_at"])

        actor_id = src_dict["actor_id"]

        actor_kind = AuditActorKind.from_value(src_dict["actor_kind"])

        action = src_dict["action"]

        resource_type = src_dict["resource_type"]

        resource_id: None | str = src_dict["resource_id"]

        tenant_id: None | str = src_dict["tenant_id"]

        correlation_id = src_dict["correlation_id"]

        outcome = AuditOutcome.from_value(src_dict["outcome"])

        ip: None | str = src_dict["ip"]

        # Positional, in the order of the class's fields: faster than keywords.
        audit_event = cls(
            id,
            occurred_at,
            actor_id,
            actor_kind,
            action,
            resource_type,
            resource_id,
            tenant_id,
            correlation_id,
            outcome,
            ip,
        )
        if len(src_dict) > 11:
            known = {
                "id",
                "occurred_at",
                "actor_id",
                "actor_kind",
                "action",
                "resource_type",
                "resource_id",
                "tenant_id",
                "correlation_id",
                "outcome",
                "ip",
            }
            audit_event.additional_properties = {
                key: value for key, value in src_dict.items() if key not in known
            }
        return audit_event

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
