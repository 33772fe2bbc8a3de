"""Allocations: their lifecycle on the simulated clock, capacity and the tenant's balance.

Nothing here runs in the background. An allocation records when each transition
happens (its timeline), and its status is read off that timeline at the current
simulated time, so every read is deterministic and `clock.advance()` is enough
to move the platform forward.

Leases, max runtimes and fixed ends work the same way: an allocation keeps its `plan`
(what happens without them: provisioning, and any release asked for) and its
`timeline` is that plan cut where the platform releases it by itself (the lease ran
out, plus the grace; it was active for its max runtime; its reservation or spend grant
ended). A renewal moves the cut later.

Creates that cost money (quotes, holds, reservations, fleets, spend limits) go through
`launch.Launcher`, which uses `place`, `check_balance` and `new_allocation` from here.
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
from .ids import fresh_id

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
    """Why it is releasing or released (the contract's `AllocationReleaseReason`)."""


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
    lease_seconds: int | None = None
    lease_renewed_at: datetime | None = None
    """The last renewal of its lease (its creation until the first)."""
    max_runtime_seconds: int | None = None
    ends_at: datetime | None = None
    """A fixed end its create set (its reservation's or its spend grant's); None: none."""
    ends_reason: str | None = None
    """The release reason at `ends_at`: `reservation_ended` or `spend_grant_ended`."""
    plan: list[Transition] = field(default_factory=list)
    """The timeline without the platform's own releases (see the module's docstring)."""
    # -- capacity and money (quotes, holds, reservations, fleets, spend limits) --
    price_per_gpu_hour_minor: int | None = None
    """Fixed when it was created (the quote's price or the one in force); None only in
    state saved before prices were fixed per allocation (the SKU's list price then)."""
    currency: str = "USD"
    quote_id: str | None = None
    hold_id: str | None = None
    reservation_id: str | None = None
    fleet_id: str | None = None
    on_behalf_of: str | None = None
    """The issuer of the spend grant it was created with (its spend counts for them too)."""
    commitment_minor: int = 0
    """What it may cost up to the end of the horizon it was admitted with (or renewed to)."""

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
        if self.ends_at is not None:
            deadlines.append((self.ends_at, self.ends_reason or "requested"))
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

    def price_or(self, list_price: int) -> int:
        """Its fixed price per GPU-hour; `list_price` for state saved before prices were fixed."""
        price = self.price_per_gpu_hour_minor
        return list_price if price is None else price

    def hourly_minor(self, sku: Sku) -> int:
        """What an hour of it costs: its own fixed price (else the SKU's) times its GPUs."""
        return self.price_or(sku.price_per_gpu_hour_minor) * self.gpus_total

    def to_json(
        self, now: datetime, volumes: list[dict[str, Any]] | None = None, list_price: int = 0
    ) -> dict[str, Any]:
        """Its JSON; `volumes`: those attached now; `list_price`: see `price_or`."""
        current = self.transition_at(now)
        ending = current.status in _ENDING
        expires = None if ending else self.lease_expires_at
        per_gpu = self.price_or(list_price)
        per_hour = per_gpu * self.gpus_total
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
            "price_per_hour_minor": per_hour,
            "price_per_gpu_hour_minor": per_gpu,
            "cost_minor": self.accrued_minor(per_hour, now),
            "currency": self.currency,
            "lease_seconds": self.lease_seconds,
            "lease_expires_at": format_time(expires) if expires is not None else None,
            "max_runtime_seconds": self.max_runtime_seconds,
            "release_reason": current.release_reason if ending else None,
            "quote_id": self.quote_id,
            "hold_id": self.hold_id,
            "reservation_id": self.reservation_id,
            "fleet_id": self.fleet_id,
            "volumes": list(volumes or ()),
            "created_by": self.created_by,
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


def _no_mounts(allocation_id: str, now: datetime) -> list[dict[str, Any]]:
    return []


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
        self.set_aside: list[Callable[[str, str, datetime], int]] = []
        """GPUs kept out of on-demand placements by other books (holds, reservations)."""
        self.other_charges: list[Callable[[str, datetime], int]] = []
        """What else a tenant has accrued by `now` (reservations, volumes): the balance counts."""
        self.settlers: list[Callable[[datetime], None]] = []
        """Lazy rules that rewrite timelines (a reservation ending its allocations), run first."""
        self.mounts_of: Callable[[str, datetime], list[dict[str, Any]]] = _no_mounts
        """The volumes attached to an allocation now, as its JSON lists them."""
        self.renewal_check: Callable[[Allocation, datetime], int] | None = None
        """Admits a lease renewal against the spend limits; returns the new commitment."""
        self._settling = threading.local()

    # -- reads -----------------------------------------------------------------

    def settle(self, now: datetime) -> None:
        """Let the lazy rules catch up with `now` before anything reads a timeline."""
        if getattr(self._settling, "active", False):
            return  # a rule that reads availability while it settles
        self._settling.active = True
        try:
            for settle in self.settlers:
                settle(now)
        finally:
            self._settling.active = False

    def render(self, allocation: Allocation, now: datetime) -> dict[str, Any]:
        """The allocation's JSON, with the volumes attached to it now."""
        sku = self.catalog.sku(allocation.sku)
        list_price = sku.price_per_gpu_hour_minor if sku is not None else 0
        return allocation.to_json(now, self.mounts_of(allocation.id, now), list_price)

    def visible_to(self, principal: Principal) -> Iterator[Allocation]:
        """The principal's tenant's allocations, newest first."""
        self.settle(self.clock.now())
        mine = [a for a in self.allocations.values() if a.tenant_id == principal.tenant_id]
        return iter(sorted(mine, key=lambda a: a.seq, reverse=True))

    def get(self, principal: Principal, allocation_id: str) -> Allocation:
        self.settle(self.clock.now())
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
        """GPUs an on-demand allocation can take at `now`: the region's, less those live
        allocations hold, drained nodes withhold, and holds and reservations keep aside."""
        aside = sum(rule(sku.id, region_code, now) for rule in self.set_aside)
        return max(0, self.unpromised_gpus(sku, region_code, now) - aside)

    def unpromised_gpus(self, sku: Sku, region_code: str, now: datetime) -> int:
        """The region's GPUs less those on-demand allocations hold and drained nodes withhold
        (allocations inside a reservation use the reservation's GPUs, counted by it)."""
        self.settle(now)
        held = sum(
            a.gpus_total
            for a in list(self.allocations.values())
            if a.sku == sku.id
            and a.region_code == region_code
            and a.reservation_id is None
            and a.holds_gpus_at(now)
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
        spent += sum(charges(tenant_id, now) for charges in self.other_charges)
        return self.config.initial_balance_minor - spent + self.credits_of(tenant_id, now)

    def accrued(self, allocation: Allocation, now: datetime) -> int:
        """What the allocation has cost up to `now`, at its own fixed price."""
        return self._accrued(allocation, now)

    def _accrued(self, allocation: Allocation, now: datetime) -> int:
        sku = self.catalog.sku(allocation.sku)
        return 0 if sku is None else allocation.accrued_minor(allocation.hourly_minor(sku), now)

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
        labels: Mapping[str, str] | None = None,
        lease_seconds: int | None = None,
        max_runtime_seconds: int | None = None,
    ) -> Allocation:
        """Place a new on-demand allocation at the SKU's price, with no spend limits.

        The platform's create path (`launch.Launcher`) adds quotes, holds, reservations,
        volumes and the admission against spend limits around the same steps.
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
            project = self.project_of(principal, project_id)
            region = self.place(sku, gpus_total, region_code, now)
            self.check_balance(principal.tenant_id, sku.hourly_price_minor(gpus_total), now)
            allocation = self.new_allocation(
                principal,
                sku,
                gpus_total,
                region,
                project,
                ssh_key_ids,
                now,
                labels=dict(labels or {}),
                lease_seconds=lease_seconds,
                max_runtime_seconds=max_runtime_seconds,
            )
            self.allocations[allocation.id] = allocation
            return allocation

    @staticmethod
    def project_of(principal: Principal, project_id: str | None) -> str:
        """The project a create bills: the one named, else the caller's default (404 if unseen)."""
        project = project_id or principal.default_project_id
        if project is None or project not in principal.project_ids:
            raise ApiError(
                "not_found",
                f"No project {project!r} is visible to the caller.",
                details={"project_id": project},
            )
        return project

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
            if self.renewal_check is not None:  # the renewed lease commits its cost anew
                allocation.commitment_minor = self.renewal_check(allocation, now)
            allocation.lease_renewed_at = now
            self.replan(allocation)
            return allocation

    def replan(self, allocation: Allocation) -> None:
        """Recompute its timeline after its lease, runtime limit or fixed end changed."""
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

    def place(self, sku: Sku, gpus: int, region_code: str | None, now: datetime) -> str:
        """The region an on-demand allocation of `gpus` goes to (409 `sku_unavailable`)."""
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

    def check_balance(self, tenant_id: str, required_minor: int, now: datetime) -> None:
        """402 `insufficient_balance` unless the balance covers `required_minor` (an hour)."""
        balance = self.balance_minor(tenant_id, now)
        if balance < required_minor:
            raise ApiError(
                "insufficient_balance",
                "The balance does not cover one hour of this request.",
                details={
                    "balance_minor": balance,
                    "required_minor": required_minor,
                    "currency": "USD",
                },
            )

    def ready_at(self, now: datetime) -> datetime:
        """When an allocation created at `now` becomes active (a fleet decides then)."""
        delay = self.config.provisioning_delay + self.config.activation_delay
        return now + timedelta(seconds=delay)

    def new_allocation(
        self,
        principal: Principal,
        sku: Sku,
        gpus: int,
        region: str,
        project: str,
        ssh_key_ids: tuple[str, ...],
        now: datetime,
        *,
        outcome: str = "active",
        **terms: Any,
    ) -> Allocation:
        """A new allocation record (not yet in the book).

        `outcome`: `active` (it comes up, unless its SKU is configured to fail),
        `dropped` (its node never comes up: `failed`), or `abandoned` (released before it
        became active: a fleet that did not come up). `terms`: further fields of
        `Allocation` (labels, lease, max runtime, price, quote, hold, reservation, fleet,
        commitment).
        """
        self._seq += 1
        allocation_id = fresh_id(self._rng, "alloc", self.allocations)
        provisioning = now + timedelta(seconds=self.config.provisioning_delay)
        ready = provisioning + timedelta(seconds=self.config.activation_delay)
        plan = [Transition(now, "pending"), Transition(provisioning, "provisioning")]
        if outcome == "dropped":
            reason = f"Node placement failed: the {sku.gpu_model} node in {region} never came up."
            plan.append(Transition(ready, "failed", reason))
        elif outcome == "abandoned":
            released = ready + timedelta(seconds=self.config.release_delay)
            plan += [
                Transition(ready, "releasing", release_reason="fleet_incomplete"),
                Transition(released, "released", release_reason="fleet_incomplete"),
            ]
        elif sku.id in self.config.failing_skus:
            reason = f"Provisioning failed: no healthy {sku.gpu_model} node in {region}."
            plan.append(Transition(ready, "failed", reason))
        else:
            plan.append(Transition(ready, "active"))
        terms.setdefault("price_per_gpu_hour_minor", sku.price_per_gpu_hour_minor)
        terms.setdefault("currency", sku.currency)
        if terms.get("lease_seconds") is not None:
            terms["lease_renewed_at"] = now
        host = self._seq % 250
        allocation = Allocation(
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
            **terms,
            endpoint=Connection(
                private_ip=f"10.40.{self._seq // 250 % 256}.{host + 2}",
                ssh_host="127.0.0.1",
                ssh_port=self.sshd.listen(allocation_id),
                ssh_user="ubuntu",
            ),
            clock=self.clock,
        )
        self.replan(allocation)
        return allocation

    # -- persistence -------------------------------------------------------------

    def restore(self, data: Mapping[str, Any]) -> None:
        """Load a `snapshot()`; fields added to the records since then take their defaults."""
        with self._lock:
            restore_fields(self, data, self._state_spec(), clock=self.clock)
            # Listen where the state says (another process may listen there too), or,
            # when that port was taken meanwhile, on a free one.
            now = self.clock.now()
            for allocation in self.allocations.values():
                self._upgrade(allocation)
                if allocation.status_at(now) not in _FINAL_STATES:
                    port = self.sshd.listen(allocation.id, allocation.endpoint.ssh_port)
                    allocation.endpoint = replace(allocation.endpoint, ssh_port=port)

    def _upgrade(self, allocation: Allocation) -> None:
        """Fill what a state file written before plans has not got (prices: `price_or`)."""
        if not allocation.plan:
            allocation.plan = list(allocation.timeline)

    @staticmethod
    def _state_spec() -> dict[str, Any]:
        return {
            "allocations": dict[str, Allocation],
            "terminal_grants": dict[str, TerminalGrant],
            "_seq": int,
            "_rng": random.Random,
        }
