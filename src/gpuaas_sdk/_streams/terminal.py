"""An allocation's terminal over WebSocket (httpx-ws): `Terminal` and `AsyncTerminal`.

The connection goes through the client's own httpx client, so its transport (failover,
hooks, typed errors of a refused handshake) applies. Frames are the models of
components/terminal.yaml. Both classes share the frame and `run` logic below.
"""

from __future__ import annotations

import json
import queue
import re
import secrets
from contextlib import AsyncExitStack, ExitStack
from types import TracebackType
from typing import Any, Self

import httpx
from gpuaas_api.exceptions import APIConnectionError, SDKError
from gpuaas_api.models import TerminalExit, TerminalStderr, TerminalStdout
from gpuaas_api.streaming import STREAM_EXTENSION
from httpx_ws import (
    AsyncWebSocketSession,
    WebSocketDisconnect,
    WebSocketNetworkError,
    WebSocketSession,
    aconnect_ws,
    connect_ws,
)

from ..errors import ArgumentError

__all__ = ["AsyncTerminal", "OutputFrame", "Terminal", "terminal_size"]

OutputFrame = TerminalStdout | TerminalStderr | TerminalExit
"""What the server sends: output, error output, and the shell's end."""

_FRAME_MODELS: dict[str, type[TerminalStdout] | type[TerminalStderr] | type[TerminalExit]] = {
    "stdout": TerminalStdout,
    "stderr": TerminalStderr,
    "exit": TerminalExit,
}
_SIZE_LIMITS = (1, 1000)


def _http_url(ws_url: str) -> str:
    """httpx sends the upgrade request over http(s); the token stays in the query."""
    url = httpx.URL(ws_url)
    return str(url.copy_with(scheme={"ws": "http", "wss": "https"}.get(url.scheme, url.scheme)))


def _connect_kwargs() -> dict[str, Any]:
    """The terminal token in the URL is the only credential: no bearer token goes along
    (nor its refresh-and-replay on a 401), and the retry layer must not read the body of
    the 101 response, which is the socket itself."""
    return {"auth": None, "extensions": {STREAM_EXTENSION: True}}


def terminal_size(cols: int, rows: int) -> tuple[int, int]:
    """Checked window size, so bad input is refused before a token is minted."""
    _resize_frame(cols, rows)
    return cols, rows


def _stdin_frame(text: str) -> str:
    if not isinstance(text, str):
        raise ArgumentError(f"terminal input must be str, not {type(text).__name__}")
    return json.dumps({"type": "stdin", "data": text})


def _resize_frame(cols: int, rows: int) -> str:
    low, high = _SIZE_LIMITS
    for name, value in (("cols", cols), ("rows", rows)):
        if type(value) is not int or not low <= value <= high:
            raise ArgumentError(f"{name} must be an integer from {low} to {high}, got {value!r}")
    return json.dumps({"type": "resize", "cols": cols, "rows": rows})


def _parse(text: str) -> OutputFrame:
    """A server frame as its model; anything else is a protocol error, typed."""
    try:
        body = json.loads(text)
    except ValueError:
        body = None
    kind = body.get("type") if isinstance(body, dict) else None
    model = _FRAME_MODELS.get(kind) if isinstance(kind, str) else None
    if model is None:
        raise SDKError(f"unexpected terminal frame: {text[:80]!r}", code="unexpected_frame")
    return model.from_dict(body)


def _lost(exc: Exception) -> APIConnectionError:
    return APIConnectionError(f"terminal connection lost: {exc!r}", code="connection_error")


def _ended_early() -> APIConnectionError:
    return APIConnectionError(
        "the terminal closed before the shell exited", code="connection_error"
    )


class _RunState:
    """Collects output for `run`: the command is followed by `echo <marker>$?`.

    The shell echoes the typed line, so the output starts after that echo and ends
    where the marker is printed with the command's status.
    """

    def __init__(self, command: str) -> None:
        if "\r" in command or "\n" in command:
            raise ArgumentError("run() takes one command line, without line breaks")
        self.marker = f"__gpuaas_{secrets.token_hex(6)}__"
        self.line = f"{command}; echo {self.marker}$?"
        self.text = ""
        self._done = re.compile(re.escape(self.marker) + r"(\d+)\r?\n")

    def add(self, frame: OutputFrame) -> tuple[str, int] | None:
        """The command's output and status once the marker arrived, else None."""
        if isinstance(frame, TerminalExit):  # the command was (or ended in) `exit`
            return self._output(len(self.text)), frame.code
        self.text += frame.data
        found = self._done.search(self.text)
        if found is None:
            return None
        return self._output(found.start()), int(found.group(1))

    def _output(self, end: int) -> str:
        echoed = self.text.find(self.line)
        start = self.text.find("\n", echoed) + 1 if echoed >= 0 else 0
        return self.text[start:end]


