"""`client.catalog`: SKUs, regions, prices that bind, capacity kept aside and capacity watched."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Unpack

from gpuaas_api.models import CapacityHold, CapacityWatch, PriceQuote, Region, Sku

from ..._core._async.pager import AsyncPager
from ..._core.call import RequestOptions, WaitOptions
from ..._waiters._async.driver import wait_until
from ..._waiters.specs import CAPACITY_WATCH
from ..._waiters.waiter import WaitProgressCallback
from ...errors import SDKError
from .._lazy import RawResponses
from .._selection import Placement, cheapest
from ..catalog import (
    _cancel_watch,
    _get_hold,
    _get_quote,
    _get_sku,
    _get_watch,
    _hold,
    _list_holds,
    _list_regions,
    _list_skus,
    _list_watches,
    _narrowing,
    _quote,
    _region,
    _release_hold,
    _requirements,
    _watch,
    _watch_window,
)
from ._base import AsyncAPIResource

if TYPE_CHECKING:
    from .._raw import AsyncCatalogResourceWithRawResponse


class AsyncCatalogResource(AsyncAPIResource):
    with_raw_response: RawResponses[AsyncCatalogResourceWithRawResponse] = RawResponses()
    """Each method, returning its HTTP answer beside its result (`RawResponse`)."""

    def list_skus(
        self,
        *,
        region_code: str | None = None,
        gpu_model: str | None = None,
        min_gpu_memory_gb: int | None = None,
        max_price_per_gpu_hour_minor: int | None = None,
        available_only: bool | None = None,
        page_size: int | None = None,
        **options: Unpack[RequestOptions],
    ) -> AsyncPager[Sku]:
        """Every SKU meeting the filters, fetched lazily."""
        filters = {k: v for k, v in locals().items() if k not in ("self", "page_size", "options")}
        return AsyncPager(lambda c: self._run(_list_skus(c, page_size, filters), options))

    async def find(
        self,
        gpu: str | None = None,
        *,
        gpus: int | None = None,
        min_gpu_memory_gb: int | None = None,
        region_code: str | None = None,
        max_price_per_gpu_hour_minor: int | None = None,
        **options: Unpack[RequestOptions],
    ) -> Placement | None:
        """The cheapest SKU and region with free GPUs for the request, or None.

        `gpu` takes shorthand: `"h200:8"`, `"a100"`, `"gpu:40gb:4"`.
        """
        wanted = _requirements(
            gpu, gpus, min_gpu_memory_gb, region_code, max_price_per_gpu_hour_minor
        )
        return cheapest(
            [sku async for sku in self.list_skus(**_narrowing(wanted), **options)], wanted
        )

    async def get_sku(self, sku_id: str, **options: Unpack[RequestOptions]) -> Sku:
        """One SKU by id (`h200-sxm-slice`): its GPUs, price and availability per region."""
        return await self._run(_get_sku(sku_id), options)

    async def quote(
        self,
        sku: str,
        gpus_total: int,
        hours: float,
        *,
        region_code: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> PriceQuote:
        """What `gpus_total` GPUs of `sku` cost for `hours`, at a price that binds.

        Pass the quote's `id` as `quote_id` to `allocations.create` or
        `allocations.create_fleet` before `valid_until`: the allocation is charged
        `price_per_gpu_hour_minor` for its whole life, whatever the price does meanwhile,
        or refused with `QuoteExpired` / `QuoteMismatch` (another SKU, size or region).
        Without `region_code` the quote is for the first region with room, named in it.
        A quote keeps no GPUs aside: a hold (`hold`) does.
        """
        return await self._run(_quote(sku, gpus_total, hours, region_code), options)

    async def get_quote(self, quote_id: str, **options: Unpack[RequestOptions]) -> PriceQuote:
        """A quote given earlier; `QuoteNotFound` for an unknown id."""
        return await self._run(_get_quote(quote_id), options)

    async def hold(
        self,
        sku: str,
        gpus_total: int,
        region_code: str,
        seconds: int,
        *,
        project_id: str | None = None,
        idempotency_key: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> CapacityHold:
        """Keep `gpus_total` GPUs of `sku` in `region_code` aside for `seconds` (at most 900).

        Nobody else can take them meanwhile, and `allocations.create(..., hold_id=hold.id)`
        (or `create_fleet`) of that SKU and region, within what the hold still keeps,
        always finds them. When the hold expires or is released, what it still keeps goes
        back by itself. A hold costs nothing, but spend limits count one hour of its GPUs
        as committed (`BudgetExceeded` otherwise). Retried safely.
        """
        call = _hold(sku, gpus_total, region_code, seconds, project_id, idempotency_key)
        return await self._run(call, options)

    async def get_hold(self, hold_id: str, **options: Unpack[RequestOptions]) -> CapacityHold:
        """A hold as it is now (`held`, `used`, `released`, `expired`); `HoldNotFound`."""
        return await self._run(_get_hold(hold_id), options)

    def list_holds(
        self, *, page_size: int | None = None, **options: Unpack[RequestOptions]
    ) -> AsyncPager[CapacityHold]:
        """The tenant's holds, newest first, fetched lazily."""
        return AsyncPager(lambda c: self._run(_list_holds(c, page_size), options))

    async def release_hold(self, hold_id: str, **options: Unpack[RequestOptions]) -> CapacityHold:
        """Give back at once what the hold still keeps (allocations drawn from it go on)."""
        return await self._run(_release_hold(hold_id), options)

    async def watch_capacity(
        self,
        sku: str,
        gpus: int,
        *,
        region_code: str | None = None,
        timeout_seconds: int | None = None,
        **options: Unpack[RequestOptions],
    ) -> CapacityWatch:
        """Ask the platform to announce when `gpus` GPUs of `sku` are free in one region.

        The watch turns `available` and a `capacity.available` event goes out (event
        stream and webhooks) the moment they are; past `timeout_seconds` (default an
        hour) it is `expired`. `wait_for_capacity` creates one and waits for it.
        """
        call = _watch(sku, gpus, region_code, timeout_seconds)
        return await self._run(call, options)

    async def get_capacity_watch(
        self, watch_id: str, **options: Unpack[RequestOptions]
    ) -> CapacityWatch:
        """A capacity watch as it is now; `CapacityWatchNotFound` for an unknown id."""
        return await self._run(_get_watch(watch_id), options)

    def list_capacity_watches(
        self, *, page_size: int | None = None, **options: Unpack[RequestOptions]
    ) -> AsyncPager[CapacityWatch]:
        """The tenant's capacity watches, newest first, fetched lazily."""
        return AsyncPager(lambda c: self._run(_list_watches(c, page_size), options))

    async def cancel_capacity_watch(
        self, watch_id: str, **options: Unpack[RequestOptions]
    ) -> CapacityWatch:
        """Stop a watch that has not fired (one that did is returned unchanged)."""
        return await self._run(_cancel_watch(watch_id), options)

    async def wait_for_capacity(
        self,
        sku: str,
        gpus: int,
        *,
        region: str | None = None,
        region_code: str | None = None,
        timeout: float = 600.0,
        progress: WaitProgressCallback | None = None,
        **options: Unpack[WaitOptions],
    ) -> CapacityWatch:
        """Wait until `gpus` GPUs of `sku` are free (in `region`, else in any region).

        Creates a capacity watch and follows the event stream: the platform announces
        the capacity with a `capacity.available` event, so the wait wakes at once, with
        no fixed polling (a GET confirms each announcement; without a stream it polls
        with backoff). Returns the fired watch: `available_region_code` and
        `available_gpus` say where. The GPUs are not kept for you: `hold` them, or create
        at once. `WaitTimeoutError` at `timeout` (the watch is cancelled then).
        `region_code` is the same as `region`.
        """
        where = _region(region, region_code)
        watch = await self.watch_capacity(
            sku, gpus, region_code=where, timeout_seconds=_watch_window(timeout), **options
        )
        if str(watch.status) == "available":
            return watch
        try:
            return await wait_until(
                self._raw,
                CAPACITY_WATCH,
                watch.id,
                states=("available",),
                timeout=timeout,
                use_events=True,
                progress=progress,
                options=options,
            )
        except Exception:
            with contextlib.suppress(SDKError):  # it expires by itself anyway
                await self.cancel_capacity_watch(watch.id, **options)
            raise

    def list_regions(
        self, *, page_size: int | None = None, **options: Unpack[RequestOptions]
    ) -> AsyncPager[Region]:
        """Every region SKUs can be placed in (`us-buffalo-1`), fetched lazily."""
        return AsyncPager(lambda c: self._run(_list_regions(c, page_size), options))
