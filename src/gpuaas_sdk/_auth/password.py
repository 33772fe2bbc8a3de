"""Username and password against the dev identity provider."""

from __future__ import annotations

from typing import TYPE_CHECKING

from gpuaas_api.http_stack import httpx

from .refreshing import RefreshingAuth

if TYPE_CHECKING:
    from .token_store import TokenStore


class DevPasswordAuth(RefreshingAuth):
    """Username and password against the dev identity provider (never production)."""

    login_path = "/v1/auth/login"

    def __init__(
        self,
        username: str,
        password: str,
        *,
        base_url: str | None = None,
        token_store: TokenStore | None = None,
        profile: str = "default",
    ) -> None:
        if not username or not password:
            raise ValueError("DevPasswordAuth needs a username and a password")
        super().__init__(base_url=base_url, token_store=token_store, profile=profile)
        self.username = username
        self._password = password

    def _grant_request(self, origin: httpx.Request) -> httpx.Request:
        return self._post(
            origin, self.login_path, {"username": self.username, "password": self._password}
        )

    def __repr__(self) -> str:
        return f"DevPasswordAuth(username={self.username!r}, password=<redacted>)"
