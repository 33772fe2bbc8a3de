"""`client.reservations`: GPUs promised for a time window, billed by the platform's rules."""

from __future__ import annotations

from typing import TYPE_CHECKING, Unpack

from gpuaas_api.models import Reservation, ReservationAvailability

from ..._core._async.pager import AsyncPager
from ..._core.call import RequestOptions
from .._lazy import RawResponses
from ..billing import Instant
from ..reservations import _availability, _cancel, _create, _get, _list
from ._base import AsyncAPIResource

if TYPE_CHECKING:
    from .._raw import AsyncReservationsResourceWithRawResponse


class AsyncReservationsResource(AsyncAPIResource):
    with_raw_response: RawResponses[AsyncReservationsResourceWithRawResponse] = RawResponses()
    """Each method, returning its HTTP answer beside its result (`RawResponse`)."""

    async def availability(
        self,
        sku: str,
        gpus_total: int,
        duration_hours: int,
        *,
        region_code: str | None = None,
        earliest_start: Instant | None = None,
        latest_end: Instant | None = None,
        **options: Unpack[RequestOptions],
    ) -> ReservationAvailability:
        """The windows of `duration_hours` that can be reserved for `gpus_total` GPUs.

        Windows start on the hour between `earliest_start` (now when left out) and
        `latest_end` (a week later); each slot says its region and the fewest GPUs free
        for reservation during it. Instants are aware datetimes or RFC 3339 strings.
        """
        call = _availability(
            sku, gpus_total, duration_hours, region_code, earliest_start, latest_end
        )
        return await self._run(call, options)

    async def create(
        self,
        *,
        sku: str,
        gpus_total: int,
        region_code: str,
        start: Instant,
        duration_hours: int,
        auto_renew: bool = False,
        project_id: str | None = None,
        idempotency_key: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> Reservation:
        """Reserve `gpus_total` GPUs from `start` for `duration_hours`, at today's price.

        Every hour of the window that has begun is billed in full, used or not (spend
        limits count the whole window as committed: `BudgetExceeded`). `auto_renew`
        books the next window of the same length when this one ends, while capacity
        allows. `allocations.create(..., reservation_id=...)` runs inside it during the
        window. A window that cannot be kept is `SKUUnavailable` (see `availability`).
        Retried safely.
        """
        call = _create(
            sku,
            gpus_total,
            region_code,
            start,
            duration_hours,
            auto_renew,
            project_id,
            idempotency_key,
        )
        return await self._run(call, options)

    def list(
        self, *, page_size: int | None = None, **options: Unpack[RequestOptions]
    ) -> AsyncPager[Reservation]:
        """The tenant's reservations, newest first, fetched lazily."""
        return AsyncPager(lambda c: self._run(_list(c, page_size), options))

    async def get(self, reservation_id: str, **options: Unpack[RequestOptions]) -> Reservation:
        """A reservation as it is now; `ReservationNotFound` for an unknown id."""
        return await self._run(_get(reservation_id), options)

    async def cancel(
        self,
        reservation_id: str,
        *,
        idempotency_key: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> Reservation:
        """Cancel it: free before its start; during its window the hour begun is billed.

        Allocations running in it are released. Retried safely.
        """
        return await self._run(_cancel(reservation_id, idempotency_key), options)
