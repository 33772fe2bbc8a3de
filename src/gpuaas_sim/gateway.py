"""The platform's edge: what happens to every request before routing.

It records the request, assigns the correlation id, counts the caller against
the rate limit, fires injected faults, and stamps the correlation and rate-limit
headers on whatever response goes out, errors included.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from collections.abc import Iterable
from http import HTTPStatus
from typing import TYPE_CHECKING, Any, NamedTuple

import anyio
from starlette.datastructures import Headers, MutableHeaders
from starlette.responses import HTMLResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .errors import code_for_status, error_response
from .faults import ConnectionDropped, Fault

if TYPE_CHECKING:
    from .simulator import Simulator

__all__ = ["Gateway", "HeaderDict", "LoggedRequest"]

_SANE_CORRELATION_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")

# A long-running `gpuaas-sim` keeps the newest requests only; tests never get near this.
REQUESTS_LOG_LIMIT = 100_000

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
        method, path = scope["method"], scope["path"]
        log = sim.requests_log
        log.append(LoggedRequest(method, path, HeaderDict(headers.items())))
        if len(log) > REQUESTS_LOG_LIMIT:
            del log[: REQUESTS_LOG_LIMIT // 10]

        correlation_id = self._correlation_id(headers)
        state = scope.setdefault("state", {})
        state["correlation_id"] = correlation_id
        decision = sim.rate_limiter.hit(self._caller(scope, headers))
        send = _stamping(send, {"X-Correlation-ID": correlation_id, **decision.headers()})

        fault = sim.faults.take(method, path)
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
                f"More than {decision.limit} requests in a minute; slow down.",
                correlation_id,
                details={"limit": decision.limit, "retry_after": decision.reset_seconds},
                headers={"Retry-After": str(decision.reset_seconds)},
            )
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)

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


def _stamping(send: Send, extra: dict[str, str]) -> Send:
    async def stamped(message: Message) -> None:
        if message["type"] == "http.response.start":
            response_headers = MutableHeaders(scope=message)
            for name, value in extra.items():
                if name not in response_headers:
                    response_headers[name] = value
        await send(message)

    return stamped


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
