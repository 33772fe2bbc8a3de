"""The first attempt of a plain async call, sent without httpx's request and response objects.

An `AsyncClient` call through httpx's client builds a `Request`, several `Headers`, an
auth flow, a `Response` and its stream wrappers: under a burst of concurrent calls that
machinery costs more than aiohttp's whole round trip (bench/README.md). Most calls need
none of it: a GET (or HEAD, DELETE) without hooks, cookies or a refresh due, answered
with a plain success. The lane sends those straight through the aiohttp transport and
hands the parser an `Answer`.

It decides nothing on its own. A call it cannot send as httpx would (see `_plain`) goes
the whole way instead; an answer that is not a plain success (an error status, a
redirect, an encoded body, a failed connection) becomes the `FirstAttempt` of the request
built the usual way, which the client then sends: the retry transport takes that attempt
as its first one, so retries, auth refresh and typed errors happen exactly as they do for
every other request, and nothing is sent twice. A cookie the answer sets goes to the
client's jar, as httpx would put it there.
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING, Any

from gpuaas_api.http_stack import httpx

from .aiohttp_transport import as_httpx_error
from .answer import Answer, unread_response
from .engine import respx_mocking
from .http import PathJoiner
from .retry import ATTEMPT_HEADER, FIRST_ATTEMPT, FirstAttempt, TransportStats

if TYPE_CHECKING:
    from collections.abc import Callable

    from .aiohttp_transport import AiohttpTransport

_BODYLESS = frozenset({"GET", "HEAD", "DELETE"})
_KWARGS = frozenset({"method", "url", "params", "headers", "timeout"})
"""What `build_request` may be given for a call the lane sends (no body, no cookies...)."""
_ATTEMPT = ATTEMPT_HEADER.lower()
_SDK_LOG = logging.getLogger("gpuaas_sdk")
_HTTPX_LOG = logging.getLogger(httpx.__name__)


class FastLane:
    """Sends the first attempt of a client's plain calls (see the module's docstring)."""

    def __init__(
        self,
        client: httpx.AsyncClient,
        stats: TransportStats,
        io: AiohttpTransport,
        check_usable: Callable[[], None],
    ) -> None:
        """The lane of `client`, whose retry transport counts in `stats` and sends through
        `io` alone; `check_usable` raises when the client can no longer send."""
        self._client = client
        self._stats = stats
        self._io = io
        self._check_usable = check_usable
        self._paths = PathJoiner(client)
        self._raw_defaults: list[tuple[bytes, bytes]] | None = None
        self._merged_defaults: dict[str, str] | None = None

    async def send(self, kwargs: dict[str, Any]) -> httpx.Response | Answer | None:
        """The answer of the call `kwargs` describes (as `build_request` takes them).

        None when the lane cannot send it as httpx would: the caller sends it the whole way.
        """
        client = self._client
        headers = self._plain(kwargs)
        if headers is None:
            return None
        url = self._paths.text(kwargs["url"], kwargs.get("params"))
        if url is None:
            return None
        self._check_usable()
        timeout = kwargs.get("timeout", client.timeout)
        if not isinstance(timeout, httpx.Timeout):
            timeout = httpx.Timeout(timeout)
        method = kwargs["method"].upper()
        began, started = time.monotonic(), time.perf_counter()
        try:
            received, body = await self._io.send_plain(method, url, headers, timeout)
        except Exception as exc:
            request = client.build_request(**kwargs)
            error = _as_httpx(exc, request)
            if error is None:
                raise  # not a transport failure: the transport would let it through too
            return await self._whole_way(request, FirstAttempt(began, error=error))
        if received.status >= 300 or "Content-Encoding" in received.headers:
            request = client.build_request(**kwargs)
            response = unread_response(
                received.status, received.raw_headers, body, received.reason, request
            )
            return await self._whole_way(request, FirstAttempt(began, response=response))
        self._stats.count("requests")
        self._stats.count("attempts")
        answer = Answer(
            received.status,
            body,
            received.raw_headers,
            received.reason,
            time.perf_counter() - started,
            self._request,
            kwargs,
            headers,
        )
        if "Set-Cookie" in received.headers:  # the jar takes it from httpx's response
            client.cookies.extract_cookies(answer.http_response)
        return answer

    def _plain(self, kwargs: dict[str, Any]) -> dict[str, str] | None:
        """The headers to send when the call is one httpx would send unchanged: no body,
        no hooks, no cookies, nothing logged per request, an auth that needs no flow."""
        client = self._client
        if not kwargs.keys() <= _KWARGS or kwargs["method"].upper() not in _BODYLESS:
            return None
        hooks = client.event_hooks
        if hooks["request"] or hooks["response"] or client.cookies:
            return None
        if _SDK_LOG.isEnabledFor(logging.DEBUG) or _HTTPX_LOG.isEnabledFor(logging.INFO):
            return None  # they write a line per request from httpx's objects
        authorization = current_header(client.auth)
        if authorization is None or client.base_url.userinfo or respx_mocking():
            return None  # (httpx turns a URL's user:password into basic auth)
        defaults = self._defaults()
        if defaults is None:
            return None  # a header given twice: httpx sends both
        headers = dict(defaults)
        given = kwargs.get("headers")
        if given:
            for name, value in given.items():
                headers[name.lower()] = value
        if "upgrade" in headers:
            return None  # a WebSocket handshake
        if authorization:
            headers["authorization"] = authorization
        headers[_ATTEMPT] = "1"
        return headers

    def _defaults(self) -> dict[str, str] | None:
        """The client's own headers, names lower-cased, as httpx merges them into every
        request (None: a name given twice); made again when they change."""
        raw = self._client.headers.raw
        if raw != self._raw_defaults:
            items = self._client.headers.multi_items()
            merged = dict(items)
            self._merged_defaults = merged if len(merged) == len(items) else None
            self._raw_defaults = raw
        return self._merged_defaults

    def _request(self, kwargs: dict[str, Any], headers: dict[str, str]) -> httpx.Request:
        """The request as httpx would have sent it: built the usual way, with the headers
        auth and the retry transport give it."""
        request = self._client.build_request(**kwargs)
        if "authorization" in headers:
            request.headers["Authorization"] = headers["authorization"]
        request.headers[ATTEMPT_HEADER] = "1"
        return request

    async def _whole_way(self, request: httpx.Request, made: FirstAttempt) -> httpx.Response:
        """`request` sent the usual way, the lane's attempt taken as its first."""
        request.extensions[FIRST_ATTEMPT] = made
        return await self._client.send(request)


def _as_httpx(error: Exception, request: httpx.Request) -> Exception | None:
    if isinstance(error, httpx.TransportError):  # a pool wait that ran out
        error.request = request
        return error
    mapped = as_httpx_error(error, request)
    if mapped is not None:
        mapped.__cause__ = error
    return mapped


def current_header(auth: httpx.Auth | None) -> str | None:
    """The Authorization header `auth` gives a request now ("" for none), or None when it
    must run its flow (a token to fetch or refresh, a body to sign, an unknown auth)."""
    if auth is None:
        return ""
    ready = getattr(auth, "current_header", None)
    if ready is None:
        return None
    header: str | None = ready()
    return header
