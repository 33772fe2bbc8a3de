"""Keeping an allocation's lease: renewals in the background while the process lives.

The platform releases an allocation whose lease is not renewed in time, so a
program that dies (a crash, `kill -9`, a lost machine) leaks its allocations for a
lease at most. A live program's handle renews every third of the lease, jittered
so that many handles do not renew in step: a daemon thread for the sync client, a
task for the async one (both stop with the process, which is the point).

A renewal that fails is tried again sooner; once the lease has run out without a
successful renewal (or the platform says it has: `LeaseExpired`), the keeper
stops, logs a warning and keeps a `LeaseLostError` for the handle to raise on its
next call. An allocation released by someone (or failed) just ends the renewals.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Awaitable, Callable

from gpuaas_api.exceptions import AllocationNotActive, AllocationNotFound, LeaseExpired

from ..._core.concurrency import AsyncBackground, AsyncFlag
from ...errors import ClientClosedError, LeaseLostError

log = logging.getLogger("gpuaas_sdk")

RENEWALS_PER_LEASE = 3
MIN_RETRY_DELAY = 0.05


class AsyncLeaseKeeper:
    """Renews one allocation's lease until stopped, the lease is lost, or it ends."""

    def __init__(
        self, allocation_id: str, lease_seconds: float, renew: Callable[[], Awaitable[object]]
    ) -> None:
        self.allocation_id = allocation_id
        self.lease_seconds = lease_seconds
        self.renewals = 0
        self.lost: LeaseLostError | None = None
        """Set once the lease ran out without a renewal; the handle raises it."""
        self._renew = renew
        self._renewed_at = time.monotonic()
        self._stopped = AsyncFlag()
        self._work = AsyncBackground(self._run, name=f"gpuaas-lease-{allocation_id}")

    async def stop(self) -> None:
        """No more renewals (the allocation is released, or its holder lets go)."""
        self._stopped.set()
        await self._work.stop()

    @property
    def running(self) -> bool:
        return not self._stopped.is_set()

    async def _run(self) -> None:
        delay = self._cadence()
        while not await self._stopped.wait(delay):
            try:
                await self._renew()
            except (AllocationNotActive, AllocationNotFound) as exc:
                log.info("allocation %s: lease renewals end (%s)", self.allocation_id, exc.message)
                break
            except ClientClosedError:
                log.debug("allocation %s: lease renewals end with the client", self.allocation_id)
                break
            except Exception as exc:  # any failure: retried until the lease runs out
                next_delay = self._failed(exc)
                if next_delay is None:
                    break
                delay = next_delay
            else:
                self.renewals += 1
                self._renewed_at = time.monotonic()
                delay = self._cadence()
        self._stopped.set()

    def _cadence(self) -> float:
        """Seconds to the next renewal: a third of the lease, less up to a fifth (jitter)."""
        return self.lease_seconds / RENEWALS_PER_LEASE * random.uniform(0.8, 1.0)

    def _failed(self, error: Exception) -> float | None:
        """Seconds until the next try, or None once the lease is lost (kept in `lost`)."""
        left = self.lease_seconds - (time.monotonic() - self._renewed_at)
        if isinstance(error, LeaseExpired) or left <= 0:
            why = (
                "the platform let it lapse"
                if isinstance(error, LeaseExpired)
                else f"renewing it failed for {self.lease_seconds:g}s"
            )
            self.lost = LeaseLostError(
                f"the lease of allocation {self.allocation_id} ran out: {why} (last error:"
                f" {error}); the platform releases it. Check the network and the credentials,"
                " and create a new allocation to go on.",
                allocation_id=self.allocation_id,
                cause=error,
            )
            log.warning("allocation %s: %s", self.allocation_id, self.lost.message)
            return None
        log.info(
            "allocation %s: lease renewal failed (%s); %.1fs of the lease left, trying again",
            self.allocation_id, error, left,
        )  # fmt: skip
        return max(MIN_RETRY_DELAY, min(self._cadence() / 2, left / 3) * random.uniform(0.5, 1.0))
