"""`client.allocations`: GPUs on demand as handles, their leases, logs, connection details,
terminal, waiters and cleanup."""

from __future__ import annotations

import builtins
import contextlib
import math
import os
import time
import uuid
from collections.abc import AsyncIterator, Collection, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from enum import Enum
from typing import TYPE_CHECKING, Unpack

from gpuaas_api.exceptions import AllocationNotFound, SKUUnavailable
from gpuaas_api.models import Allocation, AllocationLogLine, Connection, Fleet, TerminalToken

from ..._core._async.pager import AsyncPager
from ..._core.call import RequestOptions, WaitOptions, arun
from ..._core.concurrency import async_offload, async_run_parallel, async_sleep
from ..._core.headers import server_time
from ..._streams.connect import ConnectMode
from ..._waiters.waiter import WaitProgressCallback
from ...errors import ArgumentError, ResourceFailedError, SDKError
from .._lazy import RawResponses
from .._selection import Placement
from .._since import FROM_THE_START, instant
from ..allocations import (
    LIVE_STATES,
    SESSION_LEASE_SECONDS,
    Orphan,
    SessionOptions,
    Terms,
    _connection,
    _create,
    _create_fleet,
    _get,
    _list,
    _logs,
    _older_than,
    _placed,
    _release,
    _renew,
    _terminal_token,
    orphan_of,
)
from ..fleets import _release as _release_fleet
from ._base import AsyncAPIResource
from .handles import AsyncAllocationHandle

if TYPE_CHECKING:
    from gpuaas_api.client import Client as GeneratedClient

    from ..._transfers.push import PushResult
    from .._raw import AsyncAllocationsResourceWithRawResponse
    from ._lease import AsyncLeaseKeeper
    from .apps import AsyncAppInstancesResource
    from .sessions import AsyncAllocationSession

if TYPE_CHECKING:  # httpx-ws loads with the first terminal, not with the client
    from ..._streams._async.terminal import AsyncTerminal

RELEASE_CONCURRENCY = 8
"""Releases `release_all` sends at once."""


