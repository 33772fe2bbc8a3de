"""Browser sign-in: the OIDC authorization code flow with PKCE (S256) on a loopback redirect.

The first token needs a person: a one-shot HTTP listener on 127.0.0.1 waits for
the identity provider to send the browser back with a code, which is then traded
for tokens with the PKCE verifier. Refresh, rotation and persistence are the
shared ones of `RefreshingAuth`.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import http.server
import secrets
import sys
import threading
import webbrowser
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import parse_qs, urlencode, urlsplit

import httpx
from gpuaas_api.exceptions import AuthenticationError

from .refreshing import RefreshingAuth
from .token_store import TokenStore

__all__ = ["BrowserLoginError", "BrowserOIDCAuth"]

CALLBACK_PATH = "/callback"
DONE_PAGE = (
    b"<!doctype html><html><head><title>GPUaaS</title></head><body>"
    b"<p>Signed in. You can close this window and go back to your terminal.</p></body></html>"
)


class BrowserLoginError(AuthenticationError):
    """The browser sign-in did not complete: timed out, refused, or answered a wrong state."""

    def __init__(self, message: str, *, code: str) -> None:
        super().__init__(message, code=code)


def _pkce_pair() -> tuple[str, str]:
    """A fresh verifier (RFC 7636 §4.1) and its S256 challenge."""
    verifier = secrets.token_urlsafe(48)  # 64 unreserved characters
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return verifier, base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


@dataclass
class _Redirect:
    """What the browser brought back to the listener."""

    query: dict[str, list[str]]


class _Listener:
    """A one-shot loopback HTTP server that keeps the first `/callback` query it gets."""

    def __init__(self) -> None:
        self.received = threading.Event()
        self.redirect: _Redirect | None = None
        listener = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                parts = urlsplit(self.path)
                if parts.path != CALLBACK_PATH or listener.received.is_set():
                    self.send_error(404)
                    return
                listener.redirect = _Redirect(parse_qs(parts.query))
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(DONE_PAGE)))
                self.end_headers()
                self.wfile.write(DONE_PAGE)
                listener.received.set()

            def log_message(self, format: str, *args: object) -> None:
                """Silent: the query carries the authorization code."""

        self._server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="gpuaas-oidc-callback", daemon=True
        )

    @property
    def redirect_uri(self) -> str:
        return f"http://127.0.0.1:{self._server.server_port}{CALLBACK_PATH}"

    def __enter__(self) -> _Listener:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)


def _print_url(url: str) -> None:
    print(f"Open this URL in a browser to sign in to GPUaaS:\n\n    {url}\n", file=sys.stderr)


class BrowserOIDCAuth(RefreshingAuth):
    """Sign in through the browser once; tokens are then refreshed (and stored, if asked).

    `open_url` replaces the browser (a test, a custom launcher); without it the
    URL is opened with `webbrowser`, or printed when there is no browser or
    `open_browser` is False. `timeout` bounds the wait for the sign-in, in seconds.
    """

    interactive = True
    authorize_path = "/v1/auth/oidc/authorize"
    token_path = "/v1/auth/oidc/token"

    def __init__(
        self,
        *,
        tenant_hint: str | None = None,
        client_id: str = "gpuaas-sdk",
        base_url: str | None = None,
        open_browser: bool = True,
        timeout: float = 300,
        token_store: TokenStore | None = None,
        profile: str = "default",
        open_url: Callable[[str], object] | None = None,
    ) -> None:
        if not client_id:
            raise ValueError("BrowserOIDCAuth needs a client_id")
        if timeout <= 0:
            raise ValueError("BrowserOIDCAuth needs a positive timeout")
        super().__init__(base_url=base_url, token_store=token_store, profile=profile)
        self.tenant_hint = tenant_hint
        self.client_id = client_id
        self.open_browser = open_browser
        self.timeout = timeout
        self._open_url = open_url

    def _grant_request(self, origin: httpx.Request) -> httpx.Request:
        """Run the browser sign-in, then build the code exchange (runs under the refresh lock)."""
        verifier, challenge = _pkce_pair()
        state = secrets.token_urlsafe(24)
        with _Listener() as listener:
            params = {
                "response_type": "code",
                "client_id": self.client_id,
                "redirect_uri": listener.redirect_uri,
                "code_challenge": challenge,
                "code_challenge_method": "S256",
                "state": state,
            }
            if self.tenant_hint:
                params["tenant_hint"] = self.tenant_hint
            authorize = self._post(origin, self.authorize_path, {}).url
            self._show(str(authorize.copy_with(query=urlencode(params).encode("ascii"))))
            if not listener.received.wait(self.timeout):
                raise BrowserLoginError(
                    f"the browser sign-in did not finish within {self.timeout:g} s",
                    code="login_timeout",
                )
            redirect_uri, query = listener.redirect_uri, (listener.redirect or _Redirect({})).query
        code = self._checked_code(query, state)
        exchange = self._post(origin, self.token_path, {})
        return httpx.Request(
            "POST",
            exchange.url,
            data={
                "grant_type": "authorization_code",
                "code": code,
                "redirect_uri": redirect_uri,
                "client_id": self.client_id,
                "code_verifier": verifier,
            },
            headers={k: v for k, v in exchange.headers.items() if k.lower() == "user-agent"},
            extensions=exchange.extensions,
        )

    def _show(self, url: str) -> None:
        if self._open_url is not None:
            self._open_url(url)
        elif not (self.open_browser and webbrowser.open(url)):
            _print_url(url)

    @staticmethod
    def _checked_code(query: dict[str, list[str]], state: str) -> str:
        returned = (query.get("state") or [""])[0]
        if not hmac.compare_digest(returned.encode(), state.encode()):
            raise BrowserLoginError(
                "the sign-in answered a different state; it was not started here",
                code="login_state_mismatch",
            )
        if "error" in query:
            raise BrowserLoginError(
                f"the identity provider refused the sign-in: {query['error'][0]}",
                code="login_refused",
            )
        code = (query.get("code") or [""])[0]
        if not code:
            raise BrowserLoginError("the sign-in came back without a code", code="login_refused")
        return code

    def _can_regrant(self) -> bool:
        """A dead refresh token means signing in again through the browser."""
        return True

    def __repr__(self) -> str:
        return f"BrowserOIDCAuth(client_id={self.client_id!r}, tenant_hint={self.tenant_hint!r})"
