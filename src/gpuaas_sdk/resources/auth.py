"""`client.auth`: who the client acts as, and logging out."""

from __future__ import annotations

from gpuaas_api.api.auth import logout, who_am_i
from gpuaas_api.http_stack import httpx
from gpuaas_api.models import LogoutRequest, Principal

from .._core.call import Call
from ..auth import RefreshingAuth, StaticTokenAuth


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
