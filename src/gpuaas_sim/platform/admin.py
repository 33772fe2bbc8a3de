"""Platform administration: the GPU fleet (nodes), the ops overview, and the audit log.

Nodes are seeded from the catalog (each SKU's capacity in a region, in nodes of
`gpus_per_node`). Allocations are placed on nodes the first time the fleet sees
them (first fit over `ready` nodes), and a node's `draining` / `drained` state is
read off its allocations' timelines, so draining completes on the simulated clock
without anything running in the background.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from ..runtime.clock import SimClock, format_time
from ..runtime.state_codec import from_plain, restore_fields, snapshot_fields, to_plain
from .allocations import HOLDING_STATES, Allocation, AllocationBook
from .catalog import Catalog
from .errors import ApiError
from .events import EventLog
from .identity import Principal

__all__ = [
    "ADMIN_ROLE",
    "AuditEvent",
    "AuditLog",
    "Fleet",
    "Node",
    "ops_overview",
    "require_admin",
]

ADMIN_ROLE = "platform_admin"
NODE_STATUSES = ("ready", "draining", "drained", "offline")
ALLOCATION_STATUSES = ("pending", "provisioning", "active", "releasing", "released", "failed")
_RECENT = timedelta(hours=24)
_ACTIVE_INSTANCE_STATES = frozenset({"starting", "running", "stopping"})


def require_admin(principal: Principal) -> None:
    """403 `insufficient_permissions` unless the caller holds the platform admin role."""
    if ADMIN_ROLE not in principal.roles:
        raise ApiError(
            "insufficient_permissions",
            f"This operation needs the `{ADMIN_ROLE}` role.",
            details={"required_role": ADMIN_ROLE},
        )


# -- nodes --------------------------------------------------------------------


@dataclass
class Node:
    id: str
    region_code: str
    sku: str
    gpu_model: str
    gpus_total: int
    created_at: datetime
    offline: bool = False
    drain_reason: str | None = None
    drained_from: datetime | None = None
    allocations: list[Allocation] = field(default_factory=list, repr=False)

    def gpus_allocated(self, now: datetime) -> int:
        return sum(a.gpus_total for a in self.allocations if a.holds_gpus_at(now))

    def status_at(self, now: datetime) -> str:
        if self.drained_from is None:
            return "offline" if self.offline else "ready"
        return "draining" if self.gpus_allocated(now) else "drained"

    def updated_at(self, now: datetime) -> datetime:
        if self.drained_from is None:
            return self.created_at
        if self.gpus_allocated(now):
            return self.drained_from
        # Drained when the last allocation let go of its GPUs (at once if it had none).
        ends = [a.transition_at(now).at for a in self.allocations]
        return max([self.drained_from, *ends])

    def to_json(self, now: datetime) -> dict[str, Any]:
        return {
            "id": self.id,
            "region_code": self.region_code,
            "gpu_model": self.gpu_model,
            "gpus_total": self.gpus_total,
            "gpus_allocated": self.gpus_allocated(now),
            "status": self.status_at(now),
            "drain_reason": self.drain_reason,
            "updated_at": format_time(self.updated_at(now)),
        }


def _region_tag(region_code: str) -> str:
    # us-buffalo-1 -> buf1
    parts = region_code.split("-")
    return (parts[1][:3] if len(parts) > 1 else parts[0][:3]) + parts[-1]


class Fleet:
    """The platform's GPU nodes, seeded to match the catalog's capacity."""

    def __init__(self, catalog: Catalog, clock: SimClock) -> None:
        self.clock = clock
        self.nodes: dict[str, Node] = {}
        self._placed: set[str] = set()
        self._lock = threading.RLock()
        now = clock.now()
        for sku in catalog.skus:
            for region, capacity in sku.capacity.items():
                for index in range(capacity // sku.gpus_per_node):
                    node_id = f"node-{_region_tag(region)}-{sku.id.split('-')[0]}-{index + 1:02d}"
                    self.nodes[node_id] = Node(
                        node_id, region, sku.id, sku.gpu_model, sku.gpus_per_node, now
                    )

    def sync(self, allocations: Mapping[str, Allocation]) -> None:
        """Place every allocation the fleet has not seen yet, oldest first."""
        now = self.clock.now()
        with self._lock:
            new = sorted(
                (a for a in allocations.values() if a.id not in self._placed), key=lambda a: a.seq
            )
            for allocation in new:
                self._placed.add(allocation.id)
                node = self._first_fit(allocation, now)
                if node is not None:
                    node.allocations.append(allocation)

    def _first_fit(self, allocation: Allocation, now: datetime) -> Node | None:
        for node in self.listing():
            if (
                node.sku == allocation.sku
                and node.region_code == allocation.region_code
                and node.status_at(now) == "ready"
                and node.gpus_total - node.gpus_allocated(now) >= allocation.gpus_total
            ):
                return node
        return None  # only when the allocation book placed more than the ready nodes hold

    def listing(self, region_code: str | None = None, status: str | None = None) -> list[Node]:
        """Nodes ordered by region, then id, optionally filtered."""
        now = self.clock.now()
        chosen = [
            n
            for n in self.nodes.values()
            if region_code in (None, n.region_code) and status in (None, n.status_at(now))
        ]
        return sorted(chosen, key=lambda n: (n.region_code, n.id))

    def get(self, node_id: str) -> Node:
        node = self.nodes.get(node_id)
        if node is None:
            raise ApiError("node_not_found", f"No node {node_id!r}.", details={"node_id": node_id})
        return node

    def withhold_from(self, book: AllocationBook) -> None:
        """Make the book leave the free GPUs of nodes that are not `ready` out of placements."""

        def withheld(sku_id: str, region_code: str, now: datetime) -> int:
            self.sync(book.allocations)
            with self._lock:
                return sum(
                    node.gpus_total - node.gpus_allocated(now)
                    for node in self.nodes.values()
                    if node.sku == sku_id
                    and node.region_code == region_code
                    and node.status_at(now) != "ready"
                )

        book.withheld_gpus = withheld

    def drain(self, node_id: str, reason: str) -> Node:
        """`ready` or `offline` -> `draining` (or `drained` at once when it holds nothing)."""
        now = self.clock.now()
        with self._lock:
            node = self.get(node_id)
            state = node.status_at(now)
            if state in ("draining", "drained"):
                raise ApiError(
                    "invalid_state",
                    f"Node {node.id} is already {state}.",
                    details={"state": state, "node_id": node.id},
                )
            node.drain_reason = reason
            node.drained_from = now
            return node

    # -- persistence -------------------------------------------------------------

    def snapshot(self) -> dict[str, Any]:
        """Nodes (drains included) with the ids of the allocations placed on them."""
        with self._lock:
            nodes = [
                {
                    **to_plain(node, skip=("allocations",)),
                    "allocations": [a.id for a in node.allocations],
                }
                for node in self.nodes.values()
            ]
            return {"nodes": nodes, "placed": sorted(self._placed)}

    def restore(self, data: Mapping[str, Any], allocations: Mapping[str, Allocation]) -> None:
        """Load a `snapshot()`, placing the restored `allocations` back on their nodes."""
        with self._lock:
            for plain in data.get("nodes", []):
                placed = [allocations[i] for i in plain["allocations"] if i in allocations]
                node = from_plain(Node, {k: v for k, v in plain.items() if k != "allocations"})
                node.allocations = placed
                self.nodes[node.id] = node
            self._placed = set(data.get("placed", []))


# -- ops overview ---------------------------------------------------------------


def _active_app_instances(events: EventLog, now: datetime) -> int:
    """Instances whose latest status event says starting, running or stopping."""
    latest: dict[str, str] = {}
    for event in events.after(now, where=lambda e: e.get("type") == "app_instance.status_changed"):
        latest[str(event.get("instance_id"))] = str(event.get("status"))
    return sum(1 for status in latest.values() if status in _ACTIVE_INSTANCE_STATES)


def ops_overview(
    fleet: Fleet, allocations: Iterable[Allocation], events: EventLog, now: datetime
) -> dict[str, Any]:
    """Counts across all tenants as of `now`; released and failed only for the last 24 h."""
    nodes = fleet.listing()
    node_counts = Counter({status: 0 for status in NODE_STATUSES})
    node_counts.update(n.status_at(now) for n in nodes)
    allocation_counts = Counter({status: 0 for status in ALLOCATION_STATUSES})
    gpus_allocated = 0
    for allocation in allocations:
        current = allocation.transition_at(now)
        if current.status in HOLDING_STATES:
            gpus_allocated += allocation.gpus_total
        elif now - current.at > _RECENT:
            continue
        allocation_counts[current.status] += 1
    return {
        "as_of": format_time(now),
        "nodes_by_status": dict(node_counts),
        "allocations_by_status": dict(allocation_counts),
        "gpus_total": sum(n.gpus_total for n in nodes if n.status_at(now) != "offline"),
        "gpus_allocated": gpus_allocated,
        "active_app_instances": _active_app_instances(events, now),
    }


# -- audit log ------------------------------------------------------------------


@dataclass(frozen=True)
class AuditEvent:
    seq: int
    occurred_at: datetime
    actor_id: str
    actor_kind: str
    action: str
    resource_type: str
    resource_id: str | None
    tenant_id: str | None
    correlation_id: str
    outcome: str
    ip: str | None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": f"aud-{self.seq:08x}",
            "occurred_at": format_time(self.occurred_at),
            "actor_id": self.actor_id,
            "actor_kind": self.actor_kind,
            "action": self.action,
            "resource_type": self.resource_type,
            "resource_id": self.resource_id,
            "tenant_id": self.tenant_id,
            "correlation_id": self.correlation_id,
            "outcome": self.outcome,
            "ip": self.ip,
        }


class AuditLog:
    """Append-only record of security-relevant actions, oldest first."""

    def __init__(self, clock: SimClock) -> None:
        self.clock = clock
        self.events: list[AuditEvent] = []
        self._lock = threading.Lock()

    def record(
        self,
        principal: Principal | None,
        action: str,
        *,
        resource_type: str,
        resource_id: str | None,
        tenant_id: str | None,
        correlation_id: str,
        ip: str | None,
        outcome: str = "success",
    ) -> AuditEvent:
        """Append one event; a None principal is the platform itself (`system`)."""
        with self._lock:
            event = AuditEvent(
                seq=len(self.events) + 1,
                occurred_at=self.clock.now(),
                actor_id=principal.principal_id if principal else "system",
                actor_kind=principal.kind if principal else "system",
                action=action,
                resource_type=resource_type,
                resource_id=resource_id,
                tenant_id=tenant_id,
                correlation_id=correlation_id,
                outcome=outcome,
                ip=ip if principal else None,
            )
            self.events.append(event)
            return event

    def query(
        self,
        *,
        since: datetime | None = None,
        until: datetime | None = None,
        actor_id: str | None = None,
        action: str | None = None,
    ) -> list[AuditEvent]:
        """Events in [since, until) of this actor and action (each filter optional)."""
        if since is not None and until is not None and until <= since:
            raise ApiError(
                "validation_error",
                "`until` must be after `since`.",
                details={"errors": [{"field": "until", "reason": "must be after `since`"}]},
            )
        with self._lock:
            events = list(self.events)
        return [
            e
            for e in events
            if (since is None or e.occurred_at >= since)
            and (until is None or e.occurred_at < until)
            and actor_id in (None, e.actor_id)
            and action in (None, e.action)
        ]

    # -- persistence -------------------------------------------------------------

    def snapshot(self) -> dict[str, Any]:
        """Every audit event, as plain data."""
        with self._lock:
            return snapshot_fields(self, {"events": list[AuditEvent]})

    def restore(self, data: Mapping[str, Any]) -> None:
        """Load a `snapshot()`."""
        with self._lock:
            restore_fields(self, data, {"events": list[AuditEvent]})
