"""The platform's edge: what happens to every request before routing.

It records the request, assigns the correlation id, counts the caller against
the rate limit, fires injected faults, buffers the body of requests whose token
demands signatures (so the signature covers the exact bytes even where the route
never reads them), and stamps the correlation, rate-limit and `Date` headers on
whatever response goes out, errors included. `Date` is the simulated clock's, so
clients that learn the server's time from it keep up with a sped-up clock.

Control requests (`/_sim/...`, only when `SimConfig.control_api` is on) skip the
log, the rate limit and the faults: steering the platform must not disturb it.
"""

from __future__ import annotations

import hashlib
import re
import tempfile
import uuid
from collections.abc import Callable, Iterable
from datetime import datetime
from email.utils import formatdate
from http import HTTPStatus
from typing import TYPE_CHECKING, Any, NamedTuple

import anyio
from starlette.datastructures import Headers, MutableHeaders
from starlette.responses import HTMLResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..platform.errors import ApiError, code_for_status
from ..platform.signing import SignedPrincipal
from ..runtime.faults import ConnectionDropped, Fault
from ..runtime.stores import PersistenceError, WorldGone
from .responses import error_response, sandbox_gone
from .signing import BODY_DIGEST_STATE

if TYPE_CHECKING:
    from ..simulator import Simulator

__all__ = ["Gateway", "HeaderDict", "LoggedRequest", "route_path", "store_failure"]

_SANE_CORRELATION_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")

# A long-running `gpuaas-sim` keeps the newest requests only; tests never get near this.
REQUESTS_LOG_LIMIT = 100_000

CONTROL_PREFIX = "/_sim/"

# A buffered signed body stays in memory up to this size, then spills to a temporary file.
_SPOOL_IN_MEMORY = 1 << 20
_REPLAY_CHUNK = 64 * 1024

_KNOWN_STATUSES = frozenset(s.value for s in HTTPStatus)

# What an nginx in front of the platform answers when the platform behind it is gone.
_PROXY_PAGE = (
    "<html>\r\n<head><title>{status} {phrase}</title></head>\r\n<body>\r\n"
    "<center><h1>{status} {phrase}</h1></center>\r\n<hr><center>nginx</center>\r\n"
    "</body>\r\n</html>\r\n"
)


class HeaderDict(dict[str, str]):
    """Request headers as a plain dict with lower-case keys that also answers in any case."""

    def __init__(self, items: Iterable[tuple[str, str]] = ()) -> None:
        super().__init__((key.lower(), value) for key, value in items)

    def __getitem__(self, key: str) -> str:
        return super().__getitem__(key.lower())

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and super().__contains__(key.lower())

    def get(self, key: str, default: Any = None) -> Any:
        return super().get(key.lower(), default)


class LoggedRequest(NamedTuple):
    """One request as it reached the platform: `(method, path, headers)`."""

    method: str
    path: str
    headers: HeaderDict