class AsyncAllocationsResource(AsyncAPIResource):
    with_raw_response: RawResponses[AsyncAllocationsResourceWithRawResponse] = RawResponses()
    """Each method, returning its HTTP answer beside its result (`RawResponse`)."""

    def __init__(self, raw: GeneratedClient) -> None:
        super().__init__(raw)
        self._created: dict[str, AsyncLeaseKeeper | None] = {}
        """The allocations this client created, with the keeper of each one's lease."""

    def list(
        self,
        *,
        status: str | Enum | Collection[str | Enum] | None = None,
        labels: Mapping[str, str] | None = None,
        created_by: str | None = None,
        page_size: int | None = None,
        **options: Unpack[RequestOptions],
    ) -> AsyncPager[Allocation]:
        """Every allocation of the caller's tenant, newest first, fetched lazily.

        `status`: one state or several (`["pending", "active"]`); `labels`: only those
        carrying every one of these labels (`{"run": "nightly-42"}`); `created_by`: only
        those this principal created (`client.auth.whoami().principal_id`: your own,
        from any process or machine).
        """
        return AsyncPager(
            lambda c: self._run(_list(c, status, labels, page_size, created_by), options)
        )

    async def get(
        self, allocation_id: str, **options: Unpack[RequestOptions]
    ) -> AsyncAllocationHandle:
        """The allocation as it is now, as a handle; `AllocationNotFound` for an unknown id."""
        model = await self._run(_get(allocation_id), options)
        return AsyncAllocationHandle.of(model, self, self._created.get(allocation_id))

    async def create(
        self,
        *,
        sku: str | None = None,
        gpus_total: int | None = None,
        region_code: str | None = None,
        project_id: str | None = None,
        ssh_key_ids: Collection[str] | None = None,
        labels: Mapping[str, str] | None = None,
        lease_seconds: int | None = None,
        max_runtime_seconds: int | None = None,
        idempotency_key: str | None = None,
        # -- capacity and money: shorthand, quotes, price caps, holds, reservations --
        gpu: str | None = None,
        quote_id: str | None = None,
        max_price_per_gpu_hour_minor: int | None = None,
        hold_id: str | None = None,
        reservation_id: str | None = None,
        volumes: Mapping[str, str] | None = None,
        **options: Unpack[RequestOptions],
    ) -> AsyncAllocationHandle:
        """Allocate GPUs; a handle to wait for, use and release them. Retried safely.

        An idempotency key is made up when none is given. Say what with `sku=` and
        `gpus_total=`, or with GPU shorthand: `gpu="h200:8"` (eight GPUs of the cheapest
        matching SKU with free capacity), `gpu="gpu:40gb"`.

        `labels`: your own tags, to find what a script made (`list(labels=...)`,
        `release_all(labels=...)`). `lease_seconds`: the platform releases the
        allocation unless its lease is renewed in time; the handle renews it in the
        background while this process lives (a killed process leaks it for the lease at
        most). `max_runtime_seconds`: released once it has been active that long.

        Money: `quote_id` charges a quote's price (`catalog.quote`) for the allocation's
        whole life, or refuses with `QuoteExpired` / `QuoteMismatch`;
        `max_price_per_gpu_hour_minor` refuses (`PriceCapExceeded`) rather than pay more.
        Spend limits (a service account's cap, the project's budget, a spend grant)
        count the allocation's cost up to `lease_seconds` or `max_runtime_seconds` (the
        shorter; one hour without either) as committed, and refuse with
        `BudgetExceeded` (whose `headroom_minor` and `largest_gpus_total` say what fits);
        each lease renewal commits the next lease period the same way.

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
            labels=labels,
        )
        call = _create(
            sku, gpus_total, region_code or chosen, project_id, ssh_key_ids, idempotency_key, terms
        )
        model = await self._run(call, options)
        keeper = self._created.get(model.id)  # an idempotent replay keeps its keeper
        if keeper is None and model.lease_seconds is not None:
            keeper = self._keep_lease(model.id, model.lease_seconds)
        self._created[model.id] = keeper
        return AsyncAllocationHandle.of(model, self, keeper)

    def session(
        self,
        *,
        sku: str | None = None,
        gpus_total: int | None = None,
        ssh: bool = True,
        timeout: float | None = 600.0,
        idempotency_key: str | None = None,
        **create: Unpack[SessionOptions],
    ) -> AsyncAllocationSession:
        """An allocation for the length of a block, which cannot leak: a context manager.

        Entering creates it (with `create`'s other arguments), waits until it is ready
        (`wait_until_ready(ssh=ssh, timeout=timeout)`) and gives its handle; leaving the
        block releases it, on an exception, a cancellation or Ctrl-C too (even one that
        lands while the create request is in flight). It holds a lease of
        `SESSION_LEASE_SECONDS` (300) unless `lease_seconds` says otherwise, renewed while
        the process lives: a killed process leaks it for the lease at most.
        """
        create.setdefault("lease_seconds", SESSION_LEASE_SECONDS)
        wait_options: WaitOptions = {}
        if "extra_headers" in create:
            wait_options["extra_headers"] = create["extra_headers"]
        if "extra_query" in create:
            wait_options["extra_query"] = create["extra_query"]

        async def create_under(idempotency_key: str) -> AsyncAllocationHandle:
            return await self.create(
                sku=sku, gpus_total=gpus_total, idempotency_key=idempotency_key, **create
            )

        from .sessions import AsyncAllocationSession  # with the first session

        return AsyncAllocationSession(
            create_under,
            idempotency_key=idempotency_key,
            ssh=ssh,
            timeout=timeout,
            wait_options=wait_options,
        )

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
        """Give the GPUs back; billing stops once it leaves `active`. Retried safely.

        Ends this client's renewals of its lease, if it holds one.
        """
        keeper = self._created.get(allocation_id)
        if keeper is not None:
            await keeper.stop()
        return await self._run(_release(allocation_id, idempotency_key), options)

    async def release_all(
        self,
        *,
        created_by_this_client: bool = False,
        labels: Mapping[str, str] | None = None,
        created_by: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> builtins.list[Allocation]:
        """Release every live allocation the selectors pick; at least one is needed.

        `created_by_this_client`: those this client created; `labels`: those carrying
        every one of these labels; `created_by`: those this principal created
        (`client.auth.whoami().principal_id`: everything you made, from any process,
        as `gpuaas allocations release --all-mine` does). Live means pending,
        provisioning or active. With several selectors, an allocation must match each.
        Returns what was released (their answers, in listing order). Every release is
        tried; if some fail, the first error is raised after the rest were sent, with a
        note saying how many failed.
        """
        if not created_by_this_client and labels is None and created_by is None:
            raise ArgumentError(
                "release_all needs created_by_this_client=True, labels={...} and/or"
                " created_by=principal_id: it does not release every allocation of the tenant"
            )
        live = [
            a
            async for a in self.list(
                status=LIVE_STATES, labels=labels, created_by=created_by, **options
            )
        ]
        if created_by_this_client:
            live = [a for a in live if a.id in self._created]

        async def release(allocation: Allocation) -> Allocation | SDKError | None:
            try:
                return await self.release(allocation.id, **options)
            except AllocationNotFound:
                return None  # gone meanwhile
            except SDKError as exc:
                return exc

        answers: dict[str, Allocation] = {}
        failures: builtins.list[SDKError] = []
        async for outcome in async_run_parallel(release, live, RELEASE_CONCURRENCY):
            if isinstance(outcome, SDKError):
                failures.append(outcome)
            elif outcome is not None:
                answers[outcome.id] = outcome
        if failures:
            failures[0].add_note(f"{len(failures)} of {len(live)} releases failed")
            raise failures[0]
        return [answers[a.id] for a in live if a.id in answers]

    async def orphans(
        self, *, older_than: float | timedelta | None = None, **options: Unpack[RequestOptions]
    ) -> builtins.list[Orphan]:
        """Live allocations nobody seems to look after, with their cost per hour.

        Listed: those whose lease ran out without a renewal (the process holding it is
        gone; the platform releases them once its grace period ends), and, with
        `older_than` (seconds or a timedelta), those that have existed longer than that.
        Ages are measured on the platform's clock (the `Date` of its answers).
        """
        age = _older_than(older_than)
        found: builtins.list[Orphan] = []
        cursor: str | None = None
        while True:
            answer = await arun(self._raw, _list(cursor, LIVE_STATES, None, None), options)
            page = answer.parse()
            now = server_time(answer.headers) or datetime.now(UTC)
            found += [o for a in page.items if (o := orphan_of(a, now, age)) is not None]
            cursor = page.next_cursor
            if cursor is None:
                return found

    async def renew_lease(
        self, allocation_id: str, **options: Unpack[RequestOptions]
    ) -> Allocation:
        """Renew the lease now: it runs `lease_seconds` from now (`LeaseExpired` too late)."""
        return await self._run(_renew(allocation_id), options)

    def logs(
        self,
        allocation_id: str,
        *,
        follow: bool = False,
        tail: int | None = None,
        since: datetime | str | None = None,
        **options: Unpack[RequestOptions],
    ) -> AsyncIterator[AllocationLogLine]:
        """The allocation's boot and provisioning log, oldest line first.

        `tail`: only the last `tail` lines; `since`: only lines written since then.
        `follow=True`: then go on with new lines as they are written (resuming by
        itself after a dropped connection) until the allocation is released or failed.
        """
        return self._log_lines(allocation_id, follow, tail, instant(since), options)

    async def _log_lines(
        self,
        allocation_id: str,
        follow: bool,
        tail: int | None,
        since: datetime | None,
        options: RequestOptions,
    ) -> AsyncIterator[AllocationLogLine]:
        last = None
        if not follow or tail is not None or since is not None:
            pager = AsyncPager(
                lambda c: self._run(_logs(allocation_id, c, since, tail, None), options)
            )
            async for line in pager:
                last = line.id
                yield line
            if not follow:
                return
        from ..._streams._async.events import aiter_allocation_logs  # with the first stream

        live = aiter_allocation_logs(
            self._raw.get_async_httpx_client(),
            allocation_id,
            last_event_id=last or FROM_THE_START,
            request_options=options,
        )
        async for event in live:
            if isinstance(event, AllocationLogLine) and (
                since is None or event.occurred_at >= since
            ):
                yield event

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

    async def connect(
        self,
        allocation_id: str,
        *,
        mode: ConnectMode = "terminal",
        identity_file: str | os.PathLike[str] | None = None,
        ssh_args: Sequence[str] = (),
        replace_process: bool = False,
        open_browser: bool = True,
        **options: Unpack[RequestOptions],
    ) -> int | None:
        """Put a person at a shell on the active allocation: in the browser, or over SSH.

        `mode="terminal"` mints a terminal token and opens its `page_url`, the platform's
        browser terminal page, with `webbrowser`; where no browser opens (or with
        `open_browser=False`) the link is printed on stderr instead, to open elsewhere
        within `expires_in` seconds (it works once). Returns None.

        `mode="ssh"` runs the system's `ssh -p PORT [-i identity_file] [ssh_args...]
        USER@HOST` on this terminal and returns its exit status once it ends; with
        `replace_process=True` the Python process becomes ssh instead (`os.execv`, as a
        command-line tool would) and the call never returns. No `ssh` on PATH raises
        `ConfigurationError` before anything is sent. Either mode raises
        `AllocationNotActive` while the allocation is not active.
        """
        from ..._streams._async.connect import connect as connect_to  # ssh, asyncio: on use

        return await connect_to(
            self,
            allocation_id,
            mode=mode,
            identity_file=identity_file,
            ssh_args=ssh_args,
            replace_process=replace_process,
            open_browser=open_browser,
            options=options,
        )

    async def wait_for(
        self,
        allocation_id: str,
        *,
        states: Collection[str | Enum] = ("active",),
        timeout: float | None = 600.0,
        use_events: bool = True,
        progress: WaitProgressCallback | None = None,
        **options: Unpack[WaitOptions],
    ) -> Allocation:
        """Wait until the allocation reaches one of `states`; return it (from a GET).

        Follows `allocation.status_changed` on the event stream when the server has
        it (`use_events=False`: poll only), else polls, honouring the server's poll
        hint (see `_waiters/waiter.py`). Raises `ResourceFailedError` if it fails (or is
        released) first, and `WaitTimeoutError` (also a `TimeoutError`), carrying the
        last state seen, at the deadline; `timeout=None` waits without one. Throttled
        polls do not end the wait.

        `progress`: called with a `WaitProgress` after every look (the state, whether
        it changed, the time waited, the next check); each state change is also
        logged at INFO on the `gpuaas_sdk` logger.
        """
        from ..._waiters._async.driver import wait_until  # the waiters load with a wait
        from ..._waiters.specs import ALLOCATION

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
        from ..._streams.ssh import ssh_command_line

        return ssh_command_line(await self.connection(allocation_id, **options), identity_file)

    async def wait_for_ssh(
        self,
        allocation_id: str,
        *,
        timeout: float | None = 600.0,
        **options: Unpack[WaitOptions],
    ) -> Connection:
        """Wait until the allocation is active *and* its SSH port answers; its connection.

        "Answers" means a TCP connect reads an SSH identification line (`SSH-2.0-...`);
        attempts back off with jitter. One `timeout` covers both phases (None: no
        deadline); past it, `WaitTimeoutError`. A failure on the way raises
        `ResourceFailedError`.
        """
        from ..._streams.ssh import SshProbe, async_read_banner

        deadline = math.inf if timeout is None else time.monotonic() + timeout
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

    def _keep_lease(self, allocation_id: str, lease_seconds: int) -> AsyncLeaseKeeper:
        from ._lease import AsyncLeaseKeeper  # with the first lease

        async def renew() -> Allocation:
            return await self.renew_lease(allocation_id)

        return AsyncLeaseKeeper(allocation_id, lease_seconds, renew)

    def _app_instances(self) -> AsyncAppInstancesResource:
        """The app instances of the same client (for readiness that includes an app)."""
        from .apps import AsyncAppInstancesResource

        return AsyncAppInstancesResource(self._raw)
