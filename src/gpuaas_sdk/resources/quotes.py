"""`client.quotes` (price quotes of the catalog) and `client.connections` (of allocations).

Kept apart from `catalog.py` and `allocations.py` so areas can be built in
parallel; they are meant to move onto `client.catalog` and `client.allocations`.
"""

from __future__ import annotations

from gpuaas_api.api.allocations import get_allocation_connection
from gpuaas_api.api.catalog import create_price_quote
from gpuaas_api.models import Connection, PriceQuote, PriceQuoteRequest

from .._resource import Call, unset_if_none
from ._base import AsyncResource, SyncResource

__all__ = [
    "AsyncConnectionsResource",
    "AsyncQuotesResource",
    "ConnectionsResource",
    "QuotesResource",
]


def _quote(sku: str, gpus_total: int, hours: float, region_code: str | None) -> Call[PriceQuote]:
    body = PriceQuoteRequest(
        sku=sku, gpus_total=gpus_total, hours=hours, region_code=unset_if_none(region_code)
    )
    return Call(create_price_quote, {"body": body}, PriceQuote)


def _connection(allocation_id: str) -> Call[Connection]:
    return Call(get_allocation_connection, {"allocation_id": allocation_id}, Connection)


class QuotesResource(SyncResource):
    def create(
        self, *, sku: str, gpus_total: int, hours: float, region_code: str | None = None
    ) -> PriceQuote:
        """What `gpus_total` GPUs of `sku` cost for `hours`, honoured until `valid_until`."""
        return self._run(_quote(sku, gpus_total, hours, region_code))


class AsyncQuotesResource(AsyncResource):
    async def create(
        self, *, sku: str, gpus_total: int, hours: float, region_code: str | None = None
    ) -> PriceQuote:
        """What `gpus_total` GPUs of `sku` cost for `hours`, honoured until `valid_until`."""
        return await self._run(_quote(sku, gpus_total, hours, region_code))


class ConnectionsResource(SyncResource):
    def get(self, allocation_id: str) -> Connection:
        """How to reach an active allocation; `AllocationNotActive` before and after."""
        return self._run(_connection(allocation_id))


class AsyncConnectionsResource(AsyncResource):
    async def get(self, allocation_id: str) -> Connection:
        """How to reach an active allocation; `AllocationNotActive` before and after."""
        return await self._run(_connection(allocation_id))
