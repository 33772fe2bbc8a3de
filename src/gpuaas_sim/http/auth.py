"""Bearer authentication of the operations whose contract `security` asks for a token."""

from __future__ import annotations

from typing import TYPE_CHECKING

from starlette.requests import Request

from ..platform.errors import ApiError
from ..platform.identity import BEARER_CHALLENGE, Principal
from ..platform.signing import SignedPrincipal
from .signing import verify_request

if TYPE_CHECKING:
    from ..simulator import Simulator

__all__ = ["authenticate", "bearer_token"]


def bearer_token(request: Request) -> str:
    """The access token of the `Authorization: Bearer` header, or 401 `token_invalid`."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        raise ApiError(
            "token_invalid",
            "This operation needs an `Authorization: Bearer <access token>` header.",
            headers={"WWW-Authenticate": BEARER_CHALLENGE},
        )
    return token


def authenticate(request: Request, sim: Simulator) -> Principal:
    """The caller behind the `Authorization: Bearer` header, or 401 (signature checked too)."""
    token = bearer_token(request)
    force_expired = bool(request.scope.get("state", {}).get("force_token_expired"))
    principal = sim.identity.authenticate(token, force_expired=force_expired)
    if isinstance(principal, SignedPrincipal) and principal.signing_secret:
        verify_request(request, principal.signing_secret, sim.clock.now())
    return principal
