"""The simulated platform: its state, its clock, and the ASGI app that serves it."""

from __future__ import annotations

from pathlib import Path

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
from .platform.volumes import VolumeBook
from .platform.webhooks import WebhookRegistry
from .runtime.clock import SimClock
from .runtime.config import SimConfig
from .runtime.fault_profiles import profile_injector
from .runtime.faults import FaultInjector
from .runtime.persistence import Persistence, claim_folder

__all__ = ["Simulator"]


class Simulator:
    """One GPUaaS platform, in memory or kept in `config.data_dir` across restarts.

    `app` serves it (in-process with Starlette's `TestClient`, or over HTTP with
    `serve_in_thread`); the attributes give tests direct access to the state
    behind it, and `clock`, `faults` and `expire_access_tokens()` let them
    steer time and failures.
    """

    def __init__(self, config: SimConfig | None = None) -> None:
        self.config = config or SimConfig()
        self.clock = SimClock(self.config.clock_speed)
        self.faults: FaultInjector = profile_injector(self.config.fault_profile, self.config.seed)
        self.catalog = Catalog()
        folder = None if self.config.data_dir is None else Path(self.config.data_dir)
        lock = None if folder is None else claim_folder(folder)  # before storage uses it
        self._build_state()
        self.persistence: Persistence | None = None
        self.restored = False
        """True when the state came back from `config.data_dir` (see `persistence.py`)."""
        if folder is not None and lock is not None:
            try:
                self.persistence = Persistence(self, folder, lock)
                self.restored = self.persistence.load()
            except BaseException:
                if self.persistence is not None:
                    self.persistence.abandon()  # never save over state it could not read
                self.webhooks.close()
                self.allocation_book.sshd.close()
                raise
        if not self.restored:
            self.storage.discard_orphans()  # bytes a previous run left without their state
        # Imported here: the app's modules refer back to `Simulator` for typing.
        from .http.app import build_app

        self.app: ASGIApp = build_app(self)
        if self.persistence is not None:
            self.app = self.persistence.wrap(self.app)
            self.persistence.save()

    def _build_state(self) -> None:
        self.identity = IdentityProvider(
            self.clock, self.config.access_token_ttl, self.config.refresh_token_ttl
        )
        previous_book: AllocationBook | None = getattr(self, "allocation_book", None)
        if previous_book is not None:
            previous_book.sshd.close()  # a reset closes the old allocations' SSH listeners
        self.allocation_book = AllocationBook(self.config, self.clock, self.catalog)
        self.idempotency = IdempotencyStore()
        self.rate_limiter = RateLimiter(self.config.rate_limit_per_minute)
        self.requests_log: list[LoggedRequest] = []
        self.events = EventLog()
        # billing
        self.billing = BillingBook(self.config, self.clock, self.catalog, self.allocation_book)
        self.events.add_source(self.billing.recorded_events)
        # storage
        previous_storage: StorageStore | None = getattr(self, "storage", None)
        if previous_storage is not None:
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
            previous_webhooks.close()  # a reset must not leave the old delivery thread running
        self.webhooks = WebhookRegistry(self.config, self.clock, self.events)
        self.fleet = Fleet(self.catalog, self.clock)
        self.audit = AuditLog(self.clock)
        # platform rules that join areas: live roles, drained capacity, service-account spend
        self.identity.current = self.iam.current_view
        self.fleet.withhold_from(self.allocation_book)
        self.service_accounts.spend_of = self.allocation_book.spent_by
        self._build_capacity()

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

    @property
    def allocations(self) -> dict[str, Allocation]:
        """Every allocation by id (a live view; statuses read the clock)."""
        return self.allocation_book.allocations

    def balance_minor(self, tenant_id: str = "tnt-acme") -> int:
        """The tenant's balance now: accrued usage taken off, settled top-ups and refunds added."""
        return self.allocation_book.balance_minor(tenant_id, self.clock.now())

    def expire_access_tokens(self) -> None:
        """Every access token issued so far is expired from now on (refresh still works)."""
        self.identity.expire_access_tokens()

    def close(self) -> None:
        """Stop the webhook delivery thread (and save the state); call it when done."""
        self.webhooks.close()
        if self.persistence is not None:
            self.persistence.close()
        self.allocation_book.sshd.close()

    def reset(self) -> None:
        """Back to the seed state: no tokens, allocations, keys, faults or log; clock restarted."""
        self.clock.reset()
        self.faults.clear()
        self._build_state()
        if self.persistence is not None:
            self.persistence.clear()
