"""Allocations: their lifecycle on the simulated clock, capacity and the tenant's balance.

Nothing here runs in the background. An allocation records when each transition
happens (its timeline), and its status is read off that timeline at the current
simulated time, so every read is deterministic and `clock.advance()` is enough
to move the platform forward.

Leases and max runtimes work the same way: an allocation keeps its `plan` (what
happens without them: provisioning, and any release asked for) and its `timeline`
is that plan cut where the platform releases it by itself (the lease ran out, plus
the grace; or it was active for its max runtime). A renewal moves the cut later,
and only ever changes the future part of the timeline.
"""

from __future__ import annotations

import hashlib
import random
import secrets
import threading
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from ..runtime.clock import SimClock, format_time
from ..runtime.config import SimConfig
from ..runtime.sshd import SshDaemon
from ..runtime.state_codec import PersistedFields, restore_fields
from .catalog import Catalog, Sku
from .errors import ApiError
from .identity import Principal

__all__ = [
    "HOLDING_STATES",
    "Allocation",
    "AllocationBook",
    "Connection",
    "SpendCap",
    "TerminalGrant",
    "Transition",
]

#: States in which an allocation keeps its GPUs out of the region's free capacity.
HOLDING_STATES = frozenset({"pending", "provisioning", "active", "releasing"})
_FINAL_STATES = frozenset({"released", "failed"})
_ENDING = _FINAL_STATES | {"releasing"}


@dataclass(frozen=True)
class Transition:
    at: datetime
    status: str
    failure_reason: str | None = None
    release_reason: str | None = None
    """Why it is releasing or released: `requested`, `lease_expired`, `max_runtime_reached`."""


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
    created_by: str | None = None
    """The principal that created it: a service account's spend is what its allocations cost."""
    labels: dict[str, str] = field(default_factory=dict)
    price_per_hour_minor: int = 0
    """Its SKU's price per GPU-hour times its GPUs, when it was created."""
    currency: str = "USD"
    lease_seconds: int | None = None
    lease_renewed_at: datetime | None = None
    """The last renewal of its lease (its creation until the first)."""
    max_runtime_seconds: int | None = None
    plan: list[Transition] = field(default_factory=list)
    """The timeline without the platform's own releases (see the module's docstring)."""

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

    def accrued_minor(self, price_per_hour_minor: int, now: datetime) -> int:
        """What its active time up to `now` costs (billing's charges add up to exactly this)."""
        return int(self.active_seconds(now) / 3600 * price_per_hour_minor)

    def active_seconds(self, now: datetime) -> float:
        """How long the allocation has been `active` up to `now` (what billing charges for)."""
        total = 0.0
        steps = [t for t in self.timeline if t.at <= now]
        if not steps:
            return total  # `now` is before it was created
        for step, following in zip(steps, [*steps[1:], None], strict=True):
            if step.status == "active":
                end = following.at if following else now
                total += (end - step.at).total_seconds()
        return total

    @property
    def lease_expires_at(self) -> datetime | None:
        """When the lease runs out unless renewed (the platform waits a grace period more)."""
        if self.lease_seconds is None or self.lease_renewed_at is None:
            return None
        return self.lease_renewed_at + timedelta(seconds=self.lease_seconds)

    def release_deadline(self, grace: float) -> tuple[datetime, str] | None:
        """When the platform releases it by itself, and why; None when nothing limits it."""
        deadlines = []
        expires = self.lease_expires_at
        if expires is not None:
            deadlines.append((expires + timedelta(seconds=grace), "lease_expired"))
        active = next((t.at for t in self.plan if t.status == "active"), None)
        if self.max_runtime_seconds is not None and active is not None:
            runtime = timedelta(seconds=self.max_runtime_seconds)
            deadlines.append((active + runtime, "max_runtime_reached"))
        return min(deadlines, default=None, key=lambda deadline: deadline[0])

    def replan(self, grace: float, release_delay: float) -> None:
        """Derive `timeline` from `plan`, cut where the platform releases it by itself."""
        deadline = self.release_deadline(grace)
        ends = next((t.at for t in self.plan if t.status in _ENDING), None)
        if deadline is None or (ends is not None and ends <= deadline[0]):
            self.timeline = list(self.plan)
            return
        at, reason = deadline
        self.timeline = [t for t in self.plan if t.at < at] + [
            Transition(at, "releasing", release_reason=reason),
            Transition(at + timedelta(seconds=release_delay), "released", release_reason=reason),
        ]

    def release(self, now: datetime, delay: float) -> bool:
        """Start releasing; False (nothing changes) if already releasing, released or failed."""
        if self.status_at(now) in _ENDING:
            return False
        # Before any deadline of the platform's own (it is not releasing yet): the plan rules.
        self.plan = [t for t in self.timeline if t.at <= now]
        self.plan += [
            Transition(now, "releasing", release_reason="requested"),
            Transition(now + timedelta(seconds=delay), "released", release_reason="requested"),
        ]
        self.timeline = list(self.plan)
        return True

    def to_json(self, now: datetime) -> dict[str, Any]:
        current = self.transition_at(now)
        ending = current.status in _ENDING
        expires = None if ending else self.lease_expires_at
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
            "labels": dict(self.labels),
            "price_per_hour_minor": self.price_per_hour_minor,
            "cost_minor": self.accrued_minor(self.price_per_hour_minor, now),
            "currency": self.currency,
            "lease_seconds": self.lease_seconds,
            "lease_expires_at": format_time(expires) if expires is not None else None,
            "max_runtime_seconds": self.max_runtime_seconds,
            "release_reason": current.release_reason if ending else None,
        }


