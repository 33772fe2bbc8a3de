"""Allocations: their lifecycle on the simulated clock, capacity and the tenant's balance.

Nothing here runs in the background. An allocation records when each transition
happens (its timeline), and its status is read off that timeline at the current
simulated time, so every read is deterministic and `clock.advance()` is enough
to move the platform forward.
"""

from __future__ import annotations

import hashlib
import random
import secrets
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from .catalog import Catalog, Sku
from .clock import SimClock, format_time
from .config import SimConfig
from .errors import ApiError
from .identity import Principal

__all__ = [
    "HOLDING_STATES",
    "Allocation",
    "AllocationBook",
    "Connection",
    "TerminalGrant",
    "Transition",
]

#: States in which an allocation keeps its GPUs out of the region's free capacity.
HOLDING_STATES = frozenset({"pending", "provisioning", "active", "releasing"})
_FINAL_STATES = frozenset({"released", "failed"})


@dataclass(frozen=True)
class Transition:
    at: datetime
    status: str
    failure_reason: str | None = None


@dataclass(frozen=True)
class Connection:
    private_ip: str
    ssh_host: str
    ssh_port: int
    ssh_user: str

    def to_json(self) -> dict[str, Any]:
        return {
            "private_ip": self.private_ip,
            "ssh_host": self.ssh_host,
            "ssh_port": self.ssh_port,
            "ssh_user": self.ssh_user,
        }


@dataclass
class Allocation:
    """One allocation; `status` and friends read the timeline at the clock's current time."""

    id: str
    seq: int
    tenant_id: str
    project_id: str
    sku: str
    gpus_total: int
    region_code: str
    ssh_key_ids: tuple[str, ...]
    created_at: datetime
    timeline: list[Transition]
    endpoint: Connection
    clock: SimClock = field(repr=False, compare=False)

    def transition_at(self, now: datetime) -> Transition:
        current = self.timeline[0]
        for transition in self.timeline:
            if transition.at > now:
                break
            current = transition
        return current

    def status_at(self, now: datetime) -> str:
        return self.transition_at(now).status

    @property
    def status(self) -> str:
        return self.status_at(self.clock.now())

    @property
    def updated_at(self) -> datetime:
        return self.transition_at(self.clock.now()).at

    @property
    def failure_reason(self) -> str | None:
        return self.transition_at(self.clock.now()).failure_reason

    @property
    def connection(self) -> Connection | None:
        return self.endpoint if self.status == "active" else None

    def holds_gpus_at(self, now: datetime) -> bool:
        return self.status_at(now) in HOLDING_STATES

    def active_seconds(self, now: datetime) -> float:
        """How long the allocation has been `active` up to `now` (what billing charges for)."""
        total = 0.0
        steps = [t for t in self.timeline if t.at <= now]
        for step, following in zip(steps, [*steps[1:], None], strict=True):
            if step.status == "active":
                end = following.at if following else now
                total += (end - step.at).total_seconds()
        return total

    def release(self, now: datetime, delay: float) -> bool:
        """Start releasing; False (nothing changes) if already releasing, released or failed."""
        if self.status_at(now) in _FINAL_STATES | {"releasing"}:
            return False
        self.timeline = [t for t in self.timeline if t.at <= now]
        self.timeline += [
            Transition(now, "releasing"),
            Transition(now + timedelta(seconds=delay), "released"),
        ]
        return True

    def to_json(self, now: datetime) -> dict[str, Any]:
        current = self.transition_at(now)
        return {
            "id": self.id,
            "status": current.status,
            "sku": self.sku,
            "gpus_total": self.gpus_total,
            "region_code": self.region_code,
            "project_id": self.project_id,
            "ssh_key_ids": list(self.ssh_key_ids),
            "created_at": format_time(self.created_at),
            "updated_at": format_time(current.at),
            "failure_reason": current.failure_reason,
            "connection": self.endpoint.to_json() if current.status == "active" else None,
        }


@dataclass(frozen=True)
class TerminalGrant:
    token_digest: str
    allocation_id: str
    expires_at: datetime


