"""Browser sign-in: the OIDC authorization code flow with PKCE (S256) on a loopback redirect.

The first token needs a person: a one-shot HTTP listener on 127.0.0.1 waits for
the identity provider to send the browser back with a code, which is then traded
for tokens with the PKCE verifier. A redirect with an OAuth error instead (the
person cancelled, or was refused) ends the wait at once. The listener's page tells
the person how it went; stderr tells them where to sign in. Refresh, rotation and
persistence are the shared ones of `RefreshingAuth`.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import html
import http.server
import re
import secrets
import sys
import threading
import webbrowser
from collections.abc import Callable, Mapping
from typing import Literal
from urllib.parse import parse_qs, urlencode, urlsplit

from gpuaas_api.exceptions import AuthenticationError
from gpuaas_api.http_stack import httpx

from .refreshing import RefreshingAuth
from .token_store import FileTokenStore, TokenStore

__all__ = ["BrowserLoginError", "BrowserLoginRefused", "BrowserOIDCAuth"]

CALLBACK_PATH = "/callback"
_DESCRIPTION = re.compile(r"[^\x20-\x21\x23-\x5b\x5d-\x7e]")
"""What RFC 6749 §4.1.2.1 allows in `error_description`; anything else is dropped."""
_ICON = (
    "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'%3E"
    "%3Crect width='32' height='32' rx='7' fill='%234f46e5'/%3E%3C/svg%3E"
)
_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} · GPUaaS</title><link rel="icon" href="{icon}">
<style>body{{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;
padding:1.5rem 1rem;box-sizing:border-box;font:1rem/1.5 system-ui,sans-serif;background:#f2f3f7;
color:#1d2230}}main{{max-width:26rem;padding:2rem 1.75rem;background:#fff;border:1px solid #cfd4de;
border-radius:12px;text-align:center}}h1{{margin:0 0 .5rem;font-size:1.5rem}}p{{margin:.5rem 0}}
</style></head><body><main role="status"><h1>{title}</h1><p>{detail}</p>
<p>You can close this tab and go back to your terminal.</p></main></body></html>
"""


class BrowserLoginError(AuthenticationError):
    """The browser sign-in did not complete: timed out, refused, or answered a wrong state."""

    def __init__(
        self, message: str, *, code: str, details: Mapping[str, str] | None = None
    ) -> None:
        super().__init__(message, code=code, details=details)


class BrowserLoginRefused(BrowserLoginError):
    """The identity provider ended the sign-in without signing in (code `login_refused`).

    The person pressed Cancel, or the provider refused them (too many wrong
    passwords, no access). `error` is the OAuth error code the provider sent back
    (RFC 6749 §4.1.2.1, e.g. `access_denied`), `description` its explanation.
    Catch `BrowserLoginError` for every way a browser sign-in can fail.
    """

    def __init__(self, error: str, description: str | None) -> None:
        said = f": {description}" if description else ""
        super().__init__(
            f"the sign-in was not completed ({error}){said}",
            code="login_refused",
            details={"error": error, **({"error_description": description} if description else {})},
        )
        self.error = error
        self.description = description


def _pkce_pair() -> tuple[str, str]:
    """A fresh verifier (RFC 7636 §4.1) and its S256 challenge."""
    verifier = secrets.token_urlsafe(48)  # 64 unreserved characters
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return verifier, base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def _first(query: dict[str, list[str]], name: str) -> str:
    return (query.get(name) or [""])[0]


def _outcome(query: dict[str, list[str]], state: str) -> str | BrowserLoginError:
    """The code the redirect brought, or the error the sign-in ends with."""
    if not hmac.compare_digest(_first(query, "state").encode(), state.encode()):
        return BrowserLoginError(
            "the sign-in answered a different state; it was not started here",
            code="login_state_mismatch",
        )
    if "error" in query:
        error = _DESCRIPTION.sub("", _first(query, "error"))[:64] or "unknown_error"
        description = _DESCRIPTION.sub("", _first(query, "error_description"))[:300]
        return BrowserLoginRefused(error, description or None)
    code = _first(query, "code")
    if not code:
        return BrowserLoginError("the sign-in came back without a code", code="login_refused")
    return code


def _page(outcome: str | BrowserLoginError) -> bytes:
    """What the person sees in the browser tab once it is back on the loopback listener."""
    if isinstance(outcome, str):
        title, detail = "Signed in to GPUaaS", "The program that asked is signed in now."
    elif isinstance(outcome, BrowserLoginRefused):
        detail = outcome.description or f"The identity provider answered `{outcome.error}`."
        title = "Not signed in"
    elif outcome.code == "login_state_mismatch":
        title, detail = "Not signed in", "This sign-in was not started by the program waiting here."
    else:
        title, detail = (
            "Not signed in",
            "The identity provider sent the browser back without a code.",
        )
    text = _PAGE.format(title=html.escape(title), detail=html.escape(detail), icon=_ICON)
    return text.encode("utf-8")


