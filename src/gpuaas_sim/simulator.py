"""The simulated platform: its state, its clock, and the ASGI app that serves it."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from starlette.types import ASGIApp

from .http.gateway import LoggedRequest
from .http.idempotency import IdempotencyStore
from .http.ratelimit import RateLimiter
from .platform.admin import AuditLog, Fleet
from .platform.admission import Admission
from .platform.allocations import Allocation, AllocationBook
from .platform.apps import AppBook
from .platform.assertions import AssertionVerifier
from .platform.billing import BillingBook
from .platform.budget_events import BudgetWatch
from .platform.budgets import ProjectBudgets
from .platform.capacity_watches import WatchBook
from .platform.catalog import Catalog
from .platform.event_sources import AllocationStatusSource
from .platform.events import EventLog
from .platform.fleets import FleetBook, FleetStatusSource
from .platform.grants import SpendGrantBook
from .platform.holds import HoldBook
from .platform.iam import ADMIN_PASSWORD, ADMIN_PRINCIPAL, ADMIN_USERNAME, IamBook
from .platform.identity import IdentityProvider
from .platform.launch import Launcher
from .platform.oidc import OidcProvider
from .platform.pricing import Pricing
from .platform.quotes import QuoteBook
from .platform.reservations import ReservationBook
from .platform.service_accounts import ServiceAccountBook
from .platform.ssh_keys import SshKeyBook
from .platform.storage import StorageStore
from .platform.terminal import TerminalSessions
from .platform.volumes import VolumeBook
from .platform.webhooks import WebhookRegistry
from .runtime.clock import SimClock
from .runtime.config import SimConfig
from .runtime.fault_profiles import profile_injector
from .runtime.faults import FaultInjector
from .runtime.persistence import ORPHAN_AGE, Persistence, open_store
from .runtime.stores import MAIN_WORLD, StateLock, Store

__all__ = ["Simulator", "World"]

CATCH_UP_INTERVAL = 0.05
"""Real seconds a reader outside requests (a stream, an SSH banner) may lag other processes."""


@dataclass(frozen=True)
class World:
    """Where a sandbox's simulator keeps its state: its parent's store (or lock), its row."""

    id: str
    lock: StateLock
    store: Store | None = None
    expires_at: float | None = None


class Simulator:
    """One GPUaaS platform, in memory, in `config.data_dir` (SQLite) or `config.database`.

    `app` serves it (in-process with Starlette's `TestClient`, or over HTTP with
    `serve_in_thread`); the attributes give tests direct access to the state
    behind it, and `clock`, `faults` and `expire_access_tokens()` let them
    steer time and failures. `sandboxes` makes isolated platforms beside it
    (`runtime/sandboxes.py`); `world` is given to a sandbox's own simulator only.
    """

    def __init__(self, config: SimConfig | None = None, *, world: World | None = None) -> None:
        self.config = config or SimConfig()
        store, folder_lock = None, None
        if world is not None:
            store = world.store
        elif self.config.database is not None or self.config.data_dir is not None:
            store, folder_lock, folder = open_store(self.config)
            self.config = self.config.with_data_dir(folder)
        self.world_id = world.id if world is not None else MAIN_WORLD
        # Where the state is shared through a store, every process must read one clock.
        self.clock = SimClock(
            self.config.clock_speed, monotonic=time.time if store else time.monotonic
        )
        self.faults: FaultInjector = profile_injector(self.config.fault_profile, self.config.seed)
        self.catalog = Catalog()
        self.state_lock = store.lock if store else (world.lock if world else StateLock())
        """What `transaction()` holds: one per store (the main world's and its sandboxes')."""
        self.persistence: Persistence | None = None
        self.restored = False
        """True when the state came back from the store (see `persistence.py`)."""
        try:
            self._build_state()
            if store is not None:
                self.persistence = Persistence(
                    self,
                    store,
                    self.world_id,
                    folder_lock=folder_lock,
                    owns_store=world is None,
                )
                self.restored = self.persistence.load(
                    self.config.seed, world.expires_at if world else None
                )
                if self.restored and store.exclusive and world is None:
                    self.clock.set_speed(self.config.clock_speed)  # the flag given to this run
        except BaseException:
            if self.persistence is not None:
                self.persistence.abandon()  # never save over state it could not read
            elif store is not None and world is None:
                store.close()
                if folder_lock is not None:
                    folder_lock.release()
            self._stop_workers(wait=True)
            raise
        if not self.restored and (store is None or store.exclusive):
            self.storage.discard_orphans()  # bytes a previous run left without their state
        elif store is not None and not store.exclusive:
            self.storage.discard_orphans(older_than=ORPHAN_AGE)  # others may be uploading
        # Imported here: these modules refer back to `Simulator` for typing.
        from .http.app import build_app
        from .runtime.sandboxes import Sandboxes

        self.sandboxes: Sandboxes | None = None if world is not None else Sandboxes(self)
        self.app: ASGIApp = build_app(self)

    # -- the state ---------------------------------------------------------------------

    def _build_state(self, *, keep_bytes: bool = False) -> None:
        self.identity = IdentityProvider(
            self.clock, self.config.access_token_ttl, self.config.refresh_token_ttl
        )
        previous_book: AllocationBook | None = getattr(self, "allocation_book", None)
        if previous_book is not None:
            previous_book.sshd.close()  # a reset closes the old allocations' SSH listeners
        self.allocation_book = AllocationBook(self.config, self.clock, self.catalog)
        self.terminals = TerminalSessions()
        """The browser terminals open now (`terminals.of(allocation_id)`: their shells)."""
        self.idempotency = IdempotencyStore()
        limit, window = self.config.rate_limit
        self.rate_limiter = RateLimiter(limit, window=window)
        self.requests_log: list[LoggedRequest] = []
        self.events = EventLog()
        # billing
        self.billing = BillingBook(self.config, self.clock, self.catalog, self.allocation_book)
        self.events.add_source(self.billing.recorded_events)
        # storage
        previous_storage: StorageStore | None = getattr(self, "storage", None)
        if previous_storage is not None:
            if keep_bytes:
                previous_storage.detach()  # another process reset: the bytes are its own now
            else:
                previous_storage.close()
        self.storage = StorageStore(self.config, self.clock)
        # apps
        self.apps = AppBook(
            self.config,
            self.clock,
            self.allocation_book,
            check_project=lambda caller, project_id: self.iam.project(caller, project_id),
            is_admin=lambda caller: self.iam.is_tenant_admin(caller),
        )
        self.events.add_source(self.apps.due_events)
        # events
        self.allocation_events = AllocationStatusSource(self.allocation_book)
        self.events.add_source(self.allocation_events)
        self.stream_cut_after: int | None = None
        """Fault: every event stream opened closes itself after this many events."""
        # iam
        self.iam = IamBook(self.clock, self.config.seed, self.config.max_projects)
        self.identity.add_user(ADMIN_USERNAME, ADMIN_PASSWORD, ADMIN_PRINCIPAL)
        self.service_accounts = ServiceAccountBook(self.clock, self.config.seed, self.iam)
        self.ssh_keys = SshKeyBook(self.clock, self.config.seed)
        self.assertions = AssertionVerifier(self.service_accounts)
        self.oidc = OidcProvider(self.clock, self.identity)
        self.iam.project_holders["allocations"] = lambda project_id, now: sum(
            1
            for a in self.allocation_book.allocations.values()
            if a.project_id == project_id and a.status_at(now) not in {"released", "failed"}
        )
        # webhooks-admin
        previous_webhooks: WebhookRegistry | None = getattr(self, "webhooks", None)
        if previous_webhooks is not None:
            # Not waited for: its thread may be queueing for the transaction this runs in.
            previous_webhooks.close(wait=False)
        self.webhooks = WebhookRegistry(self.config, self.clock, self.events)
        self.fleet = Fleet(self.catalog, self.clock)
        self.audit = AuditLog(self.clock)
        # platform rules that join areas: live roles, drained capacity, service-account spend
        self.identity.current = self.iam.current_view
        self.fleet.withhold_from(self.allocation_book)
        self.service_accounts.end_tokens = self.identity.revoke_principal
        self._build_capacity()
        self.budget_events = BudgetWatch(
            self.clock, self.service_accounts, self.events, self.config.budget_threshold_percent
        )
        self.events.add_source(self.budget_events)
        self._wire()

    def _wire(self) -> None:
        """Make changes made outside requests (steering, streams, workers) transactions."""
        self.clock.guard = self.transaction
        self.faults.guard = self.transaction
        self.events.syncing = self._syncing
        self.webhooks.guard = self.transaction
        self.webhooks.may_deliver = self._delivers_webhooks
        self.allocation_book.sshd.guard = self._catching_up

    def transaction(self, *, writes: bool = True) -> AbstractContextManager[None]:
        """Run a block against the current state and keep what it changed (see persistence).

        In memory it only keeps the block apart from other threads' transactions. It
        must not `await`: a request does its waiting (bodies, streams) outside.
        """
        if self.persistence is not None:
            return self.persistence.transaction(writes=writes)
        return self._held()

    @contextmanager
    def _held(self) -> Iterator[None]:
        with self.state_lock:
            yield

    @contextmanager
    def _syncing(self) -> Iterator[bool]:
        if self.persistence is None:
            with self.state_lock:
                yield True
        else:
            with self.persistence.fresh(CATCH_UP_INTERVAL) as may:
                yield may

    @contextmanager
    def _catching_up(self) -> Iterator[None]:
        """For the SSH thread: catch up with other processes if nobody is in a transaction."""
        persistence = self.persistence
        if persistence is None or persistence.store.exclusive:
            yield
            return
        with persistence.fresh(CATCH_UP_INTERVAL, wait=False):
            yield

    def _delivers_webhooks(self) -> bool:
        return self.persistence is None or self.persistence.leads("webhooks")

    def rebuild(self) -> None:
        """The seed state again, keeping stored bytes: another process reset this world."""
        self.clock.reset()
        self.faults.restore({})
        self._build_state(keep_bytes=True)

    def stream_snapshot(self) -> dict[str, Any]:
        return {"cut_after": self.stream_cut_after}

    def stream_restore(self, data: dict[str, Any]) -> None:
        cut = data.get("cut_after")
        self.stream_cut_after = None if cut is None else int(cut)

    def _build_capacity(self) -> None:
        """Prices, quotes, holds, reservations, watches, fleets, spend limits and volumes."""
        seed, book, clock = self.config.seed, self.allocation_book, self.clock
        self.pricing = Pricing(self.catalog, clock)
        self.quotes = QuoteBook(self.catalog, self.pricing, book, clock, seed)
        self.holds = HoldBook(book, clock, seed)
        self.reservations = ReservationBook(book, clock, seed, self.holds.kept)
        book.other_charges.append(self.reservations.charged)
        self.billing.other_usage.append(self.reservations.usage_records)
        self.capacity_watches = WatchBook(book, clock, seed)
        self.capacity_watches.change_sources += [
            self.holds.change_times,
            self.reservations.change_times,
        ]
        self.events.add_source(self.capacity_watches.due_events)
        self.fleets = FleetBook(book, clock, seed)
        self.fleet_events = FleetStatusSource(self.fleets)
        self.events.add_source(self.fleet_events)
        self.grants = SpendGrantBook(clock, seed)
        self.identity.other_tokens = lambda token: (
            self.grants.principal_for(token) if self.grants.is_grant_token(token) else None
        )
        self.budgets = ProjectBudgets(self.iam)
        self.volumes = VolumeBook(book, self.catalog, clock, seed)
        self.billing.other_usage.append(self.volumes.usage_records)
        self.admission = Admission(
            book, self.holds, self.reservations, self.grants, self.budgets, self.service_accounts
        )
        self.launcher = Launcher(
            catalog=self.catalog,
            clock=clock,
            book=book,
            pricing=self.pricing,
            quotes=self.quotes,
            holds=self.holds,
            reservations=self.reservations,
            fleets=self.fleets,
            grants=self.grants,
            volumes=self.volumes,
            admission=self.admission,
            faults=self.faults,
        )
        book.renewal_check = self.launcher.renewal
        self.service_accounts.spend_of = self.admission.account_spend

    @property
    def allocations(self) -> dict[str, Allocation]:
        """Every allocation by id (a live view; statuses read the clock)."""
        return self.allocation_book.allocations

    def balance_minor(self, tenant_id: str = "tnt-acme") -> int:
        """The tenant's balance now: accrued usage taken off, settled top-ups and refunds added."""
        return self.allocation_book.balance_minor(tenant_id, self.clock.now())

    def expire_access_tokens(self) -> None:
        """Every access token issued so far is expired from now on (refresh still works)."""
        with self.transaction():
            self.identity.expire_access_tokens()

    def close(self, *, save: bool = True) -> None:
        """Stop the background work, save the state one last time and let go of the store.

        `save=False` saves nothing (a sandbox being deleted), and deletes a temporary
        folder of stored bytes.
        """
        try:
            if getattr(self, "sandboxes", None) is not None:
                assert self.sandboxes is not None
                self.sandboxes.close()
            self.webhooks.close()
            if self.persistence is not None:
                if save:
                    self.persistence.close()
                else:
                    self.persistence.abandon()
            if not save and self.config.data_dir is None:
                self.storage.close()
        finally:
            self.allocation_book.sshd.close()  # whatever failed, no listener outlives it

    def _stop_workers(self, *, wait: bool) -> None:
        if hasattr(self, "webhooks"):
            self.webhooks.close(wait=wait)
        if hasattr(self, "allocation_book"):
            self.allocation_book.sshd.close()

    def reset(self) -> None:
        """Back to the seed state: no tokens, allocations, keys, faults or log; clock restarted."""
        old_webhooks = self.webhooks
        with self.transaction():
            self.clock.reset()
            self.faults.clear()
            self._build_state()
            if self.persistence is not None:
                self.persistence.cleared()
        if not self.state_lock.held:  # its thread may have queued for the transaction
            old_webhooks.close()

    def data_dir_of(self, world: str) -> Path | None:
        """The folder of a sandbox's stored bytes (None: in memory, a temporary one)."""
        if self.config.data_dir is None:
            return None
        return Path(self.config.data_dir) / "sandboxes" / world
