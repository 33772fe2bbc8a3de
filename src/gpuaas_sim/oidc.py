"""The dev identity provider's OIDC authorization code flow with PKCE (RFC 6749 §4.1, RFC 7636).

Codes are random, single-use, bound to the client, the redirect URI and the PKCE
challenge, and expire after 60 simulated seconds. Like tokens, they are kept only
as SHA-256 digests. An authorization request (one PKCE challenge) allows a few
wrong passwords; then it is denied, so a sign-in page cannot be used to guess.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from urllib.parse import urlencode, urlsplit, urlunsplit

from .clock import SimClock
from .errors import ApiError
from .identity import IdentityProvider, TokenGrant

__all__ = [
    "MAX_FAILED_SIGN_INS",
    "AuthorizeParams",
    "OidcProvider",
    "SignInDenied",
    "is_uri",
    "parse_authorize_params",
    "pkce_challenge",
    "redirect_location",
]

CODE_TTL = timedelta(seconds=60)
MAX_FAILED_SIGN_INS = 5
"""Wrong passwords one authorization request allows before it is denied."""
FAILURES_TTL = timedelta(minutes=10)
LOOPBACK_REDIRECT = re.compile(r"^http://(127\.0\.0\.1|\[::1\]|localhost)(:[0-9]{1,5})?(/[^#]*)?$")
CODE_CHALLENGE = re.compile(r"^[A-Za-z0-9_-]{43}$")
URI_CHARACTERS = re.compile(r"^[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+$")
"""What RFC 3986 allows in a URI: ASCII only, no spaces."""


def is_uri(value: str) -> bool:
    return bool(URI_CHARACTERS.fullmatch(value)) and ":" in value


def pkce_challenge(verifier: str) -> str:
    """BASE64URL(SHA-256(verifier)) without padding (RFC 7636 §4.2)."""
    digest = hashlib.sha256(verifier.encode("ascii", "surrogateescape")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


def _invalid(name: str, reason: str) -> ApiError:
    return ApiError(
        "invalid_request",
        f"Parameter `{name}` {reason}.",
        details={"parameter": name, "reason": reason},
    )


def redirect_location(redirect_uri: str, fields: Mapping[str, str]) -> str:
    """`redirect_uri` with `fields` added to its query (RFC 6749 §4.1.2)."""
    parts = urlsplit(redirect_uri)
    extra = urlencode(fields)
    return urlunsplit(parts._replace(query=f"{parts.query}&{extra}" if parts.query else extra))


class SignInDenied(Exception):
    """The sign-in ends without a code: the client is told `access_denied` (RFC 6749 §4.1.2.1)."""

    error = "access_denied"

    def __init__(self, description: str) -> None:
        super().__init__(description)
        self.description = description


@dataclass(frozen=True)
class AuthorizeParams:
    """The checked parameters of an authorization request."""

    client_id: str
    redirect_uri: str
    code_challenge: str
    state: str
    tenant_hint: str | None


def _text(values: Mapping[str, list[str]], name: str, max_length: int) -> str:
    found = values.get(name, [])
    if not found:
        raise _invalid(name, "is required")
    if len(found) > 1:
        raise _invalid(name, "must be given once")
    if not 1 <= len(found[0]) <= max_length:
        raise _invalid(name, f"must be 1 to {max_length} characters")
    return found[0]


def parse_authorize_params(values: Mapping[str, list[str]]) -> AuthorizeParams:
    """Check the authorization request's parameters; every error is a 400 `invalid_request`."""
    if _text(values, "response_type", 64) != "code":
        raise _invalid("response_type", "must be `code`")
    if _text(values, "code_challenge_method", 64) != "S256":
        raise _invalid("code_challenge_method", "must be `S256`")
    redirect_uri = _text(values, "redirect_uri", 2048)
    if not (LOOPBACK_REDIRECT.fullmatch(redirect_uri) and is_uri(redirect_uri)):
        raise _invalid(
            "redirect_uri", "must be a loopback `http://` URI (127.0.0.1, [::1], localhost)"
        )
    challenge = _text(values, "code_challenge", 43)
    if not CODE_CHALLENGE.fullmatch(challenge):
        raise _invalid("code_challenge", "must be 43 base64url characters")
    tenant_hint = _text(values, "tenant_hint", 128) if "tenant_hint" in values else None
    return AuthorizeParams(
        client_id=_text(values, "client_id", 128),
        redirect_uri=redirect_uri,
        code_challenge=challenge,
        state=_text(values, "state", 512),
        tenant_hint=tenant_hint,
    )


