"""`client.allocations`: GPUs on demand, their connection details, terminal and waiters."""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Collection
from enum import Enum
from typing import TYPE_CHECKING

from gpuaas_api.api.allocations import (
    create_allocation,
    get_allocation,
    get_allocation_connection,
    list_allocations,
    mint_terminal_token,
    release_allocation,
)
from gpuaas_api.models import (
    Allocation,
    AllocationCreate,
    AllocationPage,
    AllocationStatus,
    Connection,
    TerminalToken,
)

from .._core.call import Call, unset_if_none
from .._core.pagination import AsyncPager, SyncPager
from .._streams.ssh import SshProbe, aread_banner, read_banner, ssh_command_line
from .._waiters.feed import AsyncEventFeed, EventFeed

if TYPE_CHECKING:  # httpx-ws loads with the first terminal, not with the client
    from .._streams.terminal import AsyncTerminal, Terminal
from .._waiters.waiter import (
    Waiter,
    WaitProgressCallback,
    Watch,
    afetch,
    await_,
    fetch,
    state_names,
    wait,
)
from ._base import AsyncResource, SyncResource


def _failure_states(wanted: frozenset[str]) -> frozenset[str]:
    """States from which the allocation can no longer reach `wanted`."""
    if "released" in wanted:
        return frozenset({"failed"})
    return frozenset({"failed", "releasing", "released"})


def _list(cursor: str | None, status: str | None, limit: int | None) -> Call[AllocationPage]:
    return Call(
        list_allocations,
        {
            "cursor": unset_if_none(cursor),
            "status": unset_if_none(AllocationStatus(status) if status else None),
            "limit": unset_if_none(limit),
        },
        AllocationPage,
    )


def _get(allocation_id: str) -> Call[Allocation]:
    return Call(get_allocation, {"allocation_id": allocation_id}, Allocation)


def _create(
    sku: str,
    gpus_total: int,
    region_code: str | None,
    project_id: str | None,
    ssh_key_ids: Collection[str] | None,
    idempotency_key: str | None,
) -> Call[Allocation]:
    body = AllocationCreate(
        sku=sku,
        gpus_total=gpus_total,
        region_code=unset_if_none(region_code),
        project_id=unset_if_none(project_id),
        ssh_key_ids=unset_if_none(list(ssh_key_ids) if ssh_key_ids is not None else None),
    )
    return Call(
        create_allocation,
        {"body": body, "idempotency_key": unset_if_none(idempotency_key)},
        Allocation,
    )


def _release(allocation_id: str, idempotency_key: str | None) -> Call[Allocation]:
    return Call(
        release_allocation,
        {"allocation_id": allocation_id, "idempotency_key": unset_if_none(idempotency_key)},
        Allocation,
    )


def _connection(allocation_id: str) -> Call[Connection]:
    return Call(get_allocation_connection, {"allocation_id": allocation_id}, Connection)


def _terminal_token(allocation_id: str) -> Call[TerminalToken]:
    return Call(mint_terminal_token, {"allocation_id": allocation_id}, TerminalToken)


_WATCH = Watch("allocation.status_changed", "allocation_id")


def _waiter(
    allocation_id: str,
    states: Collection[str | Enum],
    timeout: float,
    progress: WaitProgressCallback | None,
) -> Waiter:
    wanted = state_names(states, AllocationStatus)
    return Waiter(
        kind="allocation",
        resource_id=allocation_id,
        states=wanted,
        failure_states=_failure_states(wanted),
        timeout=timeout,
        state_of=lambda a: str(a.status),
        reason_of=lambda a: a.failure_reason,
        progress=progress,
    )


