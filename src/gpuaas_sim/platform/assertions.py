"""Service-account assertions (RFC 7523 jwt-bearer): verify the JWT, refuse replays.

Signatures are checked with PyJWT against the account's registered public key;
the time claims are checked against the simulated clock (PyJWT would use the
wall clock), so a test can expire an assertion by advancing time.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import jwt

from .errors import ApiError
from .service_accounts import ServiceAccountBook
from .signing import SignedPrincipal

__all__ = ["MAX_LIFETIME_SECONDS", "AssertionVerifier"]

MAX_LIFETIME_SECONDS = 300
LEEWAY_SECONDS = 30
"""Slack for clocks read at one-second precision (a `Date` header, `int(time.time())`)."""


def _refused(reason: str) -> ApiError:
    return ApiError("invalid_grant", f"The assertion is refused: {reason}.")


def _claim_time(claims: dict[str, Any], name: str) -> float | None:
    value = claims.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _refused(f"`{name}` must be a number of seconds since the epoch")
    return float(value)


@dataclass
class AssertionVerifier:
    """Checks assertions for one simulator and remembers each `jti` until its assertion expires."""

    accounts: ServiceAccountBook
    _seen: dict[tuple[str, str], float] = field(default_factory=dict, init=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)

    def verify(self, assertion: str, audience: str, now: datetime) -> SignedPrincipal:
        """The principal the assertion stands for, or 400 `invalid_grant` saying why."""
        try:
            header = jwt.get_unverified_header(assertion)
            unverified = jwt.decode(assertion, options={"verify_signature": False})
        except jwt.PyJWTError:
            raise _refused("it is not a well-formed JWT") from None
        kid, account_id = header.get("kid"), unverified.get("iss")
        if not isinstance(kid, str) or not kid:
            raise _refused("the header has no `kid` naming the signing key")
        if not isinstance(account_id, str) or not account_id:
            raise _refused("`iss` must be the service account id")
        key = self.accounts.verification_key(account_id, kid)
        if key is None:
            raise _refused(f"no active key {kid!r} of service account {account_id!r}")
        if header.get("alg") != key.algorithm:
            raise _refused(f"key {kid} signs with {key.algorithm}, not {header.get('alg')}")
        try:
            claims = jwt.decode(
                assertion,
                key.public_key_pem,
                algorithms=[key.algorithm],
                audience=audience,
                issuer=account_id,
                options={
                    "require": ["iss", "sub", "aud", "exp", "jti"],
                    "verify_exp": False,
                    "verify_iat": False,
                    "verify_nbf": False,
                },
            )
        except jwt.InvalidAudienceError:
            raise _refused(f"`aud` must be {audience}") from None
        except jwt.PyJWTError as exc:
            raise _refused(str(exc).rstrip(".")) from None
        if claims.get("sub") != account_id:
            raise _refused("`sub` must equal `iss`, the service account id")
        jti = claims.get("jti")
        if not isinstance(jti, str) or not jti:
            raise _refused("`jti` must be a non-empty string")
        expires = self._check_times(claims, now.timestamp())
        self._remember(account_id, jti, expires, now.timestamp())
        principal = self.accounts.principal_of(account_id)
        if principal is None:  # deleted between the key lookup and now
            raise _refused(f"service account {account_id!r} no longer exists")
        return SignedPrincipal(
            **{name: getattr(principal, name) for name in principal.__dataclass_fields__},
            signing_secret=key.signing_secret or "",
            key_id=key.id,
        )

    @staticmethod
    def _check_times(claims: dict[str, Any], now: float) -> float:
        expires = _claim_time(claims, "exp")
        assert expires is not None  # required above
        if expires <= now:
            raise _refused("it has expired (`exp` is in the past)")
        if expires > now + MAX_LIFETIME_SECONDS + LEEWAY_SECONDS:
            raise _refused(f"`exp` is more than {MAX_LIFETIME_SECONDS}s ahead")
        issued = _claim_time(claims, "iat")
        if issued is not None and issued > now + LEEWAY_SECONDS:
            raise _refused("`iat` is in the future")
        not_before = _claim_time(claims, "nbf")
        if not_before is not None and not_before > now + LEEWAY_SECONDS:
            raise _refused("it is not valid yet (`nbf`)")
        return expires

    def _remember(self, account_id: str, jti: str, expires: float, now: float) -> None:
        with self._lock:
            for seen in [k for k, until in self._seen.items() if until <= now]:
                del self._seen[seen]
            if (account_id, jti) in self._seen:
                raise _refused(f"`jti` {jti!r} was already used")
            self._seen[(account_id, jti)] = expires
