"""A minimal HTTP/1.1 server over loopback that answers with canned JSON.

Comparisons (1)-(4) measure what the SDK adds on top of the network, so the server
must cost next to nothing and the same for every variant: it runs in its own
process (the other core), keeps connections alive and answers from bytes built
once at start-up, from the contract's own examples.

    GET /v1/allocations/{id}          one Allocation (the contract's example)
    GET /v1/billing/usage?limit&cursor pages of usage records, `total` records in all
    anything else                     404 with the error envelope

Run by `ServerProcess`; `python bench/_server.py --total N` prints the port it
listens on and serves until its standard input closes.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import subprocess
import sys
import threading
from typing import Any
from urllib.parse import parse_qs, urlsplit

ALLOCATION_ID = "alloc-4f9c2a"
DEFAULT_TOTAL = 100_000
MAX_LIMIT = 1000


def example_body(operation_id: str) -> dict[str, Any]:
    """The contract's example success body of an operation (what the platform sends)."""
    from gpuaas_sdk.testing import _examples

    _, schema = _examples.success_schema(_examples.operation(operation_id))
    if schema is None:
        raise ValueError(f"{operation_id} has no JSON success body")
    body: dict[str, Any] = _examples.example(schema)
    return body


class Canned:
    """Response bodies built once, so answering costs a dict lookup and a write."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.allocation = json.dumps(example_body("getAllocation")).encode()
        record = example_body("listUsageRecords")["items"][0]
        text = json.dumps({**record, "id": "use-@"}).replace("{", "{{").replace("}", "}}")
        self._record = text.replace("use-@", "use-{}")  # a format string for one record

    def usage_page(self, cursor: int, limit: int) -> bytes:
        end = min(self.total, cursor + limit)
        items = ",".join(self._record.format(i) for i in range(cursor, end))
        nxt = f'"{end}"' if end < self.total else "null"
        return f'{{"items":[{items}],"next_cursor":{nxt}}}'.encode()


def _answer(status: int, body: bytes) -> bytes:
    reason = {200: "OK", 400: "Bad Request", 404: "Not Found"}[status]
    head = (
        f"HTTP/1.1 {status} {reason}\r\ncontent-type: application/json\r\n"
        f"content-length: {len(body)}\r\nx-correlation-id: bench\r\n\r\n"
    )
    return head.encode() + body


def _error(status: int, code: str, message: str) -> bytes:
    body = {"error": {"code": code, "message": message, "correlation_id": "bench"}}
    return _answer(status, json.dumps(body).encode())


def route(canned: Canned, target: str) -> bytes:
    """The whole response to a GET of `target`."""
    parts = urlsplit(target)
    if parts.path == f"/v1/allocations/{ALLOCATION_ID}":
        return _answer(200, canned.allocation)
    if parts.path == "/v1/billing/usage":
        query = parse_qs(parts.query)
        try:
            limit = min(MAX_LIMIT, int(query.get("limit", ["50"])[0]))
            cursor = int(query.get("cursor", ["0"])[0])
        except ValueError:
            return _error(400, "invalid_request", "limit and cursor must be integers")
        return _answer(200, canned.usage_page(cursor, limit))
    return _error(404, "not_found", f"the bench server has no route for {parts.path}")


class _Protocol(asyncio.Protocol):
    def __init__(self, canned: Canned) -> None:
        self._canned = canned
        self._buffer = b""
        self._transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self._transport = transport

    def data_received(self, data: bytes) -> None:
        self._buffer += data
        while (end := self._buffer.find(b"\r\n\r\n")) >= 0:
            head = self._buffer[:end].decode("latin-1")
            length = 0
            for line in head.split("\r\n")[1:]:
                name, _, value = line.partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value)
            if len(self._buffer) < end + 4 + length:
                return  # the body has not all arrived yet
            self._buffer = self._buffer[end + 4 + length :]
            target = head.split(" ", 2)[1]
            assert self._transport is not None
            self._transport.write(route(self._canned, target))


async def serve(total: int, ready: threading.Event | None = None) -> None:
    loop = asyncio.get_running_loop()
    canned = Canned(total)
    server = await loop.create_server(lambda: _Protocol(canned), "127.0.0.1", 0, backlog=2048)
    port = server.sockets[0].getsockname()[1]
    print(port, flush=True)
    # Serve until the parent closes our standard input (it exits, or is done with us).
    await loop.run_in_executor(None, sys.stdin.read)
    server.close()


class ServerProcess:
    """The server in a child process: `with ServerProcess() as base_url: ...`."""

    def __init__(self, total: int = DEFAULT_TOTAL) -> None:
        self.total = total
        self._proc: subprocess.Popen[str] | None = None

    def __enter__(self) -> str:
        self._proc = subprocess.Popen(  # noqa: S603  (our own interpreter and module)
            [sys.executable, __file__, "--total", str(self.total)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self._proc.stdout is not None
        line = self._proc.stdout.readline()
        if not line.strip().isdigit():
            self._proc.kill()
            raise RuntimeError(f"the bench server did not start (said {line!r})")
        return f"http://127.0.0.1:{int(line)}"

    def __exit__(self, *exc: object) -> None:
        assert self._proc is not None
        assert self._proc.stdin is not None
        self._proc.stdin.close()
        try:
            self._proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._proc.kill()


def main() -> None:
    parser = argparse.ArgumentParser(description="canned-JSON server for the benchmarks")
    parser.add_argument("--total", type=int, default=DEFAULT_TOTAL, help="usage records in all")
    args = parser.parse_args()
    asyncio.run(serve(args.total))


if __name__ == "__main__":
    main()
