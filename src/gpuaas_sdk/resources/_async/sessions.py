"""`async with client.allocations.session(...) as alloc:` an allocation that cannot leak.

Entering creates the allocation (on a lease, so a killed process leaks it for the
lease at most), waits until it is ready and hands over its handle; leaving releases
it: after the block, an exception, a cancellation or Ctrl-C alike.

Ctrl-C (or a cancellation) can also land while the create request is in flight, when
the platform may have made the allocation without the answer arriving. The session
sends its create under an idempotency key of its own, so it can ask again under the
same key: the platform answers with the allocation it made (or makes one now), which
is then released. An error answer (a 4xx) made nothing, so nothing is asked again.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Awaitable, Callable
from types import TracebackType

from gpuaas_api.exceptions import ClientError

from ..._core.call import WaitOptions
from ...errors import LeaseLostError
from .handles import AsyncAllocationHandle

log = logging.getLogger("gpuaas_sdk")

CreateUnder = Callable[[str], Awaitable[AsyncAllocationHandle]]
"""Creates the session's allocation under the given idempotency key."""


class AsyncAllocationSession:
    """An allocation for the length of a `with` block (`async with`): created, ready, released."""

    def __init__(
        self,
        create: CreateUnder,
        *,
        idempotency_key: str | None,
        ssh: bool,
        timeout: float | None,
        wait_options: WaitOptions,
    ) -> None:
        self._create = create
        self._key = idempotency_key or f"session-{uuid.uuid4().hex}"
        self._ssh = ssh
        self._timeout = timeout
        self._wait_options = wait_options
        self.allocation: AsyncAllocationHandle | None = None
        """The session's allocation, once created."""

    async def __aenter__(self) -> AsyncAllocationHandle:
        try:
            self.allocation = await self._create(self._key)
        except ClientError:
            raise  # the platform said no: nothing was made
        except BaseException:
            await self._release_what_the_key_made()
            raise
        try:
            await self.allocation.wait_until_ready(
                ssh=self._ssh, timeout=self._timeout, **self._wait_options
            )
        except BaseException:
            await self._release(failing=True)
            raise
        return self.allocation

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self._release(failing=exc is not None)

    async def _release(self, *, failing: bool) -> None:
        """Release the allocation; while an error is on its way, never replace it."""
        allocation = self.allocation
        if allocation is None:
            return
        try:
            await allocation.release()
        except LeaseLostError:
            if not failing:
                raise  # the block ran while the allocation was being taken away: say so
        except Exception as exc:
            if not failing:
                raise
            log.warning(
                "allocation %s: releasing it after an error failed (%s); %s",
                allocation.id, exc, _what_happens_now(allocation),
            )  # fmt: skip

    async def _release_what_the_key_made(self) -> None:
        try:
            self.allocation = await self._create(self._key)
        except Exception as exc:
            log.warning(
                "a session's create was interrupted and asking again under its idempotency"
                " key %s failed (%s): an allocation may be left over; see allocations.orphans()",
                self._key, exc,
            )  # fmt: skip
            return
        await self._release(failing=True)


def _what_happens_now(allocation: AsyncAllocationHandle) -> str:
    if allocation.lease_seconds is not None:
        return f"its lease ends it within {allocation.lease_seconds}s plus the platform's grace"
    return "release it yourself (allocations.release_all / orphans)"
