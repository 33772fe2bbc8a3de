"""What the SDK's own transports share: one SSL context, proxies from the environment.

The transports move the bytes of the httpx client above them (`http.client` for
`Client`, aiohttp for `AsyncClient`: `stdlib_transport.py`, `aiohttp_transport.py`), measured
faster than httpx's own (bench/README.md). Auth, hooks, retries and typed errors stay
above them. Building an SSL context loads a CA bundle (~20 ms, ~800 kB), so every
client of the process shares one per `verify` value, built by the first connection
that needs it.
"""

from __future__ import annotations

import os
import sys
import threading
import urllib.request
from typing import TYPE_CHECKING, Any

from gpuaas_api.http_stack import httpx

from ..errors import ConfigurationError

if TYPE_CHECKING:
    import ssl

_lock = threading.Lock()
_contexts: dict[bool | str, ssl.SSLContext] = {}


def shared_ssl_context(verify: bool | str = True) -> ssl.SSLContext:
    """The process's SSL context for `verify` (True: httpx's CA store and SSL_CERT_FILE /
    SSL_CERT_DIR; a path: that CA bundle; False: no check)."""
    context = _contexts.get(verify)
    if context is None:
        with _lock:
            context = _contexts.get(verify)
            if context is None:
                made = tls_verification(verify)
                context = made if not isinstance(made, bool) else httpx.create_ssl_context(made)
                _contexts[verify] = context
    return context


class EnvironmentProxies:
    """The proxy of an origin from HTTP(S)_PROXY / ALL_PROXY / NO_PROXY, as httpx reads them.

    Read when the transport is built; the answer for each origin is kept.
    """

    def __init__(self) -> None:
        found = urllib.request.getproxies_environment()
        self._proxies = {scheme: url for scheme, url in found.items() if url}
        self._decided: dict[tuple[str, str], str | None] = {}

    def __bool__(self) -> bool:
        return bool(self._proxies)

    def for_origin(self, scheme: str, host: str) -> str | None:
        """The proxy URL for `scheme://host`, or None to connect directly."""
        key = (scheme, host)
        if key not in self._decided:
            proxy = self._proxies.get(scheme) or self._proxies.get("all")
            bypass = urllib.request.proxy_bypass_environment  # type: ignore[attr-defined]
            if proxy and bypass(host, self._proxies):
                proxy = None
            if proxy and "://" not in proxy:
                proxy = "http://" + proxy
            self._decided[key] = proxy
        return self._decided[key]


def timeouts(request: httpx.Request) -> dict[str, float | None]:
    """The request's timeout extension (httpx sets it from the client's or the call's)."""
    found: dict[str, float | None] = request.extensions.get("timeout", {})
    return found


def needs_httpx_transport(request: httpx.Request) -> bool:
    """A WebSocket handshake (httpx-ws speaks over httpcore's stream), or respx mocking
    httpx in a test: then httpx's own transport sends the request, so respx's routes
    answer it as they would without the SDK."""
    return "upgrade" in request.headers or respx_mocking()


def respx_mocking() -> bool:
    """Whether respx mocks httpx now (a test): its routes must see every request."""
    mocks = sys.modules.get("respx.mocks")
    return mocks is not None and any(m.routers for m in mocks.Mocker.registry.values())


def response_extensions(reason: str | None) -> dict[str, Any]:
    extensions: dict[str, Any] = {"http_version": b"HTTP/1.1"}
    if reason:
        extensions["reason_phrase"] = reason.encode("ascii", "replace")
    return extensions


def tls_verification(verify: bool | str) -> bool | ssl.SSLContext:
    """`verify` as httpx takes it: a CA bundle path becomes an SSL context that trusts it."""
    if isinstance(verify, bool):
        return verify
    import ssl  # only clients given their own CA bundle need it here

    try:
        if os.path.isdir(verify):
            return ssl.create_default_context(capath=verify)
        return ssl.create_default_context(cafile=verify)
    except (ssl.SSLError, OSError) as exc:
        raise ConfigurationError(
            f"verify={verify!r} is not a CA bundle this client can read ({exc}); pass the"
            " path of a PEM file (or folder) of CA certificates"
        ) from None
