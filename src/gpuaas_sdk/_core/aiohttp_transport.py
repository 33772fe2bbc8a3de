"""The async client's transport: httpx's API above, aiohttp's connection pool beneath.

httpcore's async pool hands connections to waiting requests by scanning every
connection for every request, so a burst of 1,000 calls costs seconds; aiohttp sends
the same burst 10-30x faster (bench/README.md). `AsyncClient` therefore sends through
aiohttp: HTTP/1.1 keep-alive, `max_connections` in all, connect/read/pool timeouts from
the request (aiohttp has no write timeout), the shared SSL context, proxies from the
environment, streamed request and response bodies. Auth, hooks, retries and typed
errors stay httpx's and the SDK's, above the transport.

The session is made on the first request: it belongs to the event loop that sends it
(as the client does). WebSocket handshakes, and requests sent while respx mocks httpx
(tests), go through httpx's own transport instead (`engine.needs_httpx_transport`).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Mapping
from typing import TYPE_CHECKING, Any

import aiohttp
from gpuaas_api.http_stack import httpx
from yarl import URL

from .engine import (
    EnvironmentProxies,
    needs_httpx_transport,
    response_extensions,
    shared_ssl_context,
    timeouts,
)

if TYPE_CHECKING:
    from .http import HTTPSettings

# aiohttp's failures, most specific first, as the httpx exceptions the retries and the
# typed errors understand.
_Kinds = type[BaseException] | tuple[type[BaseException], ...]
_ERRORS: tuple[tuple[_Kinds, type[Exception]], ...] = (
    (aiohttp.ClientProxyConnectionError, httpx.ProxyError),
    (aiohttp.ClientConnectorError, httpx.ConnectError),  # refused, DNS, TLS handshake
    (aiohttp.ConnectionTimeoutError, httpx.ConnectTimeout),
    (aiohttp.ServerDisconnectedError, httpx.RemoteProtocolError),
    ((aiohttp.SocketTimeoutError, asyncio.TimeoutError), httpx.ReadTimeout),
    ((aiohttp.ClientPayloadError, aiohttp.ClientResponseError), httpx.RemoteProtocolError),
    (aiohttp.InvalidURL, httpx.UnsupportedProtocol),
    ((aiohttp.ClientError, OSError), httpx.ReadError),
)


def as_httpx_error(exc: BaseException, request: httpx.Request) -> Exception | None:
    """aiohttp's failure `exc` as the httpx exception it stands for (None: not aiohttp's)."""
    for kinds, mapped in _ERRORS:
        if isinstance(exc, kinds):
            return mapped(str(exc) or type(exc).__name__, request=request)  # type: ignore[call-arg]
    return None


class _Body(httpx.AsyncByteStream):
    """A response body read from aiohttp as the httpx response iterates it."""

    def __init__(
        self,
        response: aiohttp.ClientResponse,
        request: httpx.Request,
        slots: asyncio.Semaphore,
    ) -> None:
        self._response = response
        self._request = request
        self._slots: asyncio.Semaphore | None = slots

    async def __aiter__(self) -> AsyncIterator[bytes]:
        content = self._response.content
        try:
            while chunk := await content.readany():
                yield chunk
        except Exception as exc:
            mapped = as_httpx_error(exc, self._request)
            if mapped is None:
                raise
            raise mapped from exc

    async def aclose(self) -> None:
        self._response.release()  # back to the pool when read to the end, else closed
        slots, self._slots = self._slots, None
        if slots is not None:
            slots.release()


async def _chunks(stream: Any) -> AsyncIterator[bytes]:
    async for chunk in stream:
        yield chunk


class AiohttpTransport(httpx.AsyncBaseTransport):
    """Sends httpx requests through one aiohttp session (see the module's docstring)."""

    def __init__(self, settings: HTTPSettings) -> None:
        self._settings = settings
        if isinstance(settings.verify, str):
            shared_ssl_context(settings.verify)  # a CA bundle that cannot be read fails now
        self._session: aiohttp.ClientSession | None = None
        self._slots = asyncio.Semaphore(settings.max_connections)
        self._proxies = EnvironmentProxies()
        self._timeouts: dict[tuple[float | None, float | None], Any] = {}
        self._httpx: httpx.AsyncHTTPTransport | None = None

    def _open(self) -> aiohttp.ClientSession:
        settings = self._settings
        connector = aiohttp.TCPConnector(
            limit=settings.max_connections,
            limit_per_host=0,
            ssl=shared_ssl_context(settings.verify) if settings.verify is not False else False,
            keepalive_timeout=settings.keepalive_expiry,
            force_close=settings.max_keepalive_connections == 0,
        )
        self._session = aiohttp.ClientSession(
            connector=connector,
            auto_decompress=False,  # httpx decodes, by the response's Content-Encoding
            trust_env=False,  # proxies come from EnvironmentProxies; no .netrc credentials
            timeout=aiohttp.ClientTimeout(total=None),
            cookie_jar=aiohttp.DummyCookieJar(),  # httpx keeps the cookies
            skip_auto_headers=("User-Agent", "Accept-Encoding", "Content-Type"),
        )
        return self._session

    def _timeout(self, connect: float | None, read: float | None) -> aiohttp.ClientTimeout:
        key = (connect, read)
        timeout = self._timeouts.get(key)
        if timeout is None:
            connect, read = key
            # The pool slot was waited for already (`_slot`): aiohttp only connects.
            timeout = aiohttp.ClientTimeout(
                total=None, connect=connect, sock_connect=connect, sock_read=read
            )
            self._timeouts[key] = timeout
        return timeout

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if needs_httpx_transport(request):
            return await self._httpx_transport().handle_async_request(request)
        session = self._session or self._open()
        url = request.url
        headers = request.headers
        stream = request.stream
        data: Any
        if type(stream) is httpx.ByteStream:  # bytes in memory (a subclass may stream a file)
            data = b"".join(stream) or None
        else:
            data = _chunks(stream)
            if "transfer-encoding" in headers:
                headers = headers.copy()
                del headers["transfer-encoding"]  # aiohttp frames a body without a length
        proxy = self._proxies.for_origin(url.scheme, url.host) if self._proxies else None
        given = timeouts(request)
        await self._slot(request, given.get("pool"))
        try:
            response = await session.request(
                request.method,
                URL(str(url), encoded=True),
                headers=headers.multi_items(),
                data=data,
                allow_redirects=False,
                proxy=proxy,
                timeout=self._timeout(given.get("connect"), given.get("read")),
            )
        except BaseException as exc:
            self._slots.release()
            mapped = as_httpx_error(exc, request)
            if mapped is None:
                raise
            raise mapped from exc
        return httpx.Response(
            status_code=response.status,
            headers=response.raw_headers,
            stream=_Body(response, request, self._slots),
            extensions=response_extensions(response.reason),
        )

    async def send_plain(
        self, method: str, url: str, headers: Mapping[str, str], timeout: httpx.Timeout
    ) -> tuple[aiohttp.ClientResponse, bytes]:
        """A request without a body, its answer read whole (the fast lane's I/O).

        aiohttp's exceptions are raised as they are (`as_httpx_error` maps them), and a
        pool wait that runs out is `httpx.PoolTimeout` without a request.
        """
        session = self._session or self._open()
        target = URL(url, encoded=True)
        proxy = None
        if self._proxies:
            proxy = self._proxies.for_origin(target.scheme, target.host or "")
        await self._slot(None, timeout.pool)
        try:
            response = await session.request(
                method,
                target,
                headers=headers,
                allow_redirects=False,
                proxy=proxy,
                timeout=self._timeout(timeout.connect, timeout.read),
            )
            try:
                body = await response.read()
            finally:
                response.release()
        finally:
            self._slots.release()
        return response, body

    async def _slot(self, request: httpx.Request | None, pool: float | None) -> None:
        """One of `max_connections` slots, waited for up to the pool timeout (httpx's
        meaning; aiohttp's own wait would count against the connect timeout)."""
        slots = self._slots
        if not slots.locked():
            await slots.acquire()
            return
        try:
            async with asyncio.timeout(pool):
                await slots.acquire()
        except TimeoutError:
            message = f"no connection came free in time ({self._settings.max_connections} in use)"
            raise httpx.PoolTimeout(message, request=request) from None

    def _httpx_transport(self) -> httpx.AsyncHTTPTransport:
        if self._httpx is None:
            self._httpx = httpx.AsyncHTTPTransport(**self._settings.transport_options())
        return self._httpx

    async def aclose(self) -> None:
        session, self._session = self._session, None
        if session is not None:
            await session.close()
        if self._httpx is not None:
            await self._httpx.aclose()
