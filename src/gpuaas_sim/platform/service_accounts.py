"""Service accounts and their signing keys: creation, rotation with a grace, revocation.

The auth area verifies assertions with `verification_key(...)` and builds the
account's principal with `principal_of(...)`; billing plugs the month's spend in
through `spend_of`.
"""

from __future__ import annotations

import random
import secrets
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from ..runtime.clock import SimClock, format_time
from ..runtime.state_codec import PersistedFields
from .allocations import SpendCap
from .errors import ApiError
from .iam import IamBook, Member, Role, forbidden, role_named
from .identity import Principal
from .ids import fresh_id
from .sa_keys import KeyMaterial, generate_pair, parse_public_key

__all__ = ["ServiceAccount", "ServiceAccountBook", "ServiceAccountKey"]

DEFAULT_ROLES = ("tenant_member", "project_member")


@dataclass
class ServiceAccount:
    id: str
    seq: int
    tenant_id: str
    project_id: str
    name: str
    principal_kind: str
    monthly_spend_cap_minor: int | None
    currency: str
    signing_required: bool
    roles: tuple[str, ...]
    created_at: datetime

    def to_json(self, spent_minor: int) -> dict[str, Any]:
        return {
            "id": self.id,
            "tenant_id": self.tenant_id,
            "project_id": self.project_id,
            "name": self.name,
            "principal_kind": self.principal_kind,
            "monthly_spend_cap_minor": self.monthly_spend_cap_minor,
            "currency": self.currency,
            "spent_this_month_minor": spent_minor,
            "signing_required": self.signing_required,
            "roles": list(self.roles),
            "created_at": format_time(self.created_at),
        }


@dataclass
class ServiceAccountKey:
    id: str
    seq: int
    service_account_id: str
    algorithm: str
    public_key_pem: str
    der: bytes
    created_at: datetime
    signing_secret: str | None
    """Kept so the platform can check request signatures; never listed or logged."""
    expires_at: datetime | None = None
    revoked_at: datetime | None = None

    def status_at(self, now: datetime) -> str:
        if self.revoked_at is not None:
            return "revoked"
        if self.expires_at is not None and now >= self.expires_at:
            return "expired"
        return "active"

    def to_json(self, now: datetime) -> dict[str, Any]:
        return {
            "id": self.id,
            "service_account_id": self.service_account_id,
            "algorithm": self.algorithm,
            "public_key_pem": self.public_key_pem,
            "created_at": format_time(self.created_at),
            "expires_at": format_time(self.expires_at) if self.expires_at else None,
            "revoked_at": format_time(self.revoked_at) if self.revoked_at else None,
            "status": self.status_at(now),
        }


def _no_spend(service_account_id: str, now: datetime) -> int:
    return 0


def _no_tokens(principal_id: str, key_id: str | None) -> None:
    """No identity provider attached: there are no tokens to end."""


