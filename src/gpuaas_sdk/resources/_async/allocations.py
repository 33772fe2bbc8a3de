"""`client.allocations`: GPUs on demand, their connection details, terminal and waiters."""

from __future__ import annotations

import contextlib
import os
import time
import uuid
from collections.abc import Collection, Mapping
from enum import Enum
from typing import TYPE_CHECKING, Unpack

from gpuaas_api.exceptions import SKUUnavailable
from gpuaas_api.models import Allocation, Connection, Fleet, TerminalToken

from ..._core._async.pager import AsyncPager
from ..._core.call import RequestOptions, WaitOptions
from ..._core.concurrency import async_offload, async_sleep
from ..._streams.ssh import SshProbe, async_read_banner, ssh_command_line
from ..._waiters._async.driver import wait_until
from ..._waiters.specs import ALLOCATION
from ..._waiters.waiter import WaitProgressCallback
from ...errors import ArgumentError, ResourceFailedError, SDKError
from .._lazy import RawResponses
from .._selection import Placement
from ..allocations import (
    Terms,
    _connection,
    _create,
    _create_fleet,
    _get,
    _list,
    _placed,
    _release,
    _terminal_token,
)
from ..fleets import _release as _release_fleet
from ._base import AsyncAPIResource

if TYPE_CHECKING:
    from ..._transfers.push import PushResult
    from .._raw import AsyncAllocationsResourceWithRawResponse

if TYPE_CHECKING:  # httpx-ws loads with the first terminal, not with the client
    from ..._streams._async.terminal import AsyncTerminal


