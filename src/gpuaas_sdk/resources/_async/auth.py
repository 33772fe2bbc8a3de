"""`client.auth`: who the client acts as, and logging out."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Unpack

from gpuaas_api.exceptions import TokenInvalid
from gpuaas_api.models import Principal

from ..._core.call import RequestOptions
from .._lazy import RawResponses
from ..auth import _forget, _logout, _whoami
from ._base import AsyncAPIResource

if TYPE_CHECKING:
    from .._raw import AsyncAuthResourceWithRawResponse


class AsyncAuthResource(AsyncAPIResource):
    with_raw_response: RawResponses[AsyncAuthResourceWithRawResponse] = RawResponses()
    """Each method, returning its HTTP answer beside its result (`RawResponse`)."""

    async def whoami(self, **options: Unpack[RequestOptions]) -> Principal:
        """The calling principal: its kind, tenant, default project and roles."""
        return await self._run(_whoami(), options)

    async def logout(self, **options: Unpack[RequestOptions]) -> None:
        """Log out: revoke this client's login on the platform and forget its tokens.

        The auth handler's refresh token is sent too, and its token store's entry for
        the profile is removed (a CLI sharing it is logged out as well). A password or
        browser login then logs in again on the next call; a static token is gone and
        later calls raise `AuthenticationError` (create a client with a new token).
        A `token_invalid` answer (a retried logout whose first answer was lost) counts
        as done.
        """
        auth: Any = self._raw.get_async_httpx_client().auth
        call = _logout(auth)
        if call is not None:
            try:
                await self._run(call, options)
            except TokenInvalid:
                if auth is None:  # no credentials at all: nothing was ever logged in
                    raise
        _forget(auth)
