"""An allocation's shell over WebSocket (httpx-ws)."""

from __future__ import annotations

import queue
from contextlib import AsyncExitStack
from types import TracebackType
from typing import Self

from gpuaas_api.http_stack import httpx
from gpuaas_api.models import TerminalExit

from ..._extras import missing_extra

try:
    from httpx_ws import (
        AsyncWebSocketSession,
        WebSocketDisconnect,
        WebSocketNetworkError,
        aconnect_ws,
    )
    from wsproto.utilities import LocalProtocolError
except ModuleNotFoundError as exc:
    raise missing_extra(
        exc, extra="terminal", needs="an allocation's terminal needs httpx-ws"
    ) from exc

from ..terminal import (
    OutputFrame,
    RunState,
    closing,
    connect_kwargs,
    ended_early,
    http_url,
    lost,
    parse_frame,
    resize_frame,
    stdin_frame,
)

__all__ = ["AsyncTerminal"]


class AsyncTerminal:
    """A shell on an allocation. Use it as a context manager; it closes the connection.

    Open it with `client.allocations.open_terminal(id)`, and close it where it was
    opened (an async one in the same task).
    """

    def __init__(self, stack: AsyncExitStack, session: AsyncWebSocketSession) -> None:
        self._stack = stack
        self._ws = session
        self.exit_code: int | None = None
        """The shell's exit status, once its `exit` frame has been read."""
        self.closed = False
        """Whether the connection was found closed while reading."""

    @classmethod
    async def connect(
        cls, http: httpx.AsyncClient, ws_url: str, size: tuple[int, int]
    ) -> AsyncTerminal:
        """Open the terminal at `ws_url` (from a minted terminal token) with a window size."""
        frame = resize_frame(*size)
        async with AsyncExitStack() as stack:
            session = await stack.enter_async_context(
                aconnect_ws(http_url(ws_url), http, **connect_kwargs())
            )
            terminal = cls(stack.pop_all(), session)
        await terminal._ws.send_text(frame)  # the contract asks for the size right after opening
        return terminal

    async def send(self, text: str) -> None:
        """Type `text` into the shell (end a command with "\\r").

        Once the shell has exited the platform closes the terminal: typing then raises
        `APIConnectionError`, and what the shell wrote before can still be `read`.
        """
        await self._send(stdin_frame(text))

    async def resize(self, cols: int, rows: int) -> None:
        """Tell the shell its window is now `cols` x `rows` characters."""
        await self._send(resize_frame(cols, rows))

    async def _send(self, frame: str) -> None:
        try:
            await self._ws.send_text(frame)
        except LocalProtocolError as exc:  # the platform is closing it: the shell has exited
            raise closing() from exc
        except WebSocketNetworkError as exc:
            raise lost(exc) from exc

    async def read(self, timeout: float | None = 5.0) -> OutputFrame | None:
        """The next output frame; None if none came within `timeout` or the shell has ended."""
        if self.exit_code is not None or self.closed:
            return None
        try:
            frame = parse_frame(await self._ws.receive_text(timeout=timeout))
        except (queue.Empty, TimeoutError):  # how each spelling of httpx-ws says "nothing yet"
            return None
        except WebSocketDisconnect:
            self.closed = True
            return None
        except WebSocketNetworkError as exc:
            self.closed = True
            raise lost(exc) from exc
        if isinstance(frame, TerminalExit):
            self.exit_code = frame.code
        return frame

    async def run(self, command: str, timeout: float = 30.0) -> tuple[str, int]:
        """Run one command line; return its output (stdout and stderr) and exit status.

        `timeout` bounds each wait for output, so a long, chatty command is not cut off.
        """
        state = RunState(command)
        await self.send(state.line + "\r")
        while (frame := await self.read(timeout)) is not None:
            if (result := state.add(frame)) is not None:
                return result
        if self.closed:
            raise ended_early()
        raise TimeoutError(f"no end of {command!r} within {timeout} s")

    async def wait(self, timeout: float | None = None) -> int:
        """Read until the shell exits; return its exit status."""
        while self.exit_code is None:
            if await self.read(timeout) is None and self.exit_code is None:
                if self.closed:
                    raise ended_early()
                raise TimeoutError("the shell did not exit in time")
        return self.exit_code

    async def aclose(self) -> None:
        await self._stack.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()
