"""Failover across several base URLs of the same platform: the origins and their order.

Sits under the retry layer: a request goes to the preferred origin; when that
origin cannot be reached (nothing was sent), the next one is tried at once and
becomes preferred. Retries, auth and errors above it are unchanged.
"""

from __future__ import annotations

import logging
import threading

import httpx

log = logging.getLogger("gpuaas_sdk")
UNREACHABLE = (httpx.ConnectError, httpx.ConnectTimeout)


class Origins:
    def __init__(self, base_urls: list[str]) -> None:
        self.urls = [httpx.URL(u) for u in base_urls]
        self.preferred = 0
        self._lock = threading.Lock()

    def order(self) -> list[int]:
        start = self.preferred
        return [(start + i) % len(self.urls) for i in range(len(self.urls))]

    def point(self, request: httpx.Request, index: int) -> None:
        origin = self.urls[index]
        request.url = request.url.copy_with(
            scheme=origin.scheme, host=origin.host, port=origin.port
        )
        request.headers["Host"] = origin.netloc.decode("ascii")

    def none_reachable(self, last: httpx.TransportError, request: httpx.Request) -> Exception:
        """The last failure, naming every origin that was tried."""
        tried = ", ".join(str(url) for url in self.urls)
        return type(last)(f"{last} (none of the base URLs answered: {tried})", request=request)

    def prefer(self, index: int) -> None:
        with self._lock:
            if index != self.preferred:
                log.warning("failing over to %s", self.urls[index])
                self.preferred = index
