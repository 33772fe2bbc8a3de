"""`client.allocations`: GPUs on demand as handles, their leases, logs, connection details,
terminal, waiters and cleanup."""

from __future__ import annotations

import builtins
import math
import os
import time
from collections.abc import AsyncIterator, Collection, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from enum import Enum
from typing import TYPE_CHECKING, Unpack

from gpuaas_api.exceptions import AllocationNotFound
from gpuaas_api.models import Allocation, AllocationLogLine, Connection, TerminalToken

from ..._core._async.pager import AsyncPager
from ..._core.call import RequestOptions, WaitOptions, arun
from ..._core.concurrency import async_run_parallel, async_sleep
from ..._core.headers import server_time
from ..._streams._async.connect import connect
from ..._streams._async.events import aiter_allocation_logs
from ..._streams.connect import ConnectMode
from ..._streams.ssh import SshProbe, async_read_banner, ssh_command_line
from ..._waiters._async.driver import wait_until
from ..._waiters.specs import ALLOCATION
from ..._waiters.waiter import WaitProgressCallback
from ...errors import ArgumentError, SDKError
from .._lazy import RawResponses
from .._since import FROM_THE_START, instant
from ..allocations import (
    LIVE_STATES,
    SESSION_LEASE_SECONDS,
    Orphan,
    SessionOptions,
    _connection,
    _create,
    _get,
    _list,
    _logs,
    _older_than,
    _release,
    _renew,
    _terminal_token,
    orphan_of,
)
from ._base import AsyncAPIResource
from ._lease import AsyncLeaseKeeper
from .handles import AsyncAllocationHandle
from .sessions import AsyncAllocationSession

if TYPE_CHECKING:
    from gpuaas_api.client import Client as GeneratedClient

    from .._raw import AsyncAllocationsResourceWithRawResponse
    from .apps import AsyncAppInstancesResource

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
        page_size: int | None = None,
        **options: Unpack[RequestOptions],
    ) -> AsyncPager[Allocation]:
        """Every allocation of the caller, newest first, fetched lazily.

        `status`: one state or several (`["pending", "active"]`); `labels`: only those
        carrying every one of these labels (`{"run": "nightly-42"}`).
        """
        return AsyncPager(lambda c: self._run(_list(c, status, labels, page_size), options))

    async def get(
        self, allocation_id: str, **options: Unpack[RequestOptions]
    ) -> AsyncAllocationHandle:
        """The allocation as it is now, as a handle; `AllocationNotFound` for an unknown id."""
        model = await self._run(_get(allocation_id), options)
        return AsyncAllocationHandle.of(model, self, self._created.get(allocation_id))

    async def create(
        self,
        *,
        sku: str,
        gpus_total: int,
        region_code: str | None = None,
        project_id: str | None = None,
        ssh_key_ids: Collection[str] | None = None,
        labels: Mapping[str, str] | None = None,
        lease_seconds: int | None = None,
        max_runtime_seconds: int | None = None,
        idempotency_key: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> AsyncAllocationHandle:
        """Allocate GPUs; a handle to wait for, use and release them. Retried safely.

        An idempotency key is made up when none is given. `labels`: your own tags, to
        find what a script made (`list(labels=...)`, `release_all(labels=...)`).
        `lease_seconds`: the platform releases the allocation unless its lease is
        renewed in time; the handle renews it in the background while this process
        lives (a killed process leaks it for the lease at most). `max_runtime_seconds`:
        released once it has been active that long.
        """
        call = _create(
            sku,
            gpus_total,
            region_code,
            project_id,
            ssh_key_ids,
            idempotency_key,
            labels=labels,
            lease_seconds=lease_seconds,
            max_runtime_seconds=max_runtime_seconds,
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
        sku: str,
        gpus_total: int,
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

        return AsyncAllocationSession(
            create_under,
            idempotency_key=idempotency_key,
            ssh=ssh,
            timeout=timeout,
            wait_options=wait_options,
        )

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
        **options: Unpack[RequestOptions],
    ) -> builtins.list[Allocation]:
        """Release every live allocation this client created and/or carrying `labels`.

        Live means pending, provisioning or active. With both selectors, an allocation
        must match both. Returns what was released (their answers, in listing order).
        Every release is tried; if some fail, the first error is raised after the rest
        were sent, with a note saying how many failed.
        """
        if not created_by_this_client and labels is None:
            raise ArgumentError(
                "release_all needs created_by_this_client=True and/or labels={...}:"
                " it does not release every allocation of the tenant"
            )
        live = [a async for a in self.list(status=LIVE_STATES, labels=labels, **options)]
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
        return await connect(
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
        async def renew() -> Allocation:
            return await self.renew_lease(allocation_id)

        return AsyncLeaseKeeper(allocation_id, lease_seconds, renew)

    def _app_instances(self) -> AsyncAppInstancesResource:
        """The app instances of the same client (for readiness that includes an app)."""
        from .apps import AsyncAppInstancesResource

        return AsyncAppInstancesResource(self._raw)