@dataclass(frozen=True)
class SpendCap:
    """A service account's monthly spend cap, checked when it creates something that costs."""

    principal_id: str
    cap_minor: int
    currency: str


def month_start(now: datetime) -> datetime:
    """The start of `now`'s calendar month (UTC): spend caps count from there."""
    return now.astimezone(UTC).replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def _no_credits(tenant_id: str, now: datetime) -> int:
    return 0


def _nothing_withheld(sku_id: str, region_code: str, now: datetime) -> int:
    return 0


@dataclass(frozen=True)
class TerminalGrant:
    token_digest: str
    allocation_id: str
    expires_at: datetime


class AllocationBook(PersistedFields):
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
        self.sshd = SshDaemon(clock, config.ssh_ready_delay, self.allocations.get)
        """Each allocation's real SSH listener on 127.0.0.1 (its connection points there)."""
        self.credits_of: Callable[[str, datetime], int] = _no_credits
        """Top-ups and refunds settled for a tenant by `now`; billing plugs itself in here."""
        self.withheld_gpus: Callable[[str, str, datetime], int] = _nothing_withheld
        """Free GPUs of a SKU in a region that new allocations cannot use (drained nodes)."""

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

    def connection(self, principal: Principal, allocation_id: str, now: datetime) -> dict[str, Any]:
        """How to reach an active allocation (409 `allocation_not_active` otherwise)."""
        allocation = self.get(principal, allocation_id)
        status = allocation.status_at(now)
        if status != "active":
            raise ApiError(
                "allocation_not_active",
                f"Allocation {allocation.id} is {status}, not active.",
                details={"allocation_id": allocation.id, "status": status},
            )
        return allocation.endpoint.to_json()

    def available_gpus(self, sku: Sku, region_code: str, now: datetime) -> int:
        held = sum(
            a.gpus_total
            for a in self.allocations.values()
            if a.sku == sku.id and a.region_code == region_code and a.holds_gpus_at(now)
        )
        withheld = self.withheld_gpus(sku.id, region_code, now)
        return max(0, sku.capacity.get(region_code, 0) - held - withheld)

    def balance_minor(self, tenant_id: str, now: datetime) -> int:
        """The one balance: opening balance, minus accrued usage, plus settled top-ups/refunds."""
        spent = sum(
            self._accrued(a, now)
            for a in list(self.allocations.values())
            if a.tenant_id == tenant_id
        )
        return self.config.initial_balance_minor - spent + self.credits_of(tenant_id, now)

    def spent_by(self, principal_id: str, now: datetime) -> int:
        """What the principal's allocations have accrued since the start of this calendar month."""
        start = month_start(now)
        return sum(
            self._accrued(a, now) - self._accrued(a, start)
            for a in list(self.allocations.values())
            if a.created_by == principal_id
        )

    def _accrued(self, allocation: Allocation, now: datetime) -> int:
        sku = self.catalog.sku(allocation.sku)
        return (
            0
            if sku is None
            else allocation.accrued_minor(sku.hourly_price_minor(allocation.gpus_total), now)
        )

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
        spend_cap: SpendCap | None = None,
        labels: Mapping[str, str] | None = None,
        lease_seconds: int | None = None,
        max_runtime_seconds: int | None = None,
    ) -> Allocation:
        """Place a new allocation; `spend_cap` refuses it if one hour of it would pass the cap.

        `lease_seconds`: released unless renewed in time; `max_runtime_seconds`: released
        once it has been active that long (see `replan`).
        """
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
            if spend_cap is not None:
                self._check_spend_cap(spend_cap, sku, gpus_total, now)
            allocation = self._new_allocation(
                principal, sku, gpus_total, region, project, ssh_key_ids, now
            )
            allocation.labels = dict(labels or {})
            allocation.lease_seconds = lease_seconds
            allocation.lease_renewed_at = now if lease_seconds is not None else None
            allocation.max_runtime_seconds = max_runtime_seconds
            self._replan(allocation)
            self.allocations[allocation.id] = allocation
            return allocation

    def release(self, principal: Principal, allocation_id: str) -> Allocation:
        with self._lock:
            allocation = self.get(principal, allocation_id)
            allocation.release(self.clock.now(), self.config.release_delay)
            return allocation

    def renew_lease(self, principal: Principal, allocation_id: str) -> Allocation:
        """The lease runs `lease_seconds` from now: 409 once releasing, released or failed."""
        with self._lock:
            allocation = self.get(principal, allocation_id)
            now = self.clock.now()
            current = allocation.transition_at(now)
            details: dict[str, Any] = {"allocation_id": allocation.id, "status": current.status}
            if current.release_reason == "lease_expired":
                expired = allocation.lease_expires_at
                raise ApiError(
                    "lease_expired",
                    f"The lease of allocation {allocation.id} ran out at"
                    f" {format_time(expired) if expired else '?'} without a renewal, so the"
                    " platform released it. Create a new allocation, and renew its lease"
                    " well before it runs out.",
                    details={
                        **details,
                        "lease_expires_at": format_time(expired) if expired else None,
                    },
                )
            if current.status in _ENDING:
                raise ApiError(
                    "allocation_not_active",
                    f"Allocation {allocation.id} is {current.status}; its lease cannot be renewed.",
                    details=details,
                )
            if allocation.lease_seconds is None:
                raise ApiError(
                    "invalid_state",
                    f"Allocation {allocation.id} has no lease to renew: it was created"
                    " without `lease_seconds`.",
                    details={**details, "state": "no lease"},
                )
            allocation.lease_renewed_at = now
            self._replan(allocation)
            return allocation

    def _replan(self, allocation: Allocation) -> None:
        allocation.replan(self.config.lease_grace_seconds, self.config.release_delay)

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

    def _check_spend_cap(self, cap: SpendCap, sku: Sku, gpus: int, now: datetime) -> None:
        """402 `budget_exceeded` if one hour of the allocation would pass the month's cap."""
        spent = self.spent_by(cap.principal_id, now)
        estimate = sku.hourly_price_minor(gpus)
        headroom = max(0, cap.cap_minor - spent)
        if estimate > headroom:
            raise ApiError(
                "budget_exceeded",
                f"One hour of this allocation costs {estimate} {cap.currency} minor units; the"
                f" service account has {headroom} left of its monthly cap of {cap.cap_minor}."
                " Request fewer GPUs or a cheaper SKU, or raise the cap.",
                details={
                    "cap_minor": cap.cap_minor,
                    "spent_minor": spent,
                    "headroom_minor": headroom,
                    "estimated_cost_minor": estimate,
                    "currency": cap.currency,
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
        plan = [Transition(now, "pending"), Transition(provisioning, "provisioning"), last]
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
            timeline=list(plan),
            plan=plan,
            created_by=principal.principal_id,
            price_per_hour_minor=sku.hourly_price_minor(gpus),
            currency=sku.currency,
            endpoint=Connection(
                private_ip=f"10.40.{self._seq // 250 % 256}.{host + 2}",
                ssh_host="127.0.0.1",
                ssh_port=self.sshd.listen(allocation_id),
                ssh_user="ubuntu",
            ),
            clock=self.clock,
        )

    # -- persistence -------------------------------------------------------------

    def restore(self, data: Mapping[str, Any]) -> None:
        """Load a `snapshot()`; fields added to the records since then take their defaults."""
        with self._lock:
            restore_fields(self, data, self._state_spec(), clock=self.clock)
            # The old process's SSH listeners are gone: open new ones (on free ports).
            now = self.clock.now()
            for allocation in self.allocations.values():
                self._upgrade(allocation)
                if allocation.status_at(now) not in _FINAL_STATES:
                    port = self.sshd.listen(allocation.id)
                    allocation.endpoint = replace(allocation.endpoint, ssh_port=port)

    def _upgrade(self, allocation: Allocation) -> None:
        """Fill what a state file written before plans and prices has not got."""
        if not allocation.plan:
            allocation.plan = list(allocation.timeline)
        sku = self.catalog.sku(allocation.sku)
        if not allocation.price_per_hour_minor and sku is not None:
            allocation.price_per_hour_minor = sku.hourly_price_minor(allocation.gpus_total)
            allocation.currency = sku.currency

    @staticmethod
    def _state_spec() -> dict[str, Any]:
        return {
            "allocations": dict[str, Allocation],
            "terminal_grants": dict[str, TerminalGrant],
            "_seq": int,
            "_rng": random.Random,
        }
