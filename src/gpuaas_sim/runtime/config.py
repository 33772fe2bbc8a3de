"""Settings of one simulator instance: the knobs tests turn to make time and failures cheap."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlsplit

__all__ = ["SimConfig"]


@dataclass(frozen=True)
class SimConfig:
    """Everything that makes one simulated platform behave differently from another.

    Durations are in simulated seconds (see `SimClock`), except the rate limit,
    which counts requests per minute (or per second) of real time like the platform's gateway.
    """

    access_token_ttl: float = 900
    refresh_token_ttl: float = 30 * 24 * 3600
    clock_speed: float = 1.0
    seed: int = 0
    provisioning_delay: float = 1.0
    activation_delay: float = 2.0
    release_delay: float = 2.0
    ssh_ready_delay: float = 1.0
    """Simulated seconds after `active` until the allocation's SSH port answers."""
    lease_grace_seconds: float = 30.0
    """Simulated seconds past `lease_expires_at` before an unrenewed allocation is released."""
    failing_skus: frozenset[str] = field(default_factory=frozenset)
    rate_limit_per_minute: int = 6000
    rate_limit_per_second: int | None = None
    """When set, the budget is this many requests per second instead (a fleet drill's 100/s)."""
    initial_balance_minor: int = 500_000
    budget_threshold_percent: int = 80
    """`budget.threshold_reached` fires when a service account's spend reaches this % of its cap."""
    # billing
    payment_completion_delay: float | None = 5.0
    """Simulated seconds until the payer completes a payment session; None: never."""
    payment_session_ttl: float = 3600.0
    refund_window_days: int = 30
    refund_processing_delay: float = 2.0
    # storage
    data_dir: Path | None = None
    """Where the state lives (`state.sqlite3`, files' bytes under `storage/`), kept across
    restarts; None: in memory, with files' bytes in a temporary folder. With `database`,
    the folder of files' bytes only, shared by every process of that database."""
    database: str | None = None
    """A `postgresql://` URL: the state lives in that database, and every simulator process
    given the same URL serves the same platform (docs/shared-simulator.md)."""
    sandbox_ttl: float = 3600.0
    """Real seconds a sandbox lives when its creator names no `ttl_seconds`."""
    fault_profile: str | None = None
    """Faults always in force: a named profile (`none`, `flaky`, `slow`) or a JSON/YAML file."""
    storage_quota_bytes: int = 1 << 40
    storage_object_quota: int = 100_000
    # apps
    app_start_delay: float = 1.0  # simulated seconds from `pending` to `starting`
    app_ready_delay: float = 2.0  # from `starting` to `running`
    app_stop_delay: float = 1.0  # from `stopping` to `stopped`
    app_member_join_delay: float = 1.0  # a member's `joining` until `ready`
    app_member_leave_delay: float = 1.0  # a member's `leaving` until it is gone
    failing_apps: frozenset[str] = field(default_factory=frozenset)
    """App slugs whose instances fail while starting, with a reason."""
    # events
    sse_heartbeat_seconds: float = 15.0
    """Real seconds without a write after which an event stream sends `: heartbeat`."""
    sse_retry_ms: int = 3000
    """The `retry:` hint every event stream opens with (milliseconds)."""
    # iam
    max_projects: int = 20
    # webhooks-admin
    webhook_retry_base_delay: float = 60.0  # simulated seconds before the first retry
    webhook_retry_factor: float = 5.0  # each retry waits this much longer than the last
    webhook_retry_max_delay: float = 12 * 3600
    webhook_max_attempts: int = 7  # the first attempt and six retries
    webhook_disable_after: float = 3 * 24 * 3600  # of failing deliveries, then `disabled`
    webhook_timeout: float = 10.0  # real seconds a receiver has to answer
    webhook_poll_interval: float = 0.05  # real seconds between the worker's looks for work
    # control
    control_api: bool = False
    """Serve `/_sim/...` (clock, faults, reset, logs; docs/simulator.md). Never in production."""
    playground: bool = False
    """Serve the playground page at `/_sim/playground` (needs `control_api`)."""

    def __post_init__(self) -> None:
        for name in (
            "provisioning_delay",
            "activation_delay",
            "release_delay",
            "ssh_ready_delay",
            "lease_grace_seconds",
            "clock_speed",
        ):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must not be negative")
        if self.access_token_ttl <= 0 or self.refresh_token_ttl <= 0:
            raise ValueError("token lifetimes must be positive")
        if self.playground and not self.control_api:
            raise ValueError(
                "the playground is part of the control API: set control_api=True as well"
            )
        if self.rate_limit_per_minute < 1:
            raise ValueError("rate_limit_per_minute must be at least 1")
        if self.rate_limit_per_second is not None and self.rate_limit_per_second < 1:
            raise ValueError("rate_limit_per_second must be at least 1 (or None)")
        if not 1 <= self.budget_threshold_percent <= 100:
            raise ValueError("budget_threshold_percent must be between 1 and 100")
        # Accept any iterable of SKU ids (a set, a list) without breaking hashing.
        object.__setattr__(self, "failing_skus", frozenset(self.failing_skus))
        if self.database is not None and urlsplit(self.database).scheme not in _POSTGRES:
            raise ValueError(
                "database must be a postgresql:// URL (the SQLite state needs only data_dir)"
            )
        if self.sandbox_ttl <= 0:
            raise ValueError("sandbox_ttl must be positive")

    def with_data_dir(self, folder: Path | None) -> SimConfig:
        """The same settings with another data folder (a sandbox's, or the database's)."""
        return replace(self, data_dir=folder)

    @property
    def rate_limit(self) -> tuple[int, float]:
        """The rate-limit budget: (requests, window in seconds)."""
        if self.rate_limit_per_second is not None:
            return self.rate_limit_per_second, 1.0
        return self.rate_limit_per_minute, 60.0


_POSTGRES = ("postgresql", "postgres")
