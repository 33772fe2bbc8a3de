"""Auth handlers: they attach a bearer token and keep it fresh.

Each handler is an `httpx.Auth`, so every request through the client, the
generated layer's included, is authenticated the same way. Refreshable handlers
refresh when the token is close to expiry and once more when the API answers
`token_expired`; concurrent callers share one refresh (a lock per client kind:
threads for `Client`, tasks for `AsyncClient`).
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import AsyncGenerator, Generator
from dataclasses import dataclass

import httpx
from gpuaas_api.exceptions import AuthenticationError, MalformedResponseError

from ._error_mapping import error_code, error_from_response

REFRESH_MARGIN = 60.0
"""Refresh when the token has less than this many seconds left (or half its lifetime)."""


class StaticTokenAuth(httpx.Auth):
    """A bearer token you manage yourself; it is never refreshed."""

    def __init__(self, token: str) -> None:
        if not token:
            raise ValueError("StaticTokenAuth needs a non-empty token")
        self._header = f"Bearer {token}"

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["Authorization"] = self._header
        yield request

    def __repr__(self) -> str:
        return "StaticTokenAuth(token=<redacted>)"


@dataclass(frozen=True)
class TokenSet:
    access_token: str
    refresh_token: str | None
    expires_at: float
    """`time.monotonic()` at which the access token expires."""
    lifetime: float

    def is_stale(self, now: float) -> bool:
        margin = min(REFRESH_MARGIN, self.lifetime / 2)
        return self.expires_at - now <= margin


class RefreshingAuth(httpx.Auth):
    """Base of handlers that obtain tokens from the platform and refresh them.

    Subclasses say how to get a first token (`_grant_request`); refresh with
    rotation is shared. The token exchange runs through the same client, so it
    gets the same transport, retries and timeouts.
    """

    refresh_path = "/v1/auth/token/refresh"

    def __init__(self, *, base_url: str | None = None) -> None:
        self._base_url = httpx.URL(base_url) if base_url else None
        self._tokens: TokenSet | None = None
        self._thread_lock = threading.Lock()
        self._task_lock = asyncio.Lock()

    @property
    def tokens(self) -> TokenSet | None:
        return self._tokens

    # --- what a subclass provides -------------------------------------------------

    def _grant_request(self, origin: httpx.Request) -> httpx.Request:
        raise NotImplementedError

    # --- shared logic ---------------------------------------------------------------

    def _post(self, origin: httpx.Request, path: str, body: dict[str, str]) -> httpx.Request:
        """A token request beside `origin`, with its timeout and user agent."""
        if self._base_url is not None:
            url = self._base_url.join(path)
        else:
            url = origin.url.copy_with(raw_path=path.encode("ascii"), fragment=None)
        headers = {k: v for k, v in origin.headers.items() if k.lower() == "user-agent"}
        return httpx.Request(
            "POST",
            url,
            json=body,
            headers=headers,
            extensions={"timeout": origin.extensions.get("timeout", {})},
        )

    def _token_request(self, origin: httpx.Request) -> httpx.Request:
        """Refresh when a refresh token is held, else a first grant."""
        tokens = self._tokens
        if tokens is not None and tokens.refresh_token:
            return self._post(origin, self.refresh_path, {"refresh_token": tokens.refresh_token})
        return self._grant_request(origin)

    def _needs_token(self, spent: str | None = None) -> bool:
        tokens = self._tokens
        if tokens is None:
            return True
        if spent is not None:
            return tokens.access_token == spent
        return tokens.is_stale(time.monotonic())

    def _accept(self, request: httpx.Request, response: httpx.Response) -> bool:
        """Store the tokens of a read token response; False if a first grant should follow.

        A rejected refresh (expired or revoked family) falls back to a first grant
        once; any other failure is raised as its typed error.
        """
        if response.is_error:
            was_refresh = request.url.path.endswith(self.refresh_path)
            if was_refresh and response.status_code == 401 and self._can_regrant():
                self._tokens = None
                return False
            raise error_from_response(response)
        try:
            body = json.loads(response.content)
            lifetime = float(body["expires_in"])
            self._tokens = TokenSet(
                access_token=str(body["access_token"]),
                refresh_token=body.get("refresh_token"),
                expires_at=time.monotonic() + lifetime,
                lifetime=lifetime,
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise MalformedResponseError(
                f"the token endpoint answered an unreadable body: {exc}",
                code="malformed_token_response",
                status_code=response.status_code,
            ) from exc
        return True

    def _can_regrant(self) -> bool:
        """Whether a first grant can replace a rejected refresh (password: yes)."""
        return True

    def _authorized(self, request: httpx.Request) -> tuple[httpx.Request, str]:
        if self._tokens is None:
            raise AuthenticationError("no access token could be obtained", code="token_invalid")
        token = self._tokens.access_token
        request.headers["Authorization"] = f"Bearer {token}"
        return request, token

    def sync_auth_flow(
        self, request: httpx.Request
    ) -> Generator[httpx.Request, httpx.Response, None]:
        spent: str | None = None
        for _ in range(2):
            if self._needs_token(spent):
                with self._thread_lock:
                    for _ in range(2):
                        if not self._needs_token(spent):
                            break
                        token_request = self._token_request(request)
                        token_response = yield token_request
                        token_response.read()
                        if self._accept(token_request, token_response):
                            break
            request, used = self._authorized(request)
            response = yield request
            if response.status_code != 401:
                return
            response.read()
            if error_code(response) != "token_expired" or spent is not None:
                return
            spent = used

    async def async_auth_flow(
        self, request: httpx.Request
    ) -> AsyncGenerator[httpx.Request, httpx.Response]:
        spent: str | None = None
        for _ in range(2):
            if self._needs_token(spent):
                async with self._task_lock:
                    for _ in range(2):
                        if not self._needs_token(spent):
                            break
                        token_request = self._token_request(request)
                        token_response = yield token_request
                        await token_response.aread()
                        if self._accept(token_request, token_response):
                            break
            request, used = self._authorized(request)
            response = yield request
            if response.status_code != 401:
                return
            await response.aread()
            if error_code(response) != "token_expired" or spent is not None:
                return
            spent = used


class DevPasswordAuth(RefreshingAuth):
    """Username and password against the dev identity provider (never production)."""

    login_path = "/v1/auth/login"

    def __init__(self, username: str, password: str, *, base_url: str | None = None) -> None:
        if not username or not password:
            raise ValueError("DevPasswordAuth needs a username and a password")
        super().__init__(base_url=base_url)
        self.username = username
        self._password = password

    def _grant_request(self, origin: httpx.Request) -> httpx.Request:
        return self._post(
            origin, self.login_path, {"username": self.username, "password": self._password}
        )

    def __repr__(self) -> str:
        return f"DevPasswordAuth(username={self.username!r}, password=<redacted>)"


__all__ = ["DevPasswordAuth", "RefreshingAuth", "StaticTokenAuth", "TokenSet"]