class ServiceAccountBook(PersistedFields):
    """Every service account, with the permission rules of the contract."""

    def __init__(self, clock: SimClock, seed: int, iam: IamBook) -> None:
        self.clock = clock
        self.iam = iam
        self.accounts: dict[str, ServiceAccount] = {}
        self.keys: dict[str, ServiceAccountKey] = {}
        self.spend_of: Callable[[str, datetime], int] = _no_spend
        """What an account spent this calendar month; billing replaces this."""
        self.end_tokens: Callable[[str, str | None], None] = _no_tokens
        """Ends the account's logins (all, or one key's); the identity provider plugs in."""
        self._rng = random.Random(f"service-accounts-{seed}")
        self._seq = 0
        iam.project_holders["service_accounts"] = self._count_in_project

    def _count_in_project(self, project_id: str, now: datetime) -> int:
        return sum(1 for a in self.accounts.values() if a.project_id == project_id)

    def _new_id(self, prefix: str, taken: dict[str, Any]) -> str:
        return fresh_id(self._rng, prefix, taken)

    def render(self, account: ServiceAccount) -> dict[str, Any]:
        return account.to_json(self.spend_of(account.id, self.clock.now()))

    # -- for other areas -----------------------------------------------------------

    def verification_key(self, account_id: str, key_id: str) -> ServiceAccountKey | None:
        """The key an assertion names, if it exists, belongs to the account and is active now."""
        key = self.keys.get(key_id)
        if key is None or key.service_account_id != account_id or account_id not in self.accounts:
            return None
        return key if key.status_at(self.clock.now()) == "active" else None

    def spend_cap(self, principal_id: str) -> SpendCap | None:
        """The caller's monthly spend cap, if it is a service account that has one."""
        account = self.accounts.get(principal_id)
        if account is None or account.monthly_spend_cap_minor is None:
            return None
        return SpendCap(account.id, account.monthly_spend_cap_minor, account.currency)

    def principal_of(self, account_id: str) -> Principal | None:
        account = self.accounts.get(account_id)
        if account is None:
            return None
        return Principal(
            principal_id=account.id,
            kind=account.principal_kind,
            display_name=account.name,
            tenant_id=account.tenant_id,
            default_project_id=account.project_id,
            roles=account.roles,
            project_ids=(account.project_id,),
        )

    # -- accounts ----------------------------------------------------------------

    def visible_to(self, caller: Principal, project_id: str | None) -> list[ServiceAccount]:
        tenant = self.iam.caller_tenant(caller)
        found = [
            a
            for a in self.accounts.values()
            if a.tenant_id == tenant.id and project_id in (None, a.project_id)
        ]
        return sorted(found, key=lambda a: a.seq)

    def get(self, caller: Principal, account_id: str) -> ServiceAccount:
        tenant = self.iam.caller_tenant(caller)
        account = self.accounts.get(account_id)
        if account is None or account.tenant_id != tenant.id:
            raise ApiError(
                "service_account_not_found",
                f"No service account {account_id!r} is visible to the caller.",
                details={"service_account_id": account_id},
            )
        return account

    def _granted_roles(
        self, caller: Principal, names: tuple[str, ...], project_id: str
    ) -> tuple[str, ...]:
        by_scope: dict[str, Role] = {}
        for name in names:
            role = role_named(name, "tenant" if name.startswith("tenant_") else "project")
            if role.scope in by_scope:
                raise ApiError(
                    "validation_error",
                    f"At most one {role.scope}-scoped role can be granted.",
                    details={"errors": [{"field": "roles", "reason": "one role per scope"}]},
                )
            if not self.iam.holds(caller, role, project_id):
                raise forbidden(
                    f"The caller cannot grant {role.name}, which it does not hold.", role.name
                )
            by_scope[role.scope] = role
        # Every account is a member of its tenant (project members must be), at least
        # as `tenant_member`, which any caller allowed this far holds.
        tenant_role = by_scope.pop("tenant", None) or role_named("tenant_member", "tenant")
        return (tenant_role.name, *(role.name for role in by_scope.values()))

    def create(
        self,
        caller: Principal,
        *,
        name: str,
        principal_kind: str,
        project_id: str | None,
        monthly_spend_cap_minor: int | None,
        currency: str | None,
        signing_required: bool,
        roles: tuple[str, ...] | None,
    ) -> ServiceAccount:
        with self.iam.lock:
            tenant = self.iam.caller_tenant(caller)
            wanted = project_id or caller.default_project_id or tenant.default_project_id
            if wanted is None:
                raise ApiError("project_not_found", "The caller has no default project; name one.")
            project = self.iam.project(caller, wanted)
            self.iam.require_project_admin(caller, project, "Creating a service account")
            granted = self._granted_roles(caller, roles or DEFAULT_ROLES, project.id)
            if currency is not None and currency != tenant.currency:
                raise ApiError(
                    "validation_error",
                    f"The cap must be in the tenant's billing currency, {tenant.currency}.",
                    details={
                        "errors": [{"field": "currency", "reason": f"must be {tenant.currency}"}]
                    },
                )
            if any(a.tenant_id == tenant.id and a.name == name for a in self.accounts.values()):
                raise ApiError(
                    "already_exists",
                    f"The tenant already has a service account named {name!r}.",
                    details={"name": name},
                )
            now = self.clock.now()
            self._seq += 1
            account = ServiceAccount(
                id=self._new_id("sa", self.accounts),
                seq=self._seq,
                tenant_id=tenant.id,
                project_id=project.id,
                name=name,
                principal_kind=principal_kind,
                monthly_spend_cap_minor=monthly_spend_cap_minor,
                currency=tenant.currency,
                signing_required=signing_required,
                roles=granted,
                created_at=now,
            )
            self.accounts[account.id] = account
            member = Member(account.id, principal_kind, name)
            self.iam.directory.add(member)
            for role_name in granted:
                table = (
                    self.iam.tenant_members
                    if role_name.startswith("tenant_")
                    else self.iam.project_members
                )
                scope_id = tenant.id if role_name.startswith("tenant_") else project.id
                self.iam.grant(table, scope_id, member, role_name, now)
            return account

    def _require_admin(self, caller: Principal, account: ServiceAccount, action: str) -> None:
        project = self.iam.projects.get(account.project_id)
        if project is None:
            self.iam.require_tenant_admin(caller, action)
        else:
            self.iam.require_project_admin(caller, project, action)

    def delete(self, caller: Principal, account_id: str) -> None:
        with self.iam.lock:
            account = self.get(caller, account_id)
            self._require_admin(caller, account, "Deleting a service account")
            now = self.clock.now()
            for key in self.keys.values():
                if key.service_account_id == account.id and key.revoked_at is None:
                    key.revoked_at = now
            self.end_tokens(account.id, None)
            for table in (self.iam.tenant_members, self.iam.project_members):
                for scope in [k for k in table if k[1] == account.id]:
                    del table[scope]
            self.iam.directory.members.pop(account.id, None)
            del self.accounts[account.id]

    # -- keys ----------------------------------------------------------------------

    def keys_of(self, caller: Principal, account_id: str) -> list[ServiceAccountKey]:
        """The account's keys, newest first."""
        account = self.get(caller, account_id)
        found = [k for k in self.keys.values() if k.service_account_id == account.id]
        return sorted(found, key=lambda k: k.seq, reverse=True)

    def _material(
        self, public_key_pem: str | None, algorithm: str | None, default: str
    ) -> KeyMaterial:
        if public_key_pem is None:
            return generate_pair(algorithm or default)
        return parse_public_key(public_key_pem, algorithm)

    def _add_key(self, account: ServiceAccount, material: KeyMaterial) -> ServiceAccountKey:
        for key in self.keys.values():
            if key.service_account_id == account.id and key.der == material.der:
                raise ApiError(
                    "already_exists",
                    f"The account already has this public key, as {key.id}.",
                    details={"key_id": key.id},
                )
        self._seq += 1
        key = ServiceAccountKey(
            id=self._new_id("sak", self.keys),
            seq=self._seq,
            service_account_id=account.id,
            algorithm=material.algorithm,
            public_key_pem=material.public_key_pem,
            der=material.der,
            created_at=self.clock.now(),
            signing_secret=f"sgs_{secrets.token_hex(32)}" if account.signing_required else None,
        )
        self.keys[key.id] = key
        return key

    @staticmethod
    def created_json(
        key: ServiceAccountKey, material: KeyMaterial, now: datetime, previous: datetime | None
    ) -> dict[str, Any]:
        return {
            "key": key.to_json(now),
            "private_key_pem": material.private_key_pem,
            "signing_secret": key.signing_secret,
            "previous_key_expires_at": format_time(previous) if previous else None,
        }

    def create_key(
        self,
        caller: Principal,
        account_id: str,
        public_key_pem: str | None,
        algorithm: str | None,
    ) -> dict[str, Any]:
        with self.iam.lock:
            account = self.get(caller, account_id)
            self._require_admin(caller, account, "Adding a service-account key")
            material = self._material(public_key_pem, algorithm, "RS256")
            key = self._add_key(account, material)
            return self.created_json(key, material, self.clock.now(), None)

    def _key(self, account: ServiceAccount, key_id: str) -> ServiceAccountKey:
        key = self.keys.get(key_id)
        if key is None or key.service_account_id != account.id:
            raise ApiError(
                "key_not_found",
                f"Service account {account.id} has no key {key_id!r}.",
                details={"service_account_id": account.id, "key_id": key_id},
            )
        return key

    def rotate_key(
        self,
        caller: Principal,
        account_id: str,
        key_id: str,
        public_key_pem: str | None,
        algorithm: str | None,
        grace_seconds: int,
    ) -> dict[str, Any]:
        with self.iam.lock:
            account = self.get(caller, account_id)
            self._require_admin(caller, account, "Rotating a service-account key")
            old = self._key(account, key_id)
            now = self.clock.now()
            status = old.status_at(now)
            if status != "active" or old.expires_at is not None:
                state = "already rotated" if status == "active" else status
                raise ApiError(
                    "invalid_state",
                    f"Key {old.id} is {state}; only an active key can be rotated.",
                    details={"key_id": old.id, "state": state},
                )
            material = self._material(public_key_pem, algorithm, old.algorithm)
            key = self._add_key(account, material)
            old.expires_at = now + timedelta(seconds=grace_seconds)
            return self.created_json(key, material, now, old.expires_at)

    def revoke_key(self, caller: Principal, account_id: str, key_id: str) -> None:
        with self.iam.lock:
            account = self.get(caller, account_id)
            self._require_admin(caller, account, "Revoking a service-account key")
            key = self._key(account, key_id)
            if key.revoked_at is None:
                key.revoked_at = self.clock.now()
                self.end_tokens(account.id, key.id)

    # -- the account's credentials as a whole ---------------------------------------

    def rotate(
        self,
        caller: Principal,
        account_id: str,
        public_key_pem: str | None,
        algorithm: str | None,
        grace_seconds: int,
    ) -> dict[str, Any]:
        """A new key; every active key not already expiring expires after the grace."""
        with self.iam.lock:
            account = self.get(caller, account_id)
            self._require_admin(caller, account, "Rotating a service account's credentials")
            now = self.clock.now()
            current = [
                k
                for k in self.keys_of(caller, account.id)
                if k.status_at(now) == "active" and k.expires_at is None
            ]
            default = current[0].algorithm if current else "RS256"
            material = self._material(public_key_pem, algorithm, default)
            key = self._add_key(account, material)
            expires = now + timedelta(seconds=grace_seconds) if current else None
            for old in current:
                old.expires_at = expires
            return self.created_json(key, material, now, expires)

    def revoke(self, caller: Principal, account_id: str) -> dict[str, Any]:
        """Revoke every usable key of the account and end every login it holds."""
        with self.iam.lock:
            account = self.get(caller, account_id)
            self._require_admin(caller, account, "Revoking a service account's credentials")
            now = self.clock.now()
            revoked = [k for k in self.keys_of(caller, account.id) if k.status_at(now) == "active"]
            for key in revoked:
                key.revoked_at = now
            self.end_tokens(account.id, None)
            return {
                "service_account_id": account.id,
                "revoked_key_ids": [k.id for k in revoked],
                "revoked_at": format_time(now),
            }

    # -- persistence -------------------------------------------------------------

    def _state_lock(self) -> AbstractContextManager[Any]:
        return self.iam.lock

    @staticmethod
    def _state_spec() -> dict[str, Any]:
        return {
            "accounts": dict[str, ServiceAccount],
            "keys": dict[str, ServiceAccountKey],
            "_seq": int,
            "_rng": random.Random,
        }
