"""Spend grants: money delegated to an unattended caller, usable through a bearer token.

A grant's token authenticates as a principal of its own (`GrantPrincipal`: its id is the
grant's, its only project the grant's) that may call the operations of
`GRANT_OPERATIONS` and nothing else. What it creates is admitted against the grant
(`admission.py`); only the token's digest is kept.
"""

from __future__ import annotations

import hashlib
import random
import secrets
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from ..runtime.clock import SimClock, format_time
from ..runtime.state_codec import PersistedFields
from .errors import ApiError
from .identity import BEARER_CHALLENGE, Principal
from .ids import fresh_id

__all__ = ["GRANT_OPERATIONS", "GrantPrincipal", "SpendGrant", "SpendGrantBook"]

TOKEN_PREFIX = "sg_"
MAX_LIFETIME = timedelta(days=90)
GRANT_ROLE = "spend_grant"

GRANT_OPERATIONS = frozenset(
    {
        "whoAmI",
        "listSkus",
        "getSku",
        "listRegions",
        "createPriceQuote",
        "getPriceQuote",
        "createCapacityHold",
        "getCapacityHold",
        "listCapacityHolds",
        "releaseCapacityHold",
        "createCapacityWatch",
        "getCapacityWatch",
        "listCapacityWatches",
        "cancelCapacityWatch",
        "createAllocation",
        "getAllocation",
        "listAllocations",
        "releaseAllocation",
        "renewAllocationLease",
        "listAllocationLogs",
        "streamAllocationLogs",
        "getAllocationConnection",
        "createFleet",
        "getFleet",
        "listFleets",
        "releaseFleet",
        "getSpendGrant",
        "streamEvents",
    }
)
"""What a grant's token may call: launching what it pays for, and seeing to it."""


@dataclass(frozen=True)
class GrantPrincipal(Principal):
    """The caller behind a grant's token."""

    grant_id: str = ""
    issued_by: str = ""


@dataclass
class SpendGrant:
    id: str
    seq: int
    tenant_id: str
    project_id: str
    name: str
    amount_minor: int
    currency: str
    allowed_skus: tuple[str, ...]
    issued_by: str
    token_digest: str
    created_at: datetime
    expires_at: datetime
    revoked_at: datetime | None = None

    def status_at(self, now: datetime) -> str:
        if self.revoked_at is not None:
            return "revoked"
        return "expired" if now >= self.expires_at else "active"

    def to_json(self, now: datetime, spent: int, committed: int) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "status": self.status_at(now),
            "amount_minor": self.amount_minor,
            "currency": self.currency,
            "spent_minor": spent,
            "committed_minor": committed,
            "remaining_minor": max(0, self.amount_minor - spent - committed),
            "allowed_skus": list(self.allowed_skus),
            "project_id": self.project_id,
            "issued_by": self.issued_by,
            "created_at": format_time(self.created_at),
            "expires_at": format_time(self.expires_at),
            "revoked_at": format_time(self.revoked_at) if self.revoked_at else None,
        }


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def _forbidden(message: str) -> ApiError:
    return ApiError(
        "insufficient_permissions", message, details={"required_role": "not a spend grant"}
    )