@dataclass
class _Failures:
    count: int
    expires_at: datetime


@dataclass
class _PendingCode:
    params: AuthorizeParams
    issue: Callable[[], TokenGrant]
    expires_at: datetime
    spent: bool = False


@dataclass
class OidcProvider:
    """Hands out authorization codes after a sign-in and trades them for tokens."""

    clock: SimClock
    identity: IdentityProvider
    _codes: dict[str, _PendingCode] = field(default_factory=dict, init=False, repr=False)
    _failures: dict[str, _Failures] = field(default_factory=dict, init=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)

    def authorize(self, params: AuthorizeParams, username: str, password: str) -> str:
        """A fresh code for a user who signed in.

        A wrong password is a 401 `invalid_credentials` whose details say how many
        attempts are left; the last one raises `SignInDenied`, and so does every
        later try of the same request, even with the right password. An empty
        username or password is a 401 too, but no attempt.
        """
        request = _digest(f"{params.client_id}\n{params.redirect_uri}\n{params.code_challenge}")
        with self._lock:
            now = self.clock.now()
            self._failures = {k: v for k, v in self._failures.items() if v.expires_at > now}
            failed = self._failures.get(request, _Failures(0, now + FAILURES_TTL)).count
        if failed >= MAX_FAILED_SIGN_INS:
            raise SignInDenied("Too many failed sign-in attempts.")
        if not (username and password):
            raise ApiError(
                "invalid_credentials",
                "Both a username and a password are needed.",
                details={"attempts_left": MAX_FAILED_SIGN_INS - failed},
            )
        try:
            issue = self.identity.sign_in(username, password)
        except ApiError as refused:
            with self._lock:
                failures = self._failures.setdefault(request, _Failures(0, now + FAILURES_TTL))
                failures.count += 1
                left = MAX_FAILED_SIGN_INS - failures.count
            if left <= 0:
                raise SignInDenied("Too many failed sign-in attempts.") from None
            raise ApiError(
                refused.code,
                refused.message,
                details={"attempts_left": left},
                headers=refused.headers,
            ) from None
        code = f"ac_{secrets.token_urlsafe(24)}"
        with self._lock:
            self._failures.pop(request, None)
            self._codes = {k: v for k, v in self._codes.items() if v.expires_at > now}
            self._codes[_digest(code)] = _PendingCode(params, issue, now + CODE_TTL)
        return code

    def exchange(
        self, code: str, *, redirect_uri: str, client_id: str, verifier: str
    ) -> TokenGrant:
        """Tokens for a code; the first exchange spends it, successful or not."""
        with self._lock:
            pending = self._codes.get(_digest(code))
            if pending is None or pending.spent:
                raise ApiError(
                    "invalid_grant", "The authorization code is unknown or already used."
                )
            pending.spent = True
            if self.clock.now() >= pending.expires_at:
                raise ApiError("invalid_grant", "The authorization code expired.")
        params = pending.params
        if redirect_uri != params.redirect_uri or client_id != params.client_id:
            raise ApiError(
                "invalid_grant",
                "The redirect_uri or client_id is not the one the code was issued for.",
            )
        if not hmac.compare_digest(pkce_challenge(verifier), params.code_challenge):
            raise ApiError("invalid_grant", "The code_verifier does not match the code_challenge.")
        return pending.issue()