class AsyncAllocationsResource(AsyncAPIResource):
    with_raw_response: RawResponses[AsyncAllocationsResourceWithRawResponse] = RawResponses()
    """Each method, returning its HTTP answer beside its result (`RawResponse`)."""

    def list(
        self,
        *,
        status: str | None = None,
        page_size: int | None = None,
        **options: Unpack[RequestOptions],
    ) -> AsyncPager[Allocation]:
        """Every allocation of the caller, newest first, fetched lazily."""
        return AsyncPager(lambda c: self._run(_list(c, status, page_size), options))

    async def get(self, allocation_id: str, **options: Unpack[RequestOptions]) -> Allocation:
        """The allocation as it is now; `AllocationNotFound` for an unknown id."""
        return await self._run(_get(allocation_id), options)

    async def create(
        self,
        *,
        sku: str | None = None,
        gpus_total: int | None = None,
        region_code: str | None = None,
        project_id: str | None = None,
        ssh_key_ids: Collection[str] | None = None,
        idempotency_key: str | None = None,
        # -- capacity and money: shorthand, quotes, price caps, holds, reservations --
        gpu: str | None = None,
        quote_id: str | None = None,
        max_price_per_gpu_hour_minor: int | None = None,
        hold_id: str | None = None,
        reservation_id: str | None = None,
        lease_seconds: int | None = None,
        max_runtime_seconds: int | None = None,
        volumes: Mapping[str, str] | None = None,
        **options: Unpack[RequestOptions],
    ) -> Allocation:
        """Allocate GPUs; retried safely (an idempotency key is made up when none is given).

        Say what with `sku=` and `gpus_total=`, or with GPU shorthand: `gpu="h200:8"`
        (eight GPUs of the cheapest matching SKU with free capacity), `gpu="gpu:40gb"`.

        Money: `quote_id` charges a quote's price (`catalog.quote`) for the allocation's
        whole life, or refuses with `QuoteExpired` / `QuoteMismatch`;
        `max_price_per_gpu_hour_minor` refuses (`PriceCapExceeded`) rather than pay more.
        Spend limits (a service account's cap, the project's budget, a spend grant)
        count the allocation's cost up to `lease_seconds` or `max_runtime_seconds` (the
        shorter; one hour without either) as committed, and refuse with
        `BudgetExceeded` (whose `headroom_minor` and `largest_gpus_total` say what fits).
        `max_runtime_seconds` also ends the allocation then.

        Capacity: `hold_id` draws the GPUs from a hold (`catalog.hold`), where they are
        always found; `reservation_id` runs it inside a reservation's window and GPUs
        (not billed on its own, released when the reservation ends).

        `volumes` attaches block volumes, mount point to volume id:
        `volumes={"/data": vol.id}`.
        """
        placement = await self._shorthand(
            gpu, sku, gpus_total, region_code, max_price_per_gpu_hour_minor, options
        )
        sku, gpus_total, chosen = _placed(sku, gpus_total, placement)
        terms = Terms(
            quote_id=quote_id,
            max_price_per_gpu_hour_minor=max_price_per_gpu_hour_minor,
            hold_id=hold_id,
            reservation_id=reservation_id,
            lease_seconds=lease_seconds,
            max_runtime_seconds=max_runtime_seconds,
            volumes=volumes,
        )
        call = _create(
            sku, gpus_total, region_code or chosen, project_id, ssh_key_ids, idempotency_key, terms
        )
        return await self._run(call, options)

    async def create_fleet(
        self,
        *,
        count: int,
        min_count: int | None = None,
        sku: str | None = None,
        gpus_total: int | None = None,
        gpu: str | None = None,
        region_code: str | None = None,
        project_id: str | None = None,
        ssh_key_ids: Collection[str] | None = None,
        quote_id: str | None = None,
        max_price_per_gpu_hour_minor: int | None = None,
        hold_id: str | None = None,
        lease_seconds: int | None = None,
        max_runtime_seconds: int | None = None,
        idempotency_key: str | None = None,
        wait: bool = True,
        timeout: float = 600.0,
        progress: WaitProgressCallback | None = None,
        **options: Unpack[WaitOptions],
    ) -> Fleet:
        """Launch `count` allocations together, all or nothing; the fleet when it is up.

        Either at least `min_count` members (all `count` when it is left out) become
        active, or the platform releases every member before any becomes active, so
        nothing is billed (`ResourceFailedError`, with the fleet's `failure_reason`).
        One idempotency key (made up when none is given) covers the whole fleet: the
        create is sent again after transient failures until `timeout`, and a retried
        call never makes a second fleet. Each member is `gpus_total` GPUs of `sku` (or
        `gpu="h200:8"` shorthand), priced, capped and admitted against spend limits as
        by `create` (for the whole fleet at once: `BudgetExceeded.largest_count`).

        `wait=False` returns the fleet as created (`provisioning`); `fleets.wait_for`
        waits later. When the wait ends otherwise (`timeout`, an error), the fleet is
        released before the error is raised: nothing is left half-built.
        """
        deadline = time.monotonic() + timeout
        placement = await self._shorthand(
            gpu, sku, gpus_total, region_code, max_price_per_gpu_hour_minor, options
        )
        sku, gpus_total, chosen = _placed(sku, gpus_total, placement)
        terms = Terms(
            quote_id=quote_id,
            max_price_per_gpu_hour_minor=max_price_per_gpu_hour_minor,
            hold_id=hold_id,
            lease_seconds=lease_seconds,
            max_runtime_seconds=max_runtime_seconds,
        )
        key = idempotency_key or str(uuid.uuid4())
        region = region_code or chosen
        call = _create_fleet(
            sku, gpus_total, count, min_count, region, project_id, ssh_key_ids, key, terms
        )
        fleet = await self._run_until(call, options, deadline)
        if not wait:
            return fleet
        from .fleets import AsyncFleetsResource  # loaded with the first fleet

        fleets = AsyncFleetsResource(self._raw)
        try:
            return await fleets.wait_for(
                fleet.id,
                timeout=max(0.001, deadline - time.monotonic()),
                progress=progress,
                **options,
            )
        except ResourceFailedError:
            raise  # the platform released every member already
        except (Exception, KeyboardInterrupt):  # a timeout, an error, Ctrl-C: leave nothing
            with contextlib.suppress(SDKError):
                release = _release_fleet(fleet.id, str(uuid.uuid4()))
                await self._run_until(release, options, time.monotonic() + 60)
            raise

    async def _shorthand(
        self,
        gpu: str | None,
        sku: str | None,
        gpus_total: int | None,
        region_code: str | None,
        max_price: int | None,
        options: RequestOptions | WaitOptions,
    ) -> Placement | None:
        """Where GPU shorthand (`gpu="h200:8"`) fits now: the cheapest SKU with room."""
        if gpu is None:
            return None
        if sku is not None:
            raise ArgumentError("give either sku= or gpu= shorthand, not both")
        from .catalog import AsyncCatalogResource  # loaded with the first shorthand

        catalog = AsyncCatalogResource(self._raw)
        placement = await catalog.find(
            gpu,
            gpus=gpus_total,
            region_code=region_code,
            max_price_per_gpu_hour_minor=max_price,
            **options,
        )
        if placement is None:
            cap = "" if max_price is None else f" at {max_price} minor units per GPU-hour or less"
            raise SKUUnavailable(
                f"no SKU matching {gpu!r} has free GPUs{cap}"
                + (f" in {region_code}" if region_code else ""),
                code="sku_unavailable",
                details={"gpu": gpu, "region_code": region_code},
            )
        return placement

    async def push(
        self,
        allocation_id: str,
        local_dir: str | os.PathLike[str],
        remote_dir: str,
        *,
        via: str = "auto",
        identity_file: str | os.PathLike[str] | None = None,
        overwrite: bool = True,
        **options: Unpack[RequestOptions],
    ) -> PushResult:
        """Copy the files under `local_dir` into `remote_dir` on the allocation.

        `via="storage"` (the default for a `remote_dir` under `/storage`, where every
        allocation mounts the tenant's platform storage): each file is uploaded to the
        same path in storage (`/storage/code/a.py` is the object `/code/a.py`), verified
        by SHA-256, with the client's credentials and retries; no SSH needed.
        `via="ssh"` (the default elsewhere): `rsync` (else `scp`) over the allocation's
        SSH connection, with `identity_file` as the key; the allocation must be active
        (`AllocationNotActive` otherwise) and a failed copy raises `PushError` with the
        tool's own words. Returns what was sent.
        """
        from ..._transfers import push as pushing  # loaded with the first push
        from .storage import AsyncStorageResource

        way = pushing.way_for(via, remote_dir)
        files = pushing.files_of(local_dir)
        size = sum(path.stat().st_size for path, _ in files)
        if way == "ssh":
            connection = await self.connection(allocation_id, **options)
            argv = pushing.ssh_argv(connection, local_dir, remote_dir, identity_file)
            await async_offload(pushing.run_command, argv)
            return pushing.PushResult("ssh", remote_dir, len(files), size)
        await self.get(allocation_id, **options)  # AllocationNotFound before anything is sent
        storage = AsyncStorageResource(self._raw)
        for path, relative in files:
            target = pushing.storage_path(remote_dir, relative)
            await storage.upload(path, target, overwrite=overwrite, **options)
        return pushing.PushResult("storage", remote_dir, len(files), size)

    async def release(
        self,
        allocation_id: str,
        *,
        idempotency_key: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> Allocation:
        """Give the GPUs back; billing stops once it is `released`. Retried safely."""
        return await self._run(_release(allocation_id, idempotency_key), options)

    async def connection(self, allocation_id: str, **options: Unpack[RequestOptions]) -> Connection:
        """How to reach an active allocation; `AllocationNotActive` before and after."""
        return await self._run(_connection(allocation_id), options)

    async def mint_terminal_token(
        self, allocation_id: str, **options: Unpack[RequestOptions]
    ) -> TerminalToken:
        """A short-lived token and WebSocket URL for the allocation's terminal."""
        return await self._run(_terminal_token(allocation_id), options)

    async def open_terminal(
        self,
        allocation_id: str,
        *,
        cols: int = 80,
        rows: int = 24,
        **options: Unpack[RequestOptions],
    ) -> AsyncTerminal:
        """Mint a terminal token and open the allocation's shell; close it (or `with` it).

        An async terminal is closed in the task that opened it.
        """
        from ..._streams._async.terminal import AsyncTerminal
        from ..._streams.terminal import terminal_size

        size = terminal_size(cols, rows)
        token = await self.mint_terminal_token(allocation_id, **options)
        return await AsyncTerminal.connect(self._raw.get_async_httpx_client(), token.ws_url, size)

    async def wait_for(
        self,
        allocation_id: str,
        *,
        states: Collection[str | Enum] = ("active",),
        timeout: float = 600.0,
        use_events: bool = True,
        progress: WaitProgressCallback | None = None,
        **options: Unpack[WaitOptions],
    ) -> Allocation:
        """Wait until the allocation reaches one of `states`; return it (from a GET).

        Follows `allocation.status_changed` on the event stream when the server has
        it (`use_events=False`: poll only), else polls, honouring the server's poll
        hint (see `_waiters/waiter.py`). Raises `ResourceFailedError` if it fails (or is
        released) first, and `WaitTimeoutError`, carrying the last state seen, at
        the deadline. Throttled polls do not end the wait.

        `progress`: called with a `WaitProgress` after every look (the state, whether
        it changed, the time waited, the next check); each state change is also
        logged at INFO on the `gpuaas_sdk` logger.
        """
        return await wait_until(
            self._raw,
            ALLOCATION,
            allocation_id,
            states=states,
            timeout=timeout,
            use_events=use_events,
            progress=progress,
            options=options,
        )

    async def ssh_command(
        self,
        allocation_id: str,
        *,
        identity_file: str | os.PathLike[str] | None = None,
        **options: Unpack[RequestOptions],
    ) -> str:
        """The `ssh -p PORT [-i FILE] USER@HOST` line for an active allocation, shell-quoted.

        Raises `AllocationNotActive` while it is not active (wait with `wait_for` first).
        """
        return ssh_command_line(await self.connection(allocation_id, **options), identity_file)

    async def wait_for_ssh(
        self, allocation_id: str, *, timeout: float = 600.0, **options: Unpack[WaitOptions]
    ) -> Connection:
        """Wait until the allocation is active *and* its SSH port answers; its connection.

        "Answers" means a TCP connect reads an SSH identification line (`SSH-2.0-...`);
        attempts back off with jitter. One `timeout` covers both phases; past it,
        `WaitTimeoutError`. A failure on the way raises `ResourceFailedError`.
        """
        deadline = time.monotonic() + timeout
        await self.wait_for(allocation_id, states=("active",), timeout=timeout, **options)
        probe = SshProbe(
            allocation_id, await self.connection(allocation_id, **options), deadline, timeout
        )
        while True:
            try:
                banner = await async_read_banner(probe.host, probe.port, probe.attempt_timeout())
                if probe.answered(banner):
                    return probe.connection
            except (OSError, TimeoutError) as exc:
                probe.failed(exc)
            await async_sleep(probe.next_delay())
