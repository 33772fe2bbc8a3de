"""`client.auth`: who the client acts as, and logging out."""

from __future__ import annotations

from typing import Any

import httpx
from gpuaas_api.api.auth import logout, who_am_i
from gpuaas_api.exceptions import TokenInvalid
from gpuaas_api.models import LogoutRequest, Principal

from .._core.call import Call
from ..auth import RefreshingAuth, StaticTokenAuth
from ._base import AsyncResource, SyncResource


def _whoami() -> Call[Principal]:
    return Call(who_am_i, {}, Principal)


def _logout(auth: httpx.Auth | None) -> Call[None] | None:
    """The logout call for this handler, or None when it holds no login to revoke."""
    if isinstance(auth, RefreshingAuth):
        if not auth.has_session():
            return None  # never logged in (or already out): logging in to log out is pointless
        refresh_token = auth.session_refresh_token()
        if refresh_token:
            return Call(logout, {"body": LogoutRequest(refresh_token=refresh_token)}, type(None))
    return Call(logout, {}, type(None))


def _forget(auth: httpx.Auth | None) -> None:
    if isinstance(auth, RefreshingAuth | StaticTokenAuth):
        auth.forget()


class AuthResource(SyncResource):
    def whoami(self) -> Principal:
        """The calling principal: its kind, tenant, default project and roles."""
        return self._run(_whoami())

    def logout(self) -> None:
        """Log out: revoke this client's login on the platform and forget its tokens.

        The auth handler's refresh token is sent too, and its token store's entry for
        the profile is removed (a CLI sharing it is logged out as well). A password or
        browser login then logs in again on the next call; a static token is gone and
        later calls raise `AuthenticationError` (create a client with a new token).
        A `token_invalid` answer (a retried logout whose first answer was lost) counts
        as done.
        """
        auth: Any = self._raw.get_httpx_client().auth
        call = _logout(auth)
        if call is not None:
            try:
                self._run(call)
            except TokenInvalid:
                if auth is None:  # no credentials at all: nothing was ever logged in
                    raise
        _forget(auth)


class AsyncAuthResource(AsyncResource):
    async def whoami(self) -> Principal:
        """The calling principal: its kind, tenant, default project and roles."""
        return await self._run(_whoami())

    async def logout(self) -> None:
        """The async twin of `AuthResource.logout`."""
        auth: Any = self._raw.get_async_httpx_client().auth
        call = _logout(auth)
        if call is not None:
            try:
                await self._run(call)
            except TokenInvalid:
                if auth is None:  # no credentials at all: nothing was ever logged in
                    raise
        _forget(auth)
