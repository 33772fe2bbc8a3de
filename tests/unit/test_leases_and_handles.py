"""The lease keeper's decisions (renew, retry, give up, stop) and the rules handles and
listings share, without a network: the renewal is a function the test controls."""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from gpuaas_api.models import AllocationStatus

from gpuaas_sdk.errors import (
    AllocationNotActive,
    APIConnectionError,
    ArgumentError,
    LeaseExpired,
    LeaseLostError,
)
from gpuaas_sdk.resources._async._lease import AsyncLeaseKeeper
from gpuaas_sdk.resources._handles import Deadline, succeeded
from gpuaas_sdk.resources._sync._lease import LeaseKeeper
from gpuaas_sdk.resources.allocations import _label_selectors, _older_than, _states, orphan_of

from .conftest import allocation_json


def eventually(condition: Callable[[], bool], what: str, limit: float = 20.0) -> None:
    until = time.monotonic() + limit
    while not condition():
        assert time.monotonic() < until, f"never happened: {what}"
        time.sleep(0.005)


class Renewals:
    """A renewal that succeeds, or raises what the test says, and counts its calls."""

    def __init__(self, error: Exception | None = None) -> None:
        self.calls = 0
        self.error = error
        self.lock = threading.Lock()

    def __call__(self) -> object:
        with self.lock:
            self.calls += 1
        if self.error is not None:
            raise self.error
        return None

    async def async_call(self) -> object:
        return self()


def test_a_keeper_renews_every_third_of_the_lease_until_stopped() -> None:
    renew = Renewals()
    keeper = LeaseKeeper("alloc-1", 0.3, renew)

    eventually(lambda: renew.calls >= 3, "three renewals")
    keeper.stop()
    stopped_at = renew.calls
    time.sleep(0.3)

    assert renew.calls <= stopped_at + 1  # at most one in flight when it was stopped
    assert keeper.renewals >= 3 and not keeper.running and keeper.lost is None


def test_failures_are_retried_until_the_lease_runs_out(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="gpuaas_sdk")
    renew = Renewals(APIConnectionError("down", code="connection_error"))
    keeper = LeaseKeeper("alloc-1", 1.0, renew)

    eventually(lambda: not keeper.running, "the keeper gives up")

    assert isinstance(keeper.lost, LeaseLostError)
    assert keeper.lost.allocation_id == "alloc-1" and keeper.lost.cause is renew.error
    assert "renewing it failed for 1s" in str(keeper.lost)
    assert renew.calls >= 2  # it tried again before giving up
    assert [r.levelname for r in caplog.records if "alloc-1" in r.getMessage()][-1] == "WARNING"


def test_the_platform_saying_it_lapsed_is_final_at_once() -> None:
    renew = Renewals(LeaseExpired("lapsed", code="lease_expired", status_code=409))
    keeper = LeaseKeeper("alloc-1", 0.3, renew)

    eventually(lambda: not keeper.running, "the keeper gives up")

    assert renew.calls == 1 and isinstance(keeper.lost, LeaseLostError)
    assert "the platform let it lapse" in str(keeper.lost)


def test_an_allocation_released_by_someone_ends_the_renewals_quietly() -> None:
    renew = Renewals(AllocationNotActive("released", code="allocation_not_active"))
    keeper = LeaseKeeper("alloc-1", 0.3, renew)

    eventually(lambda: not keeper.running, "the renewals end")

    assert renew.calls == 1 and keeper.lost is None


def test_the_async_keeper_renews_in_a_task() -> None:
    async def main() -> tuple[int, bool]:
        renew = Renewals()
        keeper = AsyncLeaseKeeper("alloc-1", 0.3, renew.async_call)
        for _ in range(4000):
            if renew.calls >= 3:
                break
            await asyncio.sleep(0.005)
        await keeper.stop()
        return renew.calls, keeper.running

    calls, running = asyncio.run(main())
    assert calls >= 3 and not running


# -- listings, orphans, deadlines ----------------------------------------------------------


def test_states_take_one_or_several_and_refuse_unknown_ones() -> None:
    assert _states(None) is None
    assert _states("active") == [AllocationStatus.ACTIVE]
    assert _states(["pending", AllocationStatus.ACTIVE, "pending"]) == [
        AllocationStatus.PENDING,
        AllocationStatus.ACTIVE,
    ]
    with pytest.raises(ArgumentError, match="sleeping"):
        _states(["pending", "sleeping"])
    with pytest.raises(ArgumentError, match="at least one"):
        _states([])


def test_labels_become_selectors() -> None:
    assert _label_selectors({"run": "n42", "team": "ml"}) == ["run=n42", "team=ml"]
    assert _label_selectors(None) is None
    with pytest.raises(ArgumentError):
        _label_selectors({})


def test_an_orphan_is_a_lapsed_lease_or_too_old() -> None:
    from gpuaas_api.models import Allocation

    created = datetime(2026, 4, 1, 12, 0, tzinfo=UTC)
    leased = Allocation.from_dict(
        {**allocation_json(), "lease_seconds": 60, "lease_expires_at": "2026-04-01T12:01:00Z"}
    )
    plain = Allocation.from_dict(allocation_json())

    assert orphan_of(leased, created + timedelta(seconds=59), None) is None
    lapsed = orphan_of(leased, created + timedelta(seconds=60), None)
    assert lapsed is not None and lapsed.reason == "lease_lapsed"
    assert lapsed.cost_per_hour_minor == 349 and lapsed.currency == "USD"
    assert orphan_of(plain, created + timedelta(hours=2), _older_than(3600)) is not None
    assert orphan_of(plain, created + timedelta(minutes=59), _older_than(3600)) is None
    with pytest.raises(ArgumentError):
        _older_than(-1)


def test_deadlines_and_outcomes() -> None:
    assert Deadline(None).remaining() is None and not Deadline(None).passed
    remaining = Deadline(5).remaining()
    assert remaining is not None and 4 < remaining <= 5
    with pytest.raises(ArgumentError, match="None for no deadline"):
        Deadline(0)
    assert [succeeded(s) for s in ("active", "released", "failed")] == [None, True, False]


def test_a_faked_create_is_a_handle_that_renews_nothing(mock_client) -> None:  # type: ignore[no-untyped-def]
    mock_client.allocations.fake_create("alloc-1", status="active")
    mock_client.allocations.fake_get("alloc-1", status="releasing")

    alloc = mock_client.allocations.create(sku="h200-sxm-slice", gpus_total=1)

    assert (alloc.id, alloc.status, alloc.renewing_lease) == ("alloc-1", "active", False)
    assert alloc.refresh().status == "releasing"