class AllocationsResource(SyncResource):
    def list(
        self, *, status: str | None = None, page_size: int | None = None
    ) -> SyncPager[Allocation]:
        """Every allocation of the caller, newest first, fetched lazily."""
        return SyncPager(lambda c: self._run(_list(c, status, page_size)))

    def get(self, allocation_id: str) -> Allocation:
        return self._run(_get(allocation_id))

    def create(
        self,
        *,
        sku: str,
        gpus_total: int,
        region_code: str | None = None,
        project_id: str | None = None,
        ssh_key_ids: Collection[str] | None = None,
        idempotency_key: str | None = None,
    ) -> Allocation:
        """Allocate GPUs; retried safely (an idempotency key is made up when none is given)."""
        return self._run(
            _create(sku, gpus_total, region_code, project_id, ssh_key_ids, idempotency_key)
        )

    def release(self, allocation_id: str, *, idempotency_key: str | None = None) -> Allocation:
        return self._run(_release(allocation_id, idempotency_key))

    def connection(self, allocation_id: str) -> Connection:
        """How to reach an active allocation; `AllocationNotActive` before and after."""
        return self._run(_connection(allocation_id))

    def mint_terminal_token(self, allocation_id: str) -> TerminalToken:
        """A short-lived token and WebSocket URL for the allocation's terminal."""
        return self._run(_terminal_token(allocation_id))

    def open_terminal(self, allocation_id: str, *, cols: int = 80, rows: int = 24) -> Terminal:
        """Mint a terminal token and open the allocation's shell; close it (or `with` it)."""
        from .._streams.terminal import Terminal, terminal_size

        size = terminal_size(cols, rows)
        token = self.mint_terminal_token(allocation_id)
        return Terminal.connect(self._raw.get_httpx_client(), token.ws_url, size)

    def wait_for(
        self,
        allocation_id: str,
        *,
        states: Collection[str | Enum] = ("active",),
        timeout: float = 600.0,
        use_events: bool = True,
        progress: WaitProgressCallback | None = None,
    ) -> Allocation:
        """Wait until the allocation reaches one of `states`; return it (from a GET).

        Follows `allocation.status_changed` on the event stream when the server has
        it (`use_events=False`: poll only), else polls, honouring the server's poll
        hint (see `_waiting`). Raises `ResourceFailedError` if it fails (or is
        released) first, and `WaitTimeoutError`, carrying the last state seen, at
        the deadline. Throttled polls do not end the wait.

        `progress`: called with a `WaitProgress` after every look (the state, whether
        it changed, the time waited, the next check); each state change is also
        logged at INFO on the `gpuaas_sdk` logger.
        """
        waiter = _waiter(allocation_id, states, timeout, progress)
        feed = None
        if use_events:
            http = self._raw.get_httpx_client()
            feed = EventFeed(http, _WATCH.event_type, _WATCH.matcher(allocation_id))
        return wait(waiter, lambda: fetch(self._raw, _get(allocation_id)), feed)

    def ssh_command(
        self, allocation_id: str, *, identity_file: str | os.PathLike[str] | None = None
    ) -> str:
        """The `ssh -p PORT [-i FILE] USER@HOST` line for an active allocation, shell-quoted.

        Raises `AllocationNotActive` while it is not active (wait with `wait_for` first).
        """
        return ssh_command_line(self.connection(allocation_id), identity_file)

    def wait_for_ssh(self, allocation_id: str, *, timeout: float = 600.0) -> Connection:
        """Wait until the allocation is active *and* its SSH port answers; its connection.

        "Answers" means a TCP connect reads an SSH identification line (`SSH-2.0-...`);
        attempts back off with jitter. One `timeout` covers both phases; past it,
        `WaitTimeoutError`. A failure on the way raises `ResourceFailedError`.
        """
        deadline = time.monotonic() + timeout
        self.wait_for(allocation_id, states=("active",), timeout=timeout)
        probe = SshProbe(allocation_id, self.connection(allocation_id), deadline, timeout)
        while True:
            try:
                if probe.answered(read_banner(probe.host, probe.port, probe.attempt_timeout())):
                    return probe.connection
            except OSError as exc:
                probe.failed(exc)
            time.sleep(probe.next_delay())


class AsyncAllocationsResource(AsyncResource):
    def list(
        self, *, status: str | None = None, page_size: int | None = None
    ) -> AsyncPager[Allocation]:
        """Every allocation of the caller, newest first, fetched lazily."""
        return AsyncPager(lambda c: self._run(_list(c, status, page_size)))

    async def get(self, allocation_id: str) -> Allocation:
        return await self._run(_get(allocation_id))

    async def create(
        self,
        *,
        sku: str,
        gpus_total: int,
        region_code: str | None = None,
        project_id: str | None = None,
        ssh_key_ids: Collection[str] | None = None,
        idempotency_key: str | None = None,
    ) -> Allocation:
        """Allocate GPUs; retried safely (an idempotency key is made up when none is given)."""
        return await self._run(
            _create(sku, gpus_total, region_code, project_id, ssh_key_ids, idempotency_key)
        )

    async def release(
        self, allocation_id: str, *, idempotency_key: str | None = None
    ) -> Allocation:
        return await self._run(_release(allocation_id, idempotency_key))

    async def connection(self, allocation_id: str) -> Connection:
        """How to reach an active allocation; `AllocationNotActive` before and after."""
        return await self._run(_connection(allocation_id))

    async def mint_terminal_token(self, allocation_id: str) -> TerminalToken:
        """A short-lived token and WebSocket URL for the allocation's terminal."""
        return await self._run(_terminal_token(allocation_id))

    async def open_terminal(
        self, allocation_id: str, *, cols: int = 80, rows: int = 24
    ) -> AsyncTerminal:
        """Mint a terminal token and open the allocation's shell; close it in the same task."""
        from .._streams.terminal import AsyncTerminal, terminal_size

        size = terminal_size(cols, rows)
        token = await self.mint_terminal_token(allocation_id)
        return await AsyncTerminal.connect(self._raw.get_async_httpx_client(), token.ws_url, size)

    async def wait_for(
        self,
        allocation_id: str,
        *,
        states: Collection[str | Enum] = ("active",),
        timeout: float = 600.0,
        use_events: bool = True,
        progress: WaitProgressCallback | None = None,
    ) -> Allocation:
        """The async twin of `AllocationsResource.wait_for` (events, poll hints, deadline)."""
        waiter = _waiter(allocation_id, states, timeout, progress)
        feed = None
        if use_events:
            http = self._raw.get_async_httpx_client()
            feed = AsyncEventFeed(http, _WATCH.event_type, _WATCH.matcher(allocation_id))
        return await await_(waiter, lambda: afetch(self._raw, _get(allocation_id)), feed)

    async def ssh_command(
        self, allocation_id: str, *, identity_file: str | os.PathLike[str] | None = None
    ) -> str:
        """The `ssh -p PORT [-i FILE] USER@HOST` line; `AllocationNotActive` if not active."""
        return ssh_command_line(await self.connection(allocation_id), identity_file)

    async def wait_for_ssh(self, allocation_id: str, *, timeout: float = 600.0) -> Connection:
        """The async twin of `AllocationsResource.wait_for_ssh`."""
        deadline = time.monotonic() + timeout
        await self.wait_for(allocation_id, states=("active",), timeout=timeout)
        probe = SshProbe(allocation_id, await self.connection(allocation_id), deadline, timeout)
        while True:
            try:
                banner = await aread_banner(probe.host, probe.port, probe.attempt_timeout())
                if probe.answered(banner):
                    return probe.connection
            except (OSError, TimeoutError) as exc:
                probe.failed(exc)
            await asyncio.sleep(probe.next_delay())