class AllocationBook:
    """Every allocation of the platform and the rules for creating and releasing them."""

    def __init__(self, config: SimConfig, clock: SimClock, catalog: Catalog) -> None:
        self.config = config
        self.clock = clock
        self.catalog = catalog
        self.allocations: dict[str, Allocation] = {}
        self.terminal_grants: dict[str, TerminalGrant] = {}
        self._rng = random.Random(config.seed)  # ids and endpoints repeat for a given seed
        self._seq = 0
        self._lock = threading.RLock()

    # -- reads -----------------------------------------------------------------

    def visible_to(self, principal: Principal) -> Iterator[Allocation]:
        """The principal's tenant's allocations, newest first."""
        mine = [a for a in self.allocations.values() if a.tenant_id == principal.tenant_id]
        return iter(sorted(mine, key=lambda a: a.seq, reverse=True))

    def get(self, principal: Principal, allocation_id: str) -> Allocation:
        allocation = self.allocations.get(allocation_id)
        if allocation is None or allocation.tenant_id != principal.tenant_id:
            raise ApiError(
                "allocation_not_found",
                f"No allocation {allocation_id!r} is visible to the caller.",
                details={"allocation_id": allocation_id},
            )
        return allocation

    def available_gpus(self, sku: Sku, region_code: str, now: datetime) -> int:
        held = sum(
            a.gpus_total
            for a in self.allocations.values()
            if a.sku == sku.id and a.region_code == region_code and a.holds_gpus_at(now)
        )
        return max(0, sku.capacity.get(region_code, 0) - held)

    def balance_minor(self, tenant_id: str, now: datetime) -> int:
        """Opening balance minus what the tenant's allocations have accrued while active."""
        spent = 0
        for allocation in self.allocations.values():
            if allocation.tenant_id != tenant_id:
                continue
            sku = self.catalog.sku(allocation.sku)
            if sku is not None:
                hours = allocation.active_seconds(now) / 3600
                spent += int(hours * sku.hourly_price_minor(allocation.gpus_total))
        return self.config.initial_balance_minor - spent

    # -- writes ----------------------------------------------------------------

    def create(
        self,
        principal: Principal,
        *,
        sku_id: str,
        gpus_total: int,
        region_code: str | None = None,
        project_id: str | None = None,
        ssh_key_ids: tuple[str, ...] = (),
    ) -> Allocation:
        with self._lock:
            now = self.clock.now()
            sku = self.catalog.sku(sku_id)
            if sku is None:
                raise ApiError("sku_not_found", f"No SKU {sku_id!r}.", details={"sku": sku_id})
            if gpus_total > sku.gpus_per_node:
                raise ApiError(
                    "sku_unavailable",
                    f"{sku.id} allocations hold at most {sku.gpus_per_node} GPUs.",
                    details={"sku": sku.id, "gpus_per_node": sku.gpus_per_node},
                )
            project = project_id or principal.default_project_id
            if project is None or project not in principal.project_ids:
                raise ApiError(
                    "not_found",
                    f"No project {project!r} is visible to the caller.",
                    details={"project_id": project},
                )
            region = self._place(sku, gpus_total, region_code, now)
            self._check_balance(principal.tenant_id, sku, gpus_total, now)
            allocation = self._new_allocation(
                principal, sku, gpus_total, region, project, ssh_key_ids, now
            )
            self.allocations[allocation.id] = allocation
            return allocation

    def release(self, principal: Principal, allocation_id: str) -> Allocation:
        with self._lock:
            allocation = self.get(principal, allocation_id)
            allocation.release(self.clock.now(), self.config.release_delay)
            return allocation

    def mint_terminal_token(
        self, principal: Principal, allocation_id: str, ttl: float
    ) -> tuple[str, TerminalGrant]:
        """A single-use terminal token for an active allocation; only its digest is kept."""
        with self._lock:
            allocation = self.get(principal, allocation_id)
            now = self.clock.now()
            status = allocation.status_at(now)
            if status != "active":
                raise ApiError(
                    "allocation_not_active",
                    f"Allocation {allocation.id} is {status}, not active.",
                    details={"allocation_id": allocation.id, "status": status},
                )
            token = f"tt_{secrets.token_urlsafe(24)}"
            digest = hashlib.sha256(token.encode()).hexdigest()
            grant = TerminalGrant(digest, allocation.id, now + timedelta(seconds=ttl))
            self.terminal_grants[digest] = grant
            return token, grant

    # -- helpers ---------------------------------------------------------------

    def _place(self, sku: Sku, gpus: int, region_code: str | None, now: datetime) -> str:
        candidates = [region_code] if region_code is not None else list(sku.capacity)
        for region in candidates:
            if self.available_gpus(sku, region, now) >= gpus:
                return region
        where = f"region {region_code}" if region_code else "any region"
        raise ApiError(
            "sku_unavailable",
            f"{sku.id} has no {gpus} free GPUs in {where}.",
            details={
                "sku": sku.id,
                "region_code": region_code,
                "requested_gpus": gpus,
                "available_gpus": {r: self.available_gpus(sku, r, now) for r in sku.capacity},
            },
        )

    def _check_balance(self, tenant_id: str, sku: Sku, gpus: int, now: datetime) -> None:
        balance = self.balance_minor(tenant_id, now)
        required = sku.hourly_price_minor(gpus)
        if balance < required:
            raise ApiError(
                "insufficient_balance",
                "The balance does not cover one hour of this allocation.",
                details={
                    "balance_minor": balance,
                    "required_minor": required,
                    "currency": sku.currency,
                },
            )

    def _new_allocation(
        self,
        principal: Principal,
        sku: Sku,
        gpus: int,
        region: str,
        project: str,
        ssh_key_ids: tuple[str, ...],
        now: datetime,
    ) -> Allocation:
        self._seq += 1
        allocation_id = f"alloc-{self._rng.getrandbits(32):08x}"
        while allocation_id in self.allocations:
            allocation_id = f"alloc-{self._rng.getrandbits(32):08x}"
        provisioning = now + timedelta(seconds=self.config.provisioning_delay)
        ready = provisioning + timedelta(seconds=self.config.activation_delay)
        if sku.id in self.config.failing_skus:
            last = Transition(
                ready,
                "failed",
                f"Provisioning failed: no healthy {sku.gpu_model} node in {region}.",
            )
        else:
            last = Transition(ready, "active")
        host = self._seq % 250
        return Allocation(
            id=allocation_id,
            seq=self._seq,
            tenant_id=principal.tenant_id,
            project_id=project,
            sku=sku.id,
            gpus_total=gpus,
            region_code=region,
            ssh_key_ids=ssh_key_ids,
            created_at=now,
            timeline=[Transition(now, "pending"), Transition(provisioning, "provisioning"), last],
            endpoint=Connection(
                private_ip=f"10.40.{self._seq // 250 % 256}.{host + 2}",
                ssh_host=f"ssh.{region}.gpuaas.example.com",
                ssh_port=22000 + self._seq % 40000,
                ssh_user="ubuntu",
            ),
            clock=self.clock,
        )
