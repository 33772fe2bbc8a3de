"""The sync client's transport: httpx's API above, the standard library beneath.

A keep-alive GET over loopback costs httpx's own transport (httpcore over h11, in pure
Python) ~170 µs, urllib3 ~125 µs and the standard library's `http.client` parser ~70 µs
(bench/README.md), so `Client` writes each request itself and reads the answer with
`http.client`: HTTP/1.1 keep-alive (at most `max_keepalive_connections` idle, each
dropped after `keepalive_expiry` or when the server closed it), `max_connections` open
at once (callers wait up to the pool timeout), connect/read/write timeouts from the
request, the shared SSL context (hostname checked), proxies from the environment
(CONNECT tunnels for HTTPS), streamed request bodies (chunked when their length is
unknown) and streamed responses. Auth, hooks, retries and typed errors stay httpx's and
the SDK's, above the transport.

WebSocket handshakes, and requests sent while respx mocks httpx (tests), go through
httpx's own transport instead (`engine.needs_httpx_transport`).
"""

from __future__ import annotations

import base64
import contextlib
import http.client
import select
import socket
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, cast
from urllib.parse import unquote, urlsplit

from gpuaas_api.http_stack import httpx

from .engine import (
    EnvironmentProxies,
    needs_httpx_transport,
    response_extensions,
    shared_ssl_context,
    timeouts,
)

if TYPE_CHECKING:
    from .http import HTTPSettings

CHUNK = 256 * 1024
WHOLE_BODY = 1024 * 1024
"""Bodies up to this size (with a Content-Length) are read in one call."""
DEFAULT_PORTS = {"http": 80, "https": 443}
Origin = tuple[str, str, int]


def _readable(sock: socket.socket) -> bool:
    """Whether the peer sent something (or closed): an idle connection must not have."""
    if hasattr(select, "poll"):
        poller = select.poll()
        poller.register(sock, select.POLLIN)
        return bool(poller.poll(0))
    return bool(select.select([sock], [], [], 0)[0])  # pragma: no cover (no poll: Windows)


class _Connection:
    """One open socket to an origin (directly, or through a proxy)."""

    __slots__ = ("idle_since", "origin", "sock")

    def __init__(self, sock: socket.socket, origin: Origin) -> None:
        self.sock = sock
        self.origin = origin
        self.idle_since = 0.0

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.sock.close()


class _Socket:
    """The `network_stream` extension: lets `concurrency.unblock_read` reach the socket."""

    def __init__(self, sock: socket.socket) -> None:
        self._sock = sock

    def get_extra_info(self, name: str) -> Any:
        return self._sock if name == "socket" else None


@contextlib.contextmanager
def _reading(request: httpx.Request) -> Iterator[None]:
    """Failures while waiting for or reading an answer, as httpx's exceptions."""
    try:
        yield
    except TimeoutError as exc:
        message = str(exc) or "timed out reading the response"
        raise httpx.ReadTimeout(message, request=request) from exc
    except (http.client.HTTPException, ConnectionResetError) as exc:
        message = str(exc) or type(exc).__name__
        raise httpx.RemoteProtocolError(message, request=request) from exc
    except OSError as exc:
        raise httpx.ReadError(str(exc) or type(exc).__name__, request=request) from exc


class _Body(httpx.SyncByteStream):
    """A response body read as the httpx response iterates it; the connection goes back
    to the pool once the body has been read to its end (else it is closed)."""

    def __init__(
        self,
        transport: StdlibTransport,
        connection: _Connection,
        response: http.client.HTTPResponse,
        request: httpx.Request,
    ) -> None:
        self._transport = transport
        self._connection: _Connection | None = connection
        self._response = response
        self._request = request

    def __iter__(self) -> Iterator[bytes]:
        response = self._response
        with _reading(self._request):
            length = response.length
            if length is not None and length <= WHOLE_BODY:
                if length:
                    yield response.read()
            else:  # as it arrives: an event stream must not wait for a full chunk
                while chunk := response.read1(CHUNK):
                    yield chunk
                if response.length:  # read1 ends quietly where the peer hung up early
                    raise http.client.IncompleteRead(b"", response.length)
        self._release(reusable=not response.will_close)

    def close(self) -> None:
        response = self._response
        self._release(reusable=response.isclosed() and not response.will_close)

    def _release(self, reusable: bool) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            self._transport._release(connection, reusable)