class Terminal:
    """A shell on an allocation. Use it as a context manager; it closes the connection."""

    def __init__(self, stack: ExitStack, session: WebSocketSession) -> None:
        self._stack = stack
        self._ws = session
        self.exit_code: int | None = None
        """The shell's exit status, once its `exit` frame has been read."""
        self.closed = False
        """Whether the connection was found closed while reading."""

    @classmethod
    def connect(cls, http: httpx.Client, ws_url: str, size: tuple[int, int]) -> Terminal:
        frame = _resize_frame(*size)
        with ExitStack() as stack:
            session = stack.enter_context(connect_ws(_http_url(ws_url), http, **_connect_kwargs()))
            terminal = cls(stack.pop_all(), session)
        terminal._ws.send_text(frame)  # the contract asks for the size right after opening
        return terminal

    def send(self, text: str) -> None:
        """Type `text` into the shell (end a command with "\\r")."""
        self._ws.send_text(_stdin_frame(text))

    def resize(self, cols: int, rows: int) -> None:
        self._ws.send_text(_resize_frame(cols, rows))

    def read(self, timeout: float | None = 5.0) -> OutputFrame | None:
        """The next output frame; None if none came within `timeout` or the shell has ended."""
        if self.exit_code is not None or self.closed:
            return None
        try:
            frame = _parse(self._ws.receive_text(timeout=timeout))
        except queue.Empty:
            return None
        except WebSocketDisconnect:
            self.closed = True
            return None
        except WebSocketNetworkError as exc:
            self.closed = True
            raise _lost(exc) from exc
        if isinstance(frame, TerminalExit):
            self.exit_code = frame.code
        return frame

    def run(self, command: str, timeout: float = 30.0) -> tuple[str, int]:
        """Run one command line; return its output (stdout and stderr) and exit status.

        `timeout` bounds each wait for output, so a long, chatty command is not cut off.
        """
        state = _RunState(command)
        self.send(state.line + "\r")
        while (frame := self.read(timeout)) is not None:
            if (result := state.add(frame)) is not None:
                return result
        if self.closed:
            raise _ended_early()
        raise TimeoutError(f"no end of {command!r} within {timeout} s")

    def wait(self, timeout: float | None = None) -> int:
        """Read until the shell exits; return its exit status."""
        while self.exit_code is None:
            if self.read(timeout) is None and self.exit_code is None:
                if self.closed:
                    raise _ended_early()
                raise TimeoutError("the shell did not exit in time")
        return self.exit_code

    def close(self) -> None:
        self._stack.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class AsyncTerminal:
    """The async twin of `Terminal`; close it (or `async with` it) in the task that opened it."""

    def __init__(self, stack: AsyncExitStack, session: AsyncWebSocketSession) -> None:
        self._stack = stack
        self._ws = session
        self.exit_code: int | None = None
        self.closed = False

    @classmethod
    async def connect(
        cls, http: httpx.AsyncClient, ws_url: str, size: tuple[int, int]
    ) -> AsyncTerminal:
        frame = _resize_frame(*size)
        async with AsyncExitStack() as stack:
            session = await stack.enter_async_context(
                aconnect_ws(_http_url(ws_url), http, **_connect_kwargs())
            )
            terminal = cls(stack.pop_all(), session)
        await terminal._ws.send_text(frame)
        return terminal

    async def send(self, text: str) -> None:
        await self._ws.send_text(_stdin_frame(text))

    async def resize(self, cols: int, rows: int) -> None:
        await self._ws.send_text(_resize_frame(cols, rows))

    async def read(self, timeout: float | None = 5.0) -> OutputFrame | None:
        if self.exit_code is not None or self.closed:
            return None
        try:
            frame = _parse(await self._ws.receive_text(timeout=timeout))
        except TimeoutError:
            return None
        except WebSocketDisconnect:
            self.closed = True
            return None
        except WebSocketNetworkError as exc:
            self.closed = True
            raise _lost(exc) from exc
        if isinstance(frame, TerminalExit):
            self.exit_code = frame.code
        return frame

    async def run(self, command: str, timeout: float = 30.0) -> tuple[str, int]:
        state = _RunState(command)
        await self.send(state.line + "\r")
        while (frame := await self.read(timeout)) is not None:
            if (result := state.add(frame)) is not None:
                return result
        if self.closed:
            raise _ended_early()
        raise TimeoutError(f"no end of {command!r} within {timeout} s")

    async def wait(self, timeout: float | None = None) -> int:
        while self.exit_code is None:
            if await self.read(timeout) is None and self.exit_code is None:
                if self.closed:
                    raise _ended_early()
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
