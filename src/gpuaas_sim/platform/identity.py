"""The dev identity provider: password login, opaque bearer tokens, rotating refresh tokens.

Tokens are random strings (`secrets`) and are only ever stored as SHA-256 digests,
so nothing in the simulator's state or logs can leak a usable token.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from ..runtime.clock import SimClock
from ..runtime.state_codec import from_plain, to_plain
from .errors import ApiError

__all__ = [
    "DEV_PASSWORD",
    "DEV_USERNAME",
    "IdentityProvider",
    "Principal",
    "TokenGrant",
]

DEV_USERNAME = "dev-user"
DEV_PASSWORD = "dev123"

# RFC 6750 challenge for a bearer token the platform does not accept.
BEARER_CHALLENGE = 'Bearer realm="gpuaas", error="invalid_token"'


@dataclass(frozen=True)
class Principal:
    """Who is calling: the answer of `whoami` plus the projects the principal may bill."""

    principal_id: str
    kind: str
    display_name: str
    tenant_id: str
    default_project_id: str | None
    roles: tuple[str, ...]
    project_ids: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "principal_id": self.principal_id,
            "kind": self.kind,
            "display_name": self.display_name,
            "tenant_id": self.tenant_id,
            "default_project_id": self.default_project_id,
            "roles": list(self.roles),
        }


DEV_PRINCIPAL = Principal(
    principal_id="usr-dev-user",
    kind="human",
    display_name=DEV_USERNAME,
    tenant_id="tnt-acme",
    default_project_id="prj-default",
    roles=("tenant_member",),
    project_ids=("prj-default",),
)


@dataclass(frozen=True)
class TokenGrant:
    access_token: str
    refresh_token: str
    expires_in: int
    refresh_expires_in: int

    def to_json(self) -> dict[str, Any]:
        return {
            "access_token": self.access_token,
            "refresh_token": self.refresh_token,
            "token_type": "Bearer",
            "expires_in": self.expires_in,
            "refresh_expires_in": self.refresh_expires_in,
        }


@dataclass
class _Family:
    """Every token descended from one login; reuse of a spent refresh token revokes it all."""

    principal: Principal
    revoked: bool = False


@dataclass
class _AccessToken:
    family: _Family
    expires_at: datetime


@dataclass
class _RefreshToken:
    family: _Family
    expires_at: datetime
    spent: bool = False


@dataclass
class _User:
    password_digest: bytes
    principal: Principal


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


def _password_digest(password: str) -> bytes:
    # A plain hash is enough for a dev identity whose one password is public anyway.
    return hashlib.sha256(password.encode("utf-8", "surrogatepass")).digest()


def _unauthorized(code: str, message: str) -> ApiError:
    return ApiError(code, message, headers={"WWW-Authenticate": BEARER_CHALLENGE})


@dataclass
class IdentityProvider:
    """Issues and checks tokens against the simulated clock."""

    clock: SimClock
    access_token_ttl: float
    refresh_token_ttl: float
    _users: dict[str, _User] = field(default_factory=dict, init=False, repr=False)
    _access: dict[str, _AccessToken] = field(default_factory=dict, init=False, repr=False)
    _refresh: dict[str, _RefreshToken] = field(default_factory=dict, init=False, repr=False)
    _lock: threading.RLock = field(default_factory=threading.RLock, init=False, repr=False)
    current: Callable[[Principal], Principal] | None = field(default=None, repr=False)
    """Brings a token's principal up to date (roles, projects) at each request; IAM sets it."""
    other_tokens: Callable[[str], Principal | None] | None = field(default=None, repr=False)
    """Principals of bearer tokens issued elsewhere (spend grants): None when not theirs."""

    def __post_init__(self) -> None:
        self.add_user(DEV_USERNAME, DEV_PASSWORD, DEV_PRINCIPAL)

    def add_user(self, username: str, password: str, principal: Principal) -> None:
        self._users[username] = _User(_password_digest(password), principal)

    def login(self, username: str, password: str) -> TokenGrant:
        user = self._users.get(username)
        offered = _password_digest(password)
        expected = user.password_digest if user else b"\0" * 32
        # Compare even for unknown users so timing does not reveal which usernames exist.
        if not hmac.compare_digest(offered, expected) or user is None:
            raise _unauthorized("invalid_credentials", "The username or password is wrong.")
        with self._lock:
            return self._issue(_Family(user.principal))

    def refresh(self, refresh_token: str) -> TokenGrant:
        rejected = _unauthorized("invalid_credentials", "The refresh token is not valid.")
        with self._lock:
            record = self._refresh.get(_digest(refresh_token))
            if record is None or record.family.revoked:
                raise rejected
            if record.spent:
                # Someone replayed a rotated token: treat the whole login as stolen.
                record.family.revoked = True
                raise _unauthorized(
                    "invalid_credentials",
                    "The refresh token was already used; every token of this login is revoked.",
                )
            if self.clock.now() >= record.expires_at:
                raise rejected
            record.spent = True
            return self._issue(record.family)

    def authenticate(self, token: str, *, force_expired: bool = False) -> Principal:
        """The principal behind a bearer token, or 401 `token_invalid` / `token_expired`."""
        if self.other_tokens is not None:
            other = self.other_tokens(token)
            if other is not None:
                if force_expired:
                    raise _unauthorized("token_expired", "The access token expired; refresh it.")
                return other
        record = self._access.get(_digest(token))
        if record is None or record.family.revoked:
            raise _unauthorized("token_invalid", "The access token is not valid.")
        if force_expired or self.clock.now() >= record.expires_at:
            raise _unauthorized("token_expired", "The access token expired; refresh it.")
        principal = record.family.principal
        return self.current(principal) if self.current is not None else principal

    def logout(self, access_token: str, refresh_token: str | None = None) -> None:
        """Revoke the calling token's login and, when it is the caller's, `refresh_token`'s.

        A refresh token that is unknown, revoked or another principal's is ignored
        (RFC 7009 §2.2), so the answer tells nothing about it. The revoked logins'
        records are dropped: their tokens become unknown, hence `token_invalid`.
        """
        with self._lock:
            record = self._access.get(_digest(access_token))
            if record is None:
                raise _unauthorized("token_invalid", "The access token is not valid.")
            families = {id(record.family): record.family}
            other = self._refresh.get(_digest(refresh_token)) if refresh_token else None
            if other is not None and (
                other.family.principal.principal_id == record.family.principal.principal_id
            ):
                families[id(other.family)] = other.family
            for family in families.values():
                family.revoked = True
            self._access = {d: r for d, r in self._access.items() if id(r.family) not in families}
            self._refresh = {d: r for d, r in self._refresh.items() if id(r.family) not in families}

    def revoke_principal(self, principal_id: str, key_id: str | None = None) -> None:
        """End every login of a principal (or, with `key_id`, those its key's assertions began).

        Its tokens become unknown, hence `token_invalid`, like a logout's.
        """

        def ended(family: _Family) -> bool:
            principal = family.principal
            if principal.principal_id != principal_id:
                return False
            return key_id is None or getattr(principal, "key_id", None) == key_id

        with self._lock:
            families = {
                id(r.family): r.family
                for r in [*self._access.values(), *self._refresh.values()]
                if ended(r.family)
            }
            for family in families.values():
                family.revoked = True
            self._access = {d: r for d, r in self._access.items() if id(r.family) not in families}
            self._refresh = {d: r for d, r in self._refresh.items() if id(r.family) not in families}

    def knows_access_token(self, token: str) -> bool:
        return _digest(token) in self._access

    def expire_access_tokens(self) -> None:
        """Make every access token issued so far expired as of now (refresh tokens stay valid)."""
        now = self.clock.now()
        with self._lock:
            for record in self._access.values():
                record.expires_at = min(record.expires_at, now)

    def _issue(self, family: _Family) -> TokenGrant:
        now = self.clock.now()
        access, refresh = f"at_{secrets.token_urlsafe(32)}", f"rt_{secrets.token_urlsafe(32)}"
        self._access[_digest(access)] = _AccessToken(
            family, now + timedelta(seconds=self.access_token_ttl)
        )
        self._refresh[_digest(refresh)] = _RefreshToken(
            family, now + timedelta(seconds=self.refresh_token_ttl)
        )
        return TokenGrant(
            access_token=access,
            refresh_token=refresh,
            expires_in=int(self.access_token_ttl),
            refresh_expires_in=int(self.refresh_token_ttl),
        )

    def sign_in(self, username: str, password: str) -> Callable[[], TokenGrant]:
        """Check a password now and issue its tokens later (the OIDC code is traded after)."""
        user = self._users.get(username)
        expected = user.password_digest if user else b"\0" * 32
        if not hmac.compare_digest(_password_digest(password), expected) or user is None:
            raise _unauthorized("invalid_credentials", "The username or password is wrong.")
        principal = user.principal

        def issue() -> TokenGrant:
            with self._lock:
                return self._issue(_Family(principal))

        return issue

    def issue_for(self, principal: Principal) -> TokenGrant:
        """Tokens for a principal vouched for elsewhere (a service-account assertion)."""
        with self._lock:
            return self._issue(_Family(principal))

    # -- persistence -------------------------------------------------------------

    def snapshot(self) -> dict[str, Any]:
        """Users and token records (digests only) with the logins (families) they belong to."""
        with self._lock:
            families: dict[int, int] = {}
            plain_families: list[dict[str, Any]] = []

            def ref(family: _Family) -> int:
                if id(family) not in families:
                    families[id(family)] = len(plain_families)
                    plain_families.append(
                        {
                            "principal": to_plain(family.principal),
                            "signed": type(family.principal) is not Principal,
                            "revoked": family.revoked,
                        }
                    )
                return families[id(family)]

            return {
                "users": [
                    [name, user.password_digest.hex(), to_plain(user.principal)]
                    for name, user in self._users.items()
                ],
                "access": [
                    [digest, ref(r.family), r.expires_at.isoformat()]
                    for digest, r in self._access.items()
                ],
                "refresh": [
                    [digest, ref(r.family), r.expires_at.isoformat(), r.spent]
                    for digest, r in self._refresh.items()
                ],
                "families": plain_families,
            }

    def restore(self, data: Mapping[str, Any]) -> None:
        """Load a `snapshot()`: tokens issued before a restart keep working after it."""
        from .signing import SignedPrincipal  # signing builds on this module

        families = [
            _Family(
                from_plain(SignedPrincipal if plain["signed"] else Principal, plain["principal"]),
                plain["revoked"],
            )
            for plain in data.get("families", [])
        ]
        with self._lock:
            for name, digest, principal in data.get("users", []):
                self._users[name] = _User(bytes.fromhex(digest), from_plain(Principal, principal))
            self._access = {
                digest: _AccessToken(families[f], datetime.fromisoformat(at))
                for digest, f, at in data.get("access", [])
            }
            self._refresh = {
                digest: _RefreshToken(families[f], datetime.fromisoformat(at), spent)
                for digest, f, at, spent in data.get("refresh", [])
            }
