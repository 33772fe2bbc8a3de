"""`client.allocations`: GPUs on demand, their connection details, terminal and waiters."""

from __future__ import annotations

import os
import time
from collections.abc import Collection, Sequence
from enum import Enum
from typing import TYPE_CHECKING, Unpack

from gpuaas_api.models import Allocation, Connection, TerminalToken

from ..._core._async.pager import AsyncPager
from ..._core.call import RequestOptions, WaitOptions
from ..._core.concurrency import async_sleep
from ..._streams._async.connect import connect
from ..._streams.connect import ConnectMode
from ..._streams.ssh import SshProbe, async_read_banner, ssh_command_line
from ..._waiters._async.driver import wait_until
from ..._waiters.specs import ALLOCATION
from ..._waiters.waiter import WaitProgressCallback
from .._lazy import RawResponses
from ..allocations import _connection, _create, _get, _list, _release, _terminal_token
from ._base import AsyncAPIResource

if TYPE_CHECKING:
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
        sku: str,
        gpus_total: int,
        region_code: str | None = None,
        project_id: str | None = None,
        ssh_key_ids: Collection[str] | None = None,
        idempotency_key: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> Allocation:
        """Allocate GPUs; retried safely (an idempotency key is made up when none is given)."""
        return await self._run(
            _create(sku, gpus_total, region_code, project_id, ssh_key_ids, idempotency_key), options
        )

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
