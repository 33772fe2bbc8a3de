"""`client.fleets`: fleets launched by `allocations.create_fleet`, their state and their end."""

from __future__ import annotations

from collections.abc import Collection
from enum import Enum
from typing import TYPE_CHECKING, Unpack

from gpuaas_api.models import Fleet

from ..._core._async.pager import AsyncPager
from ..._core.call import RequestOptions, WaitOptions
from ..._waiters._async.driver import wait_until
from ..._waiters.specs import FLEET
from ..._waiters.waiter import WaitProgressCallback
from .._lazy import RawResponses
from ..fleets import _get, _list, _release
from ._base import AsyncAPIResource

if TYPE_CHECKING:
    from .._raw import AsyncFleetsResourceWithRawResponse


class AsyncFleetsResource(AsyncAPIResource):
    with_raw_response: RawResponses[AsyncFleetsResourceWithRawResponse] = RawResponses()
    """Each method, returning its HTTP answer beside its result (`RawResponse`)."""

    async def get(self, fleet_id: str, **options: Unpack[RequestOptions]) -> Fleet:
        """The fleet as it is now (its members are `allocation_ids`); `FleetNotFound`."""
        return await self._run(_get(fleet_id), options)

    def list(
        self, *, page_size: int | None = None, **options: Unpack[RequestOptions]
    ) -> AsyncPager[Fleet]:
        """The tenant's fleets, newest first, fetched lazily."""
        return AsyncPager(lambda c: self._run(_list(c, page_size), options))

    async def release(
        self,
        fleet_id: str,
        *,
        idempotency_key: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> Fleet:
        """Release every member; the fleet goes `releasing`, then `released`. Retried safely.

        A fleet that failed (its members were released already) or was released is
        returned unchanged.
        """
        return await self._run(_release(fleet_id, idempotency_key), options)

    async def wait_for(
        self,
        fleet_id: str,
        *,
        states: Collection[str | Enum] = ("active",),
        timeout: float = 600.0,
        use_events: bool = True,
        progress: WaitProgressCallback | None = None,
        **options: Unpack[WaitOptions],
    ) -> Fleet:
        """Wait until the fleet reaches one of `states`; return it (from a GET).

        Follows `fleet.status_changed` on the event stream (`use_events=False`: poll
        only, honouring the server's poll hint). A fleet that `failed` (fewer than
        `min_count` members came up: all were released, nothing billed) raises
        `ResourceFailedError` with its `failure_reason`, unless waited for;
        `WaitTimeoutError` at `timeout`, carrying the last state seen.
        """
        return await wait_until(
            self._raw,
            FLEET,
            fleet_id,
            states=states,
            timeout=timeout,
            use_events=use_events,
            progress=progress,
            options=options,
        )
