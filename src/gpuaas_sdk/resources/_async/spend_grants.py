"""`client.spend_grants`: money delegated to unattended callers, with an expiry and SKUs."""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING, Unpack

from gpuaas_api.models import SpendGrant, SpendGrantCreated

from ..._core._async.pager import AsyncPager
from ..._core.call import RequestOptions
from .._lazy import RawResponses
from ..billing import Instant
from ..spend_grants import _create, _get, _list, _revoke
from ._base import AsyncAPIResource

if TYPE_CHECKING:
    from .._raw import AsyncSpendGrantsResourceWithRawResponse


class AsyncSpendGrantsResource(AsyncAPIResource):
    with_raw_response: RawResponses[AsyncSpendGrantsResourceWithRawResponse] = RawResponses()
    """Each method, returning its HTTP answer beside its result (`RawResponse`)."""

    async def create(
        self,
        *,
        name: str,
        amount_minor: int,
        expires_at: Instant,
        allowed_skus: Collection[str],
        currency: str = "USD",
        project_id: str | None = None,
        idempotency_key: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> SpendGrantCreated:
        """Delegate `amount_minor` to an unattended caller; the grant and its token.

        Hand `created.token` to the agent or CI job (`Client(base_url, auth=token)`): it
        can create allocations, fleets and holds of `allowed_skus` in `project_id` (your
        default project when left out) until `expires_at`, and read what it needs, and
        nothing else. Everything it creates together never commits more than
        `amount_minor` (`BudgetExceeded` otherwise), and its allocations stop at the end
        of their commitment. The token is shown only here. Retried safely.
        """
        call = _create(
            name, amount_minor, currency, expires_at, allowed_skus, project_id, idempotency_key
        )
        return await self._run(call, options)

    def list(
        self, *, page_size: int | None = None, **options: Unpack[RequestOptions]
    ) -> AsyncPager[SpendGrant]:
        """The tenant's grants, newest first, fetched lazily."""
        return AsyncPager(lambda c: self._run(_list(c, page_size), options))

    async def get(self, grant_id: str, **options: Unpack[RequestOptions]) -> SpendGrant:
        """A grant with what it spent, committed and has left; its own token may read it."""
        return await self._run(_get(grant_id), options)

    async def revoke(self, grant_id: str, **options: Unpack[RequestOptions]) -> SpendGrant:
        """Revoke the grant: its token stops working at once (what it created runs on)."""
        return await self._run(_revoke(grant_id), options)
