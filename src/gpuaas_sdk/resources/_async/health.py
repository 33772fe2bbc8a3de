"""health"""

from __future__ import annotations

from typing import TYPE_CHECKING, Unpack

from gpuaas_api.models import Health

from ..._core.call import RequestOptions
from .._lazy import RawResponses
from ..health import _check
from ._base import AsyncAPIResource

if TYPE_CHECKING:
    from .._raw import AsyncHealthResourceWithRawResponse


class AsyncHealthResource(AsyncAPIResource):
    with_raw_response: RawResponses[AsyncHealthResourceWithRawResponse] = RawResponses()
    """Each method, returning its HTTP answer beside its result (`RawResponse`)."""

    async def check(self, **options: Unpack[RequestOptions]) -> Health:
        """Whether the platform is serving; needs no credentials."""
        return await self._run(_check(), options)