class _Listener:
    """A one-shot loopback HTTP server: the first `/callback` ends the wait, whatever it says."""

    def __init__(self, state: str) -> None:
        self.received = threading.Event()
        self.outcome: str | BrowserLoginError = BrowserLoginError(
            "the sign-in came back without a code", code="login_refused"
        )
        listener = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                parts = urlsplit(self.path)
                if parts.path != CALLBACK_PATH or listener.received.is_set():
                    self.send_error(404)
                    return
                listener.outcome = _outcome(parse_qs(parts.query), state)
                page = _page(listener.outcome)
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(page)))
                self.send_header("Cache-Control", "no-store")
                self.send_header("Referrer-Policy", "no-referrer")
                self.end_headers()
                self.wfile.write(page)
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


def _duration(seconds: float) -> str:
    if seconds >= 120 and seconds % 60 == 0:
        return f"{seconds / 60:g} min"
    return f"{seconds:g} s"


def _announce(url: str, *, opened: bool, timeout: float) -> None:
    """Say on stderr where to sign in and what the program waits for (never a code or token)."""
    if opened:
        lead = "A browser was opened to sign in to GPUaaS. If it did not open, visit this URL:"
    else:
        lead = "Open this URL in a browser to sign in to GPUaaS:"
    print(
        f"{lead}\n\n    {url}\n\n"
        f"Waiting up to {_duration(timeout)} for the sign-in to finish in the browser"
        " (Ctrl-C to stop)...",
        file=sys.stderr,
        flush=True,
    )


class BrowserOIDCAuth(RefreshingAuth):
    """Sign in through the browser once; tokens are then refreshed and kept between runs.

    By default the tokens go to the default profile's token store
    (`$XDG_CONFIG_HOME/gpuaas/tokens.json`, mode 0600, shared with the CLI), so the
    next process with the same settings reuses (and refreshes) them instead of
    opening the browser again. A stored sign-in is used only for the platform it came
    from and, given a `tenant_hint`, only if it was made with that hint; otherwise
    the browser opens and the new sign-in replaces it. `token_store=None` keeps the
    tokens in this process only; a `FileTokenStore(path)` and `profile=` choose another
    file or entry.

    `open_url` replaces the browser (a test, a custom launcher); without it the
    URL is opened with `webbrowser` unless `open_browser` is False. Either way the
    URL and what is awaited are printed on stderr (as `gcloud auth login` does),
    so a person on a remote shell can open it elsewhere. `timeout` bounds the wait
    for the sign-in, in seconds (`BrowserLoginError`, code `login_timeout`); a
    cancelled or refused sign-in raises `BrowserLoginRefused` as soon as the
    browser comes back.
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
        token_store: TokenStore | Literal["default"] | None = "default",  # noqa: S107 (not a secret)
        profile: str = "default",
        open_url: Callable[[str], object] | None = None,
    ) -> None:
        if not client_id:
            raise ValueError("BrowserOIDCAuth needs a client_id")
        if timeout <= 0:
            raise ValueError("BrowserOIDCAuth needs a positive timeout")
        if isinstance(token_store, str):
            if token_store != "default":
                raise ValueError(
                    f"token_store must be a TokenStore, 'default' or None (got {token_store!r})"
                )
            token_store = FileTokenStore()
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
        with _Listener(state) as listener:
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
            url = str(authorize.copy_with(query=urlencode(params).encode("ascii")))
            _announce(url, opened=self._show(url), timeout=self.timeout)
            if not listener.received.wait(self.timeout):
                raise BrowserLoginError(
                    f"the browser sign-in did not finish within {self.timeout:g} s",
                    code="login_timeout",
                )
            redirect_uri, outcome = listener.redirect_uri, listener.outcome
        if isinstance(outcome, BrowserLoginError):
            raise outcome
        exchange = self._post(origin, self.token_path, {})
        return httpx.Request(
            "POST",
            exchange.url,
            data={
                "grant_type": "authorization_code",
                "code": outcome,
                "redirect_uri": redirect_uri,
                "client_id": self.client_id,
                "code_verifier": verifier,
            },
            headers={k: v for k, v in exchange.headers.items() if k.lower() == "user-agent"},
            extensions=exchange.extensions,
        )

    def _show(self, url: str) -> bool:
        """Hand the URL to the browser; whether one took it."""
        if self._open_url is not None:
            self._open_url(url)
            return True
        return self.open_browser and webbrowser.open(url)

    def _can_regrant(self) -> bool:
        """A dead refresh token means signing in again through the browser."""
        return True

    def _tenant_hint(self) -> str | None:
        return self.tenant_hint

    def __repr__(self) -> str:
        return f"BrowserOIDCAuth(client_id={self.client_id!r}, tenant_hint={self.tenant_hint!r})"
