"""What the terminal's two spellings share: frames, sizes and the `run` protocol.

The connection goes through the client's own httpx client, so its transport (failover,
hooks, typed errors of a refused handshake) applies. Frames are the models of
components/terminal.yaml. The classes are in `_async/terminal.py` (and its generated
sync twin).
"""

from __future__ import annotations

import json
import re
import secrets
from typing import Any

from gpuaas_api.exceptions import APIConnectionError, SDKError
from gpuaas_api.http_stack import httpx
from gpuaas_api.models import TerminalExit, TerminalStderr, TerminalStdout
from gpuaas_api.streaming import STREAM_EXTENSION

from ..errors import ArgumentError

__all__ = ["OutputFrame", "RunState", "terminal_size"]

OutputFrame = TerminalStdout | TerminalStderr | TerminalExit
"""What the server sends: output, error output, and the shell's end."""

_FRAME_MODELS: dict[str, type[TerminalStdout] | type[TerminalStderr] | type[TerminalExit]] = {
    "stdout": TerminalStdout,
    "stderr": TerminalStderr,
    "exit": TerminalExit,
}
_SIZE_LIMITS = (1, 1000)


def http_url(ws_url: str) -> str:
    """httpx sends the upgrade request over http(s); the token stays in the query."""
    url = httpx.URL(ws_url)
    return str(url.copy_with(scheme={"ws": "http", "wss": "https"}.get(url.scheme, url.scheme)))


def connect_kwargs() -> dict[str, Any]:
    """The terminal token in the URL is the only credential: no bearer token goes along
    (nor its refresh-and-replay on a 401), and the retry layer must not read the body of
    the 101 response, which is the socket itself."""
    return {"auth": None, "extensions": {STREAM_EXTENSION: True}}


def terminal_size(cols: int, rows: int) -> tuple[int, int]:
    """Checked window size, so bad input is refused before a token is minted."""
    resize_frame(cols, rows)
    return cols, rows


def stdin_frame(text: str) -> str:
    if not isinstance(text, str):
        raise ArgumentError(f"terminal input must be str, not {type(text).__name__}")
    return json.dumps({"type": "stdin", "data": text})


def resize_frame(cols: int, rows: int) -> str:
    low, high = _SIZE_LIMITS
    for name, value in (("cols", cols), ("rows", rows)):
        if type(value) is not int or not low <= value <= high:
            raise ArgumentError(f"{name} must be an integer from {low} to {high}, got {value!r}")
    return json.dumps({"type": "resize", "cols": cols, "rows": rows})


def parse_frame(text: str) -> OutputFrame:
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


def lost(exc: Exception) -> APIConnectionError:
    return APIConnectionError(f"terminal connection lost: {exc!r}", code="connection_error")


def closing() -> APIConnectionError:
    return APIConnectionError(
        "the terminal is closing (its shell has exited): nothing more can be sent",
        code="connection_error",
    )


def ended_early() -> APIConnectionError:
    return APIConnectionError(
        "the terminal closed before the shell exited", code="connection_error"
    )


class RunState:
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
