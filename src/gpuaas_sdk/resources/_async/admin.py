"""Platform administration (needs the `platform_admin` role): `client.nodes`, `client.ops`,"""

from __future__ import annotations

from typing import TYPE_CHECKING, Unpack

from gpuaas_api.models import (
    AuditEvent,
    Node,
    OpsOverview,
)

from ..._core._async.pager import AsyncPager
from ..._core.call import RequestOptions
from .._lazy import RawResponses
from ..admin import Instant, _audit, _drain, _get_node, _list_nodes, _overview, _window
from ._base import AsyncAPIResource

if TYPE_CHECKING:
    from .._raw import (
        AsyncAuditResourceWithRawResponse,
        AsyncNodesResourceWithRawResponse,
        AsyncOpsResourceWithRawResponse,
    )


class AsyncNodesResource(AsyncAPIResource):
    with_raw_response: RawResponses[AsyncNodesResourceWithRawResponse] = RawResponses()
    """Each method, returning its HTTP answer beside its result (`RawResponse`)."""

    def list(
        self,
        *,
        region_code: str | None = None,
        status: str | None = None,
        page_size: int | None = None,
        **options: Unpack[RequestOptions],
    ) -> AsyncPager[Node]:
        """The fleet's GPU nodes by region, then id, fetched lazily."""
        return AsyncPager(
            lambda c: self._run(_list_nodes(c, region_code, status, page_size), options)
        )

    async def get(self, node_id: str, **options: Unpack[RequestOptions]) -> Node:
        """One node (admins only): its GPUs, what is allocated and whether it drains."""
        return await self._run(_get_node(node_id), options)

    async def drain(
        self,
        node_id: str,
        *,
        reason: str,
        idempotency_key: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> Node:
        """Take no new allocations on the node; it is `drained` once its allocations end."""
        return await self._run(_drain(node_id, reason, idempotency_key), options)


class AsyncOpsResource(AsyncAPIResource):
    with_raw_response: RawResponses[AsyncOpsResourceWithRawResponse] = RawResponses()
    """Each method, returning its HTTP answer beside its result (`RawResponse`)."""

    async def overview(self, **options: Unpack[RequestOptions]) -> OpsOverview:
        """Nodes and allocations by state, GPUs and app instances, across all tenants."""
        return await self._run(_overview(), options)


class AsyncAuditResource(AsyncAPIResource):
    with_raw_response: RawResponses[AsyncAuditResourceWithRawResponse] = RawResponses()
    """Each method, returning its HTTP answer beside its result (`RawResponse`)."""

    def list(
        self,
        *,
        since: Instant | None = None,
        until: Instant | None = None,
        actor_id: str | None = None,
        action: str | None = None,
        page_size: int | None = None,
        **options: Unpack[RequestOptions],
    ) -> AsyncPager[AuditEvent]:
        """Audit events in [since, until), oldest first, fetched lazily (an export resumes)."""
        start, end = _window(since, until)
        return AsyncPager(
            lambda c: self._run(_audit(c, start, end, actor_id, action, page_size), options)
        )