class Gateway:
    """ASGI middleware wrapping the router; see the module docstring for what it does."""

    def __init__(self, app: ASGIApp, simulator: Simulator) -> None:
        self.app = app
        self.simulator = simulator

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        sim = self.simulator
        headers = Headers(scope=scope)
        method, path = scope["method"], route_path(scope)
        if sim.config.control_api and path.startswith(CONTROL_PREFIX):
            await self._control(scope, receive, send, headers)
            return
        log = sim.requests_log
        log.append(LoggedRequest(method, path, HeaderDict(headers.items())))
        if len(log) > REQUESTS_LOG_LIMIT:
            del log[: REQUESTS_LOG_LIMIT // 10]

        correlation_id = self._correlation_id(headers)
        state = scope.setdefault("state", {})
        state["correlation_id"] = correlation_id
        try:
            with sim.transaction(writes=False):  # the faults' hits are shared state
                decision = sim.rate_limiter.hit(self._caller(scope, headers))
                fault = sim.faults.take(method, path)
                signed = self._signing_required(headers)
        except PersistenceError as exc:
            await store_failure(exc, correlation_id)(scope, receive, send)
            return
        except WorldGone as gone:  # a sandbox deleted by another process
            await sandbox_gone(str(gone), correlation_id)(scope, receive, send)
            return
        send = _stamping(
            send, {"X-Correlation-ID": correlation_id, **decision.headers()}, sim.clock.now
        )

        if fault is not None:
            if fault.kind in ("status", "html"):
                await _fault_response(fault, correlation_id)(scope, receive, send)
                return
            if fault.kind == "latency":
                await anyio.sleep(fault.delay)
            elif fault.kind == "expire_token":
                state["force_token_expired"] = True
            elif fault.kind == "drop":
                send = _dropping(send)

        if not decision.allowed:
            response = error_response(
                "rate_limit_exceeded",
                f"More than {decision.limit} requests in {decision.window:g} s; slow down.",
                correlation_id,
                details={"limit": decision.limit, "retry_after": decision.retry_after_seconds},
                headers={
                    "Retry-After": str(decision.retry_after_seconds),
                    "Retry-After-Ms": str(decision.retry_after_ms),
                },
            )
            await response(scope, receive, send)
            return
        if not signed or _known_empty(headers):
            await self.app(scope, receive, send)
            return
        with tempfile.SpooledTemporaryFile(max_size=_SPOOL_IN_MEMORY) as spool:
            receive = await _buffered(receive, spool, state)
            await self.app(scope, receive, send)

    async def _control(self, scope: Scope, receive: Receive, send: Send, headers: Headers) -> None:
        """A control request: correlation id and `Date`, nothing else of the edge."""
        correlation_id = self._correlation_id(headers)
        scope.setdefault("state", {})["correlation_id"] = correlation_id
        send = _stamping(send, {"X-Correlation-ID": correlation_id}, self.simulator.clock.now)
        await self.app(scope, receive, send)

    def _signing_required(self, headers: Headers) -> bool:
        """Whether the bearer token belongs to an account whose requests must be signed."""
        scheme, _, token = headers.get("authorization", "").partition(" ")
        token = token.strip()
        if scheme.lower() != "bearer" or not token:
            return False
        try:
            principal = self.simulator.identity.authenticate(token)
        except ApiError:
            return False  # the route refuses the token itself
        return isinstance(principal, SignedPrincipal) and bool(principal.signing_secret)

    @staticmethod
    def _correlation_id(headers: Headers) -> str:
        offered = headers.get("x-correlation-id")
        if offered and _SANE_CORRELATION_ID.fullmatch(offered):
            return offered
        return uuid.uuid4().hex

    def _caller(self, scope: Scope, headers: Headers) -> str:
        """Whom the rate limit counts: a known access token, else the client address."""
        scheme, _, token = headers.get("authorization", "").partition(" ")
        token = token.strip()
        if (
            scheme.lower() == "bearer"
            and token
            and self.simulator.identity.knows_access_token(token)
        ):
            return "token:" + hashlib.sha256(token.encode()).hexdigest()
        client = scope.get("client")
        return "ip:" + (client[0] if client else "unknown")


def route_path(scope: Scope) -> str:
    """The path the platform's routes see: a sandbox's requests come under its prefix."""
    path: str = scope["path"]
    root: str = scope.get("root_path", "")
    return path[len(root) :] if root and path.startswith(root) else path


def store_failure(exc: PersistenceError, correlation_id: str) -> Response:
    """503 when the state store failed: nothing was kept, so the request may be sent again."""
    return error_response(
        "service_unavailable",
        f"The simulator could not reach its state: {exc}",
        correlation_id,
        headers={"Retry-After": "1"},
        status=503,
    )


def _stamping(send: Send, extra: dict[str, str], now: Callable[[], datetime]) -> Send:
    """Add `extra` headers (unless the response set them) and `Date` from the simulated clock."""

    async def stamped(message: Message) -> None:
        if message["type"] == "http.response.start":
            response_headers = MutableHeaders(scope=message)
            for name, value in extra.items():
                if name not in response_headers:
                    response_headers[name] = value
            if "date" not in response_headers:
                response_headers["Date"] = formatdate(now().timestamp(), usegmt=True)
        await send(message)

    return stamped


def _known_empty(headers: Headers) -> bool:
    """No body was sent: nothing to buffer (the signature check hashes the empty body)."""
    return "transfer-encoding" not in headers and headers.get("content-length", "0").strip() in (
        "",
        "0",
    )


async def _buffered(receive: Receive, spool: Any, state: dict[str, Any]) -> Receive:
    """Read the whole body into `spool`, note its sha256, and hand the app a replay of it.

    If the client goes away before the body is complete, the app gets the disconnect
    (and no digest is noted: nothing will be executed for a request that never arrived).
    """
    digest = hashlib.sha256()
    while True:
        message = await receive()
        if message["type"] != "http.request":
            return _replaying_then(receive, [message])
        chunk = message.get("body", b"")
        digest.update(chunk)
        spool.write(chunk)
        if not message.get("more_body", False):
            break
    state[BODY_DIGEST_STATE] = digest.hexdigest()
    size = spool.tell()
    spool.seek(0)

    async def replay() -> Message:
        chunk = spool.read(_REPLAY_CHUNK)
        return {"type": "http.request", "body": chunk, "more_body": spool.tell() < size}

    done = False

    async def receive_buffered() -> Message:
        nonlocal done
        if done:
            return await receive()  # after the body: wait for the disconnect as usual
        message = await replay()
        done = not message["more_body"]
        return message

    return receive_buffered


def _replaying_then(receive: Receive, messages: list[Message]) -> Receive:
    pending = list(messages)

    async def receive_pending() -> Message:
        return pending.pop(0) if pending else await receive()

    return receive_pending


def _dropping(send: Send) -> Send:
    """Let the response head out, then fail instead of sending the body."""

    async def dropping(message: Message) -> None:
        if message["type"] == "http.response.body":
            raise ConnectionDropped("injected fault: connection dropped after the response head")
        await send(message)

    return dropping


def _fault_response(fault: Fault, correlation_id: str) -> Any:
    if fault.kind == "html":
        status = fault.status or 502
        phrase = HTTPStatus(status).phrase if status in _KNOWN_STATUSES else "Error"
        page = _PROXY_PAGE.format(status=status, phrase=phrase)
        return HTMLResponse(page, status_code=status)
    status = fault.status or 503
    headers = {}
    retry_after = fault.retry_after
    if retry_after is None and status in (429, 503):
        retry_after = 1
    if retry_after is not None:
        headers["Retry-After"] = str(retry_after)
    return error_response(
        fault.code or code_for_status(status),
        "Injected fault.",
        correlation_id,
        headers=headers,
        status=status,
    )
