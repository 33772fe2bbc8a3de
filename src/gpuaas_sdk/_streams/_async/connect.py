"""`allocations.connect`: a person onto an allocation, in the browser or over SSH."""

from __future__ import annotations

import os
import webbrowser
from collections.abc import Sequence
from typing import Protocol, Unpack

from gpuaas_api.models import Connection, TerminalToken

from ..._core.call import RequestOptions
from ..._core.concurrency import async_offload
from ..connect import ConnectMode, check_connect, find_ssh, run_ssh, tell_terminal
from ..ssh import ssh_argv

__all__ = ["connect"]


class _Allocations(Protocol):
    async def mint_terminal_token(
        self, allocation_id: str, **options: Unpack[RequestOptions]
    ) -> TerminalToken: ...

    async def connection(
        self, allocation_id: str, **options: Unpack[RequestOptions]
    ) -> Connection: ...


async def connect(
    allocations: _Allocations,
    allocation_id: str,
    *,
    mode: ConnectMode,
    identity_file: str | os.PathLike[str] | None,
    ssh_args: Sequence[str],
    replace_process: bool,
    open_browser: bool,
    options: RequestOptions,
) -> int | None:
    """See `AsyncAllocationsResource.connect`."""
    check_connect(mode, identity_file, ssh_args, replace_process)
    if mode == "terminal":
        token = await allocations.mint_terminal_token(allocation_id, **options)
        opened = open_browser and await async_offload(webbrowser.open, token.page_url)
        tell_terminal(allocation_id, token, opened=opened)
        return None
    program = find_ssh()  # before any request: without ssh there is nothing to connect
    connection = await allocations.connection(allocation_id, **options)
    argv = [program, *ssh_argv(connection, identity_file, ssh_args)[1:]]
    if replace_process:
        return run_ssh(argv, replace_process=True)
    return await async_offload(run_ssh, argv, False)
