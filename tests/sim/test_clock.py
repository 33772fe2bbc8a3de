"""Simulated time: scaled real time plus manual jumps."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from gpuaas_sim import SimClock
from gpuaas_sim.runtime.clock import format_time

START = datetime(2026, 4, 1, 12, 0, tzinfo=UTC)


class FakeMonotonic:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_time_runs_at_the_configured_speed_plus_advances() -> None:
    real = FakeMonotonic()
    clock = SimClock(60, start=START, monotonic=real)

    real.now += 2
    clock.advance(30)

    assert clock.now() == START + timedelta(seconds=150)


def test_speed_zero_freezes_time() -> None:
    real = FakeMonotonic()
    clock = SimClock(0, start=START, monotonic=real)

    real.now += 3600

    assert clock.now() == START


def test_real_clock_is_utc_aware() -> None:
    assert SimClock().now().tzinfo is UTC


def test_time_never_runs_backwards() -> None:
    with pytest.raises(ValueError, match="backwards"):
        SimClock().advance(-1)
    with pytest.raises(ValueError, match="negative"):
        SimClock(-1)


def test_reset_forgets_advances() -> None:
    clock = SimClock(0, start=START)
    clock.advance(10)

    clock.reset()

    assert clock.now() == START


def test_timestamps_are_rfc3339_utc_with_z() -> None:
    assert format_time(START + timedelta(microseconds=123456)) == "2026-04-01T12:00:00.123Z"
