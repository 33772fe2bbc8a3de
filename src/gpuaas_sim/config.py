"""Settings of one simulator instance: the knobs tests turn to make time and failures cheap."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["SimConfig"]


@dataclass(frozen=True)
class SimConfig:
    """Everything that makes one simulated platform behave differently from another.

    Durations are in simulated seconds (see `SimClock`), except the rate limit,
    which counts requests per minute of real time like the platform's gateway.
    """

    access_token_ttl: float = 900
    refresh_token_ttl: float = 30 * 24 * 3600
    clock_speed: float = 1.0
    seed: int = 0
    provisioning_delay: float = 1.0
    activation_delay: float = 2.0
    release_delay: float = 2.0
    failing_skus: frozenset[str] = field(default_factory=frozenset)
    rate_limit_per_minute: int = 6000
    initial_balance_minor: int = 500_000
    # area: billing
    # area: storage
    # area: apps
    # area: events
    # area: iam
    # area: webhooks-admin

    def __post_init__(self) -> None:
        for name in ("provisioning_delay", "activation_delay", "release_delay", "clock_speed"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must not be negative")
        if self.access_token_ttl <= 0 or self.refresh_token_ttl <= 0:
            raise ValueError("token lifetimes must be positive")
        if self.rate_limit_per_minute < 1:
            raise ValueError("rate_limit_per_minute must be at least 1")
        # Accept any iterable of SKU ids (a set, a list) without breaking hashing.
        object.__setattr__(self, "failing_skus", frozenset(self.failing_skus))
