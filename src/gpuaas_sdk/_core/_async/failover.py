"""The failover transport: sends to the request's origin, or the next one that is up.

The origins, their turns and their rest are in `failover.py` (`Origins`).
"""

from __future__ import annotations

from gpuaas_api.http_stack import httpx

from ..failover import FAILED, UNREACHABLE, Origins


class AsyncFailoverTransport(httpx.AsyncBaseTransport):
    """One that cannot be reached hands the request over to the next; a failed one rests."""

    def __init__(self, inner: httpx.AsyncBaseTransport, origins: Origins) -> None:
        self._inner = inner
        self._origins = origins

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        order = self._origins.order(request)
        for position, index in enumerate(order):
            self._origins.point(request, index)
            try:
                response = await self._inner.handle_async_request(request)
            except FAILED as exc:
                self._origins.failed(index)
                if not isinstance(exc, UNREACHABLE):
                    raise  # it may have been processed: whether to resend is the retries' call
                if position == len(order) - 1:
                    raise self._origins.none_reachable(exc, request) from exc
                continue
            self._origins.answered(index)
            return response
        raise AssertionError("unreachable: the loop returns or raises")

    async def aclose(self) -> None:
        await self._inner.aclose()
