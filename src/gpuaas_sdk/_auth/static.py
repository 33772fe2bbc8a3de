"""A bearer token the caller manages; never refreshed."""

from __future__ import annotations

from collections.abc import Generator

from gpuaas_api.exceptions import AuthenticationError
from gpuaas_api.http_stack import httpx


class StaticTokenAuth(httpx.Auth):
    """A bearer token you manage yourself; it is never refreshed."""

    def __init__(self, token: str) -> None:
        if not token:
            raise ValueError("StaticTokenAuth needs a non-empty token")
        self._header: str | None = f"Bearer {token}"

    def forget(self) -> None:
        """Drop the token (after a logout revoked it): later calls fail until a new client."""
        self._header = None

    def current_header(self) -> str | None:
        """The Authorization header a request gets (None after `forget`: the flow refuses)."""
        return self._header

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        if self._header is None:
            raise AuthenticationError(
                "this client logged out and its token is revoked; log in again and create "
                "a client with the new token",
                code="token_invalid",
            )
        request.headers["Authorization"] = self._header
        yield request

    def __repr__(self) -> str:
        return "StaticTokenAuth(token=<redacted>)"