class SpendGrantBook(PersistedFields):
    """Every grant, and the principals their tokens stand for."""

    def __init__(self, clock: SimClock, seed: int) -> None:
        self.clock = clock
        self.grants: dict[str, SpendGrant] = {}
        self._by_digest: dict[str, str] = {}
        self._rng = random.Random(f"spend-grants-{seed}")
        self._seq = 0
        self._lock = threading.RLock()

    # -- authentication --------------------------------------------------------

    @staticmethod
    def is_grant_token(token: str) -> bool:
        return token.startswith(TOKEN_PREFIX)

    def principal_for(self, token: str) -> GrantPrincipal:
        """The principal of a grant's token, or 401 (`token_invalid`, `token_expired`)."""
        grant_id = self._by_digest.get(_digest(token))
        grant = self.grants.get(grant_id) if grant_id else None
        challenge = {"WWW-Authenticate": BEARER_CHALLENGE}
        if grant is None or grant.revoked_at is not None:
            raise ApiError(
                "token_invalid", "The spend grant's token is not valid.", headers=challenge
            )
        if self.clock.now() >= grant.expires_at:
            raise ApiError("token_expired", "The spend grant expired.", headers=challenge)
        return self.principal_for_id(grant.id)

    def principal_for_id(self, grant_id: str) -> GrantPrincipal:
        """The principal a grant's token stands for (whatever the grant's state)."""
        grant = self.grants[grant_id]
        return GrantPrincipal(
            principal_id=grant.id,
            kind="agent",
            display_name=f"spend grant {grant.name}",
            tenant_id=grant.tenant_id,
            default_project_id=grant.project_id,
            roles=(GRANT_ROLE,),
            project_ids=(grant.project_id,),
            grant_id=grant.id,
            issued_by=grant.issued_by,
        )

    @staticmethod
    def check_operation(principal: Principal, operation_id: str) -> None:
        """403 for an operation a grant's token may not call."""
        if isinstance(principal, GrantPrincipal) and operation_id not in GRANT_OPERATIONS:
            raise _forbidden(
                f"A spend grant's token may launch and watch what it pays for only;"
                f" {operation_id} needs the issuer's own credentials."
            )

    def grant_of(self, principal: Principal) -> SpendGrant | None:
        if not isinstance(principal, GrantPrincipal):
            return None
        return self.grants.get(principal.grant_id)

    # -- grants ------------------------------------------------------------------

    def visible_to(self, principal: Principal) -> list[SpendGrant]:
        if isinstance(principal, GrantPrincipal):
            raise _forbidden("A spend grant's token cannot list grants.")
        mine = [g for g in self.grants.values() if g.tenant_id == principal.tenant_id]
        return sorted(mine, key=lambda g: g.seq, reverse=True)

    def get(self, principal: Principal, grant_id: str) -> SpendGrant:
        grant = self.grants.get(grant_id)
        own = not isinstance(principal, GrantPrincipal) or principal.grant_id == grant_id
        if grant is None or grant.tenant_id != principal.tenant_id or not own:
            raise ApiError(
                "spend_grant_not_found",
                f"No spend grant {grant_id!r} is visible to the caller.",
                details={"grant_id": grant_id},
            )
        return grant

    def create(
        self,
        principal: Principal,
        *,
        name: str,
        amount_minor: int,
        currency: str,
        expires_at: datetime,
        allowed_skus: tuple[str, ...],
        project_id: str,
    ) -> tuple[SpendGrant, str]:
        """A new grant and its token (the only time the token is seen)."""
        if isinstance(principal, GrantPrincipal):
            raise _forbidden("A spend grant cannot issue grants.")
        now = self.clock.now()
        problems = []
        if expires_at <= now:
            problems.append(("expires_at", "must be in the future"))
        elif expires_at - now > MAX_LIFETIME:
            problems.append(("expires_at", "must be at most 90 days ahead"))
        if currency != "USD":
            problems.append(("currency", "must be USD, the balance's currency"))
        if problems:
            raise ApiError(
                "validation_error",
                "The spend grant is not valid: " + "; ".join(f"{f} {r}" for f, r in problems) + ".",
                details={"errors": [{"field": f, "reason": r} for f, r in problems]},
            )
        token = f"{TOKEN_PREFIX}{secrets.token_urlsafe(32)}"
        with self._lock:
            self._seq += 1
            grant_id = fresh_id(self._rng, "sg", self.grants)
            grant = SpendGrant(
                id=grant_id,
                seq=self._seq,
                tenant_id=principal.tenant_id,
                project_id=project_id,
                name=name,
                amount_minor=amount_minor,
                currency=currency,
                allowed_skus=allowed_skus,
                issued_by=principal.principal_id,
                token_digest=_digest(token),
                created_at=now,
                expires_at=expires_at,
            )
            self.grants[grant.id] = grant
            self._by_digest[grant.token_digest] = grant.id
            return grant, token

    def revoke(self, principal: Principal, grant_id: str) -> SpendGrant:
        if isinstance(principal, GrantPrincipal):
            raise _forbidden("A spend grant cannot revoke grants.")
        with self._lock:
            grant = self.get(principal, grant_id)
            if grant.revoked_at is None:
                grant.revoked_at = self.clock.now()
            return grant

    # -- persistence -------------------------------------------------------------

    def restore(self, data: Any) -> None:
        super().restore(data)
        with self._lock:
            self._by_digest = {g.token_digest: g.id for g in self.grants.values()}

    @staticmethod
    def _state_spec() -> dict[str, Any]:
        return {"grants": dict[str, SpendGrant], "_seq": int, "_rng": random.Random}


def grant_deadline(grant: SpendGrant | None, created: datetime, horizon: float) -> datetime | None:
    """When an allocation created under a grant must stop: its horizon, or the grant's end."""
    if grant is None:
        return None
    return min(created + timedelta(seconds=horizon), grant.expires_at)
