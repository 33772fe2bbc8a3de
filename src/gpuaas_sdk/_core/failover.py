"""Several base URLs of one platform: taken in turn, and a failed one rests for a while.

Each request takes the next base URL in turn that is not resting (round-robin); it is
chosen before the request hooks run (`Origins.assign` is the first hook), so they see
it. Under the retry layer, the failover transport sends the request there; when that
origin cannot be reached (nothing was sent), the next one that is up is tried at once.
An origin that could not be reached, or timed out, rests for `cooldown` seconds: no
request is sent to it unless every origin is resting, when the one back soonest is
tried. An answer, whatever its status, brings an origin back at once. Responses keep
the URL that answered in `response.request.url`.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence

from gpuaas_api.http_stack import httpx

log = logging.getLogger("gpuaas_sdk")
UNREACHABLE = (httpx.ConnectError, httpx.ConnectTimeout)
"""Failures before anything was sent: the request goes to the next origin at once."""
FAILED = (*UNREACHABLE, httpx.ReadTimeout, httpx.WriteTimeout)
"""Failures that make an origin rest (a timed-out request is not resent here: retries decide)."""


class Origins:
    """The base URLs of one platform, their turn, and when each may be used again."""

    def __init__(
        self,
        base_urls: Sequence[str],
        cooldown: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.urls = [httpx.URL(u) for u in base_urls]
        self.cooldown = cooldown
        self._clock = clock
        self._resting_until = [0.0] * len(self.urls)
        self._turn = 0
        self._lock = threading.Lock()

    def assign(self, request: httpx.Request) -> None:
        """Point a request at the next origin in turn that is not resting (a request hook)."""
        self.point(request, self._take_turn())

    def order(self, request: httpx.Request) -> list[int]:
        """Where to send `request`: its own origin, then those that are up, then the resting."""
        own = self._index_of(request.url)
        with self._lock:
            now = self._clock()
            if own is None or self._resting_until[own] > now:
                own = self._next_up(now)
            others = [(own + step) % len(self.urls) for step in range(1, len(self.urls))]
            up = [i for i in others if self._resting_until[i] <= now]
            resting = sorted(
                (i for i in others if i not in up), key=self._resting_until.__getitem__
            )
        return [own, *up, *resting]

    def point(self, request: httpx.Request, index: int) -> None:
        origin = self.urls[index]
        request.url = request.url.copy_with(
            scheme=origin.scheme, host=origin.host, port=origin.port
        )
        request.headers["Host"] = origin.netloc.decode("ascii")

    def failed(self, index: int) -> None:
        """The origin could not be reached or timed out: it rests for `cooldown` seconds."""
        with self._lock:
            resting = self._resting_until[index] > self._clock()
            self._resting_until[index] = self._clock() + self.cooldown
        if not resting:
            log.warning(
                "%s did not answer; the other base URLs take its requests for %g s",
                self.urls[index],
                self.cooldown,
            )

    def answered(self, index: int) -> None:
        with self._lock:
            self._resting_until[index] = 0.0

    def none_reachable(self, last: httpx.TransportError, request: httpx.Request) -> Exception:
        """The last failure, naming every origin that was tried."""
        tried = ", ".join(str(url) for url in self.urls)
        return type(last)(f"{last} (none of the base URLs answered: {tried})", request=request)

    def _take_turn(self) -> int:
        with self._lock:
            index = self._next_up(self._clock())
            self._turn = index + 1
            return index

    def _next_up(self, now: float) -> int:
        """The next origin in turn that is not resting; all resting: the one back soonest."""
        count = len(self.urls)
        for step in range(count):
            index = (self._turn + step) % count
            if self._resting_until[index] <= now:
                return index
        return min(range(count), key=self._resting_until.__getitem__)

    def _index_of(self, url: httpx.URL) -> int | None:
        for index, origin in enumerate(self.urls):
            if (url.scheme, url.host, url.port) == (origin.scheme, origin.host, origin.port):
                return index
        return None
