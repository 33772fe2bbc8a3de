"""The simulated platform: its state, its clock, and the ASGI app that serves it."""

from __future__ import annotations

from starlette.types import ASGIApp

from .allocations import Allocation, AllocationBook
from .catalog import Catalog
from .clock import SimClock
from .config import SimConfig
from .events import EventLog
from .faults import FaultInjector
from .gateway import LoggedRequest
from .idempotency import IdempotencyStore
from .identity import IdentityProvider
from .ratelimit import RateLimiter

__all__ = ["Simulator"]


class Simulator:
    """One in-memory GPUaaS platform.

    `app` serves it (in-process with Starlette's `TestClient`, or over HTTP with
    `serve_in_thread`); the attributes give tests direct access to the state
    behind it, and `clock`, `faults` and `expire_access_tokens()` let them
    steer time and failures.
    """

    def __init__(self, config: SimConfig | None = None) -> None:
        self.config = config or SimConfig()
        self.clock = SimClock(self.config.clock_speed)
        self.faults = FaultInjector()
        self.catalog = Catalog()
        self._build_state()
        # Imported here: the app's modules refer back to `Simulator` for typing.
        from .app import build_app

        self.app: ASGIApp = build_app(self)

    def _build_state(self) -> None:
        self.identity = IdentityProvider(
            self.clock, self.config.access_token_ttl, self.config.refresh_token_ttl
        )
        self.allocation_book = AllocationBook(self.config, self.clock, self.catalog)
        self.idempotency = IdempotencyStore()
        self.rate_limiter = RateLimiter(self.config.rate_limit_per_minute)
        self.requests_log: list[LoggedRequest] = []
        self.events = EventLog()
        # area: billing
        # area: storage
        # area: apps
        # area: events
        # area: iam
        # area: webhooks-admin

    @property
    def allocations(self) -> dict[str, Allocation]:
        """Every allocation by id (a live view; statuses read the clock)."""
        return self.allocation_book.allocations

    def balance_minor(self, tenant_id: str = "tnt-acme") -> int:
        """The tenant's balance now, after what its allocations have accrued."""
        return self.allocation_book.balance_minor(tenant_id, self.clock.now())

    def expire_access_tokens(self) -> None:
        """Every access token issued so far is expired from now on (refresh still works)."""
        self.identity.expire_access_tokens()

    def reset(self) -> None:
        """Back to the seed state: no tokens, allocations, keys, faults or log; clock restarted."""
        self.clock.reset()
        self.faults.clear()
        self._build_state()
