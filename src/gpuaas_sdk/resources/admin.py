"""Platform administration (needs the `platform_admin` role): `client.nodes`, `client.ops`,
`client.audit`. Other callers get `InsufficientPermissions`.
"""

from __future__ import annotations

from datetime import UTC, datetime

from gpuaas_api.api.audit import list_audit_events
from gpuaas_api.api.nodes import drain_node, get_node, list_nodes
from gpuaas_api.api.ops import get_ops_overview
from gpuaas_api.models import (
    AuditEventPage,
    Node,
    NodeDrainRequest,
    NodePage,
    NodeStatus,
    OpsOverview,
)

from .._core.call import Call, unset_if_none
from ..errors import ArgumentError

Instant = datetime | str
"""A point in time: a timezone-aware datetime or an RFC 3339 string."""


def _instant(name: str, value: Instant | None) -> datetime | None:
    """`value` as an aware UTC datetime, or ArgumentError naming `name` (nothing is sent)."""
    if value is None:
        return None
    if isinstance(value, str):
        text = value.strip()
        text = text[:-1] + "+00:00" if text[-1:] in ("Z", "z") else text
        try:
            value = datetime.fromisoformat(text)
        except ValueError:
            raise ArgumentError(
                f"{name} must be an RFC 3339 date-time such as '2026-04-01T00:00:00Z'"
            ) from None
    if not isinstance(value, datetime):
        raise ArgumentError(f"{name} must be a datetime or an RFC 3339 string")
    if value.tzinfo is None or value.utcoffset() is None:
        raise ArgumentError(f"{name} must carry a UTC offset, e.g. 'Z'")
    return value.astimezone(UTC)


# -- calls ---------------------------------------------------------------------------


def _list_nodes(
    cursor: str | None, region_code: str | None, status: str | None, limit: int | None
) -> Call[NodePage]:
    return Call(
        list_nodes,
        {
            "cursor": unset_if_none(cursor),
            "region_code": unset_if_none(region_code),
            "status": unset_if_none(NodeStatus(status) if status else None),
            "limit": unset_if_none(limit),
        },
        NodePage,
    )


def _get_node(node_id: str) -> Call[Node]:
    return Call(get_node, {"node_id": node_id}, Node)


def _drain(node_id: str, reason: str, idempotency_key: str | None) -> Call[Node]:
    if not reason.strip():
        raise ArgumentError("reason must say why the node is drained")
    return Call(
        drain_node,
        {
            "node_id": node_id,
            "body": NodeDrainRequest(reason=reason),
            "idempotency_key": unset_if_none(idempotency_key),
        },
        Node,
    )


def _overview() -> Call[OpsOverview]:
    return Call(get_ops_overview, {}, OpsOverview)


def _audit(
    cursor: str | None,
    since: datetime | None,
    until: datetime | None,
    actor_id: str | None,
    action: str | None,
    limit: int | None,
) -> Call[AuditEventPage]:
    return Call(
        list_audit_events,
        {
            "cursor": unset_if_none(cursor),
            "since": unset_if_none(since),
            "until": unset_if_none(until),
            "actor_id": unset_if_none(actor_id),
            "action": unset_if_none(action),
            "limit": unset_if_none(limit),
        },
        AuditEventPage,
    )


def _window(
    since: Instant | None, until: Instant | None
) -> tuple[datetime | None, datetime | None]:
    start, end = _instant("since", since), _instant("until", until)
    if start is not None and end is not None and end <= start:
        raise ArgumentError("until must be after since")
    return start, end


# -- resources -------------------------------------------------------------------------