def _proxy_authorization(proxy: str) -> bytes:
    """The Proxy-Authorization header line for the proxy URL's credentials, if it has any."""
    parts = urlsplit(proxy)
    if not parts.username:
        return b""
    credentials = f"{unquote(parts.username)}:{unquote(parts.password or '')}"
    return b"Proxy-Authorization: Basic %s\r\n" % base64.b64encode(credentials.encode())


class StdlibTransport(httpx.BaseTransport):
    """Sends httpx requests over sockets it pools itself (see the module's docstring)."""

    def __init__(self, settings: HTTPSettings) -> None:
        self._settings = settings
        if isinstance(settings.verify, str):
            shared_ssl_context(settings.verify)  # a CA bundle that cannot be read fails now
        self._max_connections = settings.max_connections
        self._max_idle = settings.max_keepalive_connections
        self._keepalive = settings.keepalive_expiry
        self._idle: dict[Origin, deque[_Connection]] = {}
        self._open = 0
        self._idle_count = 0
        self._changed = threading.Condition(threading.Lock())
        self._proxies = EnvironmentProxies()
        self._closed = False
        self._httpx: httpx.HTTPTransport | None = None

    # -- the pool ---------------------------------------------------------------------------

    def _acquire(self, origin: Origin, pool_timeout: float | None) -> _Connection | None:
        """An idle connection to reuse, or None after reserving room for a new one."""
        deadline = None if pool_timeout is None else time.monotonic() + pool_timeout
        with self._changed:
            while True:
                idle = self._idle.get(origin)
                now = time.monotonic()
                while idle:
                    connection = idle.pop()
                    self._idle_count -= 1
                    fresh = now - connection.idle_since <= self._keepalive
                    if fresh and not _readable(connection.sock):
                        return connection
                    self._open -= 1
                    connection.close()
                if self._open < self._max_connections:
                    self._open += 1
                    return None
                if self._idle_count:  # make room: close another origin's idle connection
                    self._close_one_idle()
                    continue
                remaining = None if deadline is None else deadline - now
                if remaining is not None and remaining <= 0:
                    raise httpx.PoolTimeout(
                        f"no connection came free within {pool_timeout} s "
                        f"({self._max_connections} in use)"
                    )
                self._changed.wait(remaining)

    def _close_one_idle(self) -> None:
        for connections in self._idle.values():
            if connections:
                connections.popleft().close()
                self._idle_count -= 1
                self._open -= 1
                return

    def _release(self, connection: _Connection, reusable: bool) -> None:
        with self._changed:
            if reusable and not self._closed and self._idle_count < self._max_idle:
                connection.idle_since = time.monotonic()
                self._idle.setdefault(connection.origin, deque()).append(connection)
                self._idle_count += 1
            else:
                self._open -= 1
                connection.close()
            self._changed.notify()

    def _release_room(self) -> None:
        with self._changed:
            self._open -= 1
            self._changed.notify()

    # -- one request ------------------------------------------------------------------------

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if needs_httpx_transport(request):
            return self._httpx_transport().handle_request(request)
        if self._closed:
            raise httpx.ConnectError("the client's connections are closed", request=request)
        url = request.url
        scheme = url.scheme
        if scheme not in DEFAULT_PORTS:
            raise httpx.UnsupportedProtocol(f"unsupported URL scheme {scheme!r}", request=request)
        origin = (scheme, url.host, url.port or DEFAULT_PORTS[scheme])
        given = timeouts(request)
        connection = self._acquire(origin, given.get("pool"))
        if connection is None:
            try:
                connection = self._connect(origin, request, given.get("connect"))
            except BaseException:
                self._release_room()
                raise
        try:
            self._send(connection.sock, request, given.get("write"))
            connection.sock.settimeout(given.get("read"))
            with _reading(request):
                response = http.client.HTTPResponse(connection.sock, method=request.method)
                response.begin()
        except BaseException:
            self._release(connection, reusable=False)
            raise
        extensions = response_extensions(response.reason)
        extensions["network_stream"] = _Socket(connection.sock)
        return httpx.Response(
            status_code=response.status,
            headers=[
                (name.encode("latin-1"), value.encode("latin-1"))
                for name, value in response.msg.items()
            ],
            stream=_Body(self, connection, response, request),
            extensions=extensions,
        )

    def _send(self, sock: socket.socket, request: httpx.Request, timeout: float | None) -> None:
        sock.settimeout(timeout)
        url = request.url
        target, proxy = url.raw_path, self._proxy(url.scheme, url.host)
        if proxy is not None and url.scheme == "http":  # a forward proxy: absolute form
            target = str(url.copy_with(fragment=None)).encode("ascii")
        lines = [b"%s %s HTTP/1.1\r\n" % (request.method.encode("ascii"), target)]
        for name, value in request.headers.raw:
            if b"\n" in value or b"\r" in value or b"\n" in name or b"\r" in name:
                raise httpx.LocalProtocolError(f"header {name!r} holds a line break")
            lines.append(b"%s: %s\r\n" % (name, value))
        if proxy is not None and url.scheme == "http":
            lines.append(_proxy_authorization(proxy))
        lines.append(b"\r\n")
        stream = request.stream
        try:
            if type(stream) is httpx.ByteStream:  # bytes in memory (a subclass may stream a file)
                body = b"".join(stream)
                if len(body) <= CHUNK:
                    sock.sendall(b"".join(lines) + body)
                else:
                    sock.sendall(b"".join(lines))
                    sock.sendall(body)
                return
            sock.sendall(b"".join(lines))
            chunked = "content-length" not in request.headers
            for chunk in cast(Iterable[bytes], stream):
                if not chunk:
                    continue
                sock.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk) if chunked else chunk)
            if chunked:
                sock.sendall(b"0\r\n\r\n")
        except TimeoutError as exc:
            raise httpx.WriteTimeout(str(exc) or "timed out sending", request=request) from exc
        except OSError as exc:
            raise httpx.WriteError(str(exc) or type(exc).__name__, request=request) from exc

    def _proxy(self, scheme: str, host: str) -> str | None:
        return self._proxies.for_origin(scheme, host) if self._proxies else None

    # -- connecting -------------------------------------------------------------------------

    def _connect(
        self, origin: Origin, request: httpx.Request, timeout: float | None
    ) -> _Connection:
        scheme, host, port = origin
        proxy = self._proxy(scheme, host)
        try:
            if proxy is None:
                sock = socket.create_connection((host, port), timeout=timeout)
            else:
                sock = self._through_proxy(proxy, origin, request, timeout)
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            if scheme == "https":
                context = shared_ssl_context(self._settings.verify)
                sock = context.wrap_socket(sock, server_hostname=host)
        except TimeoutError as exc:
            raise httpx.ConnectTimeout(
                str(exc) or f"timed out connecting to {host}:{port}", request=request
            ) from exc
        except httpx.TransportError:
            raise
        except OSError as exc:  # refused, unreachable, DNS, TLS handshake or certificate
            raise httpx.ConnectError(str(exc) or type(exc).__name__, request=request) from exc
        return _Connection(sock, origin)

    def _through_proxy(
        self, proxy: str, origin: Origin, request: httpx.Request, timeout: float | None
    ) -> socket.socket:
        """A socket to the proxy; for HTTPS, tunnelled to the origin by CONNECT."""
        parts = urlsplit(proxy)
        if parts.scheme not in ("http", ""):
            raise httpx.ProxyError(
                f"unsupported proxy scheme {parts.scheme}:// (only http:// proxies)",
                request=request,
            )
        sock = socket.create_connection((parts.hostname or "", parts.port or 80), timeout=timeout)
        scheme, host, port = origin
        if scheme == "http":
            return sock
        auth = _proxy_authorization(proxy)
        authority = f"{host}:{port}".encode("idna")
        sock.sendall(b"CONNECT %s HTTP/1.1\r\nHost: %s\r\n%s\r\n" % (authority, authority, auth))
        answer = http.client.HTTPResponse(sock, method="CONNECT")
        answer.begin()
        if answer.status != 200:
            sock.close()
            raise httpx.ProxyError(
                f"the proxy refused the tunnel to {host}:{port}: {answer.status} {answer.reason}",
                request=request,
            )
        return sock

    def _httpx_transport(self) -> httpx.HTTPTransport:
        if self._httpx is None:
            self._httpx = httpx.HTTPTransport(**self._settings.transport_options())
        return self._httpx

    def close(self) -> None:
        with self._changed:
            self._closed = True
            for connections in self._idle.values():
                while connections:
                    connections.pop().close()
                    self._open -= 1
            self._idle_count = 0
        if self._httpx is not None:
            self._httpx.close()
