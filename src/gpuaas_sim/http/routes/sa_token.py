"""`POST /v1/auth/service-account/token`: trade a service-account JWT for tokens (RFC 7523)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import parse_qs

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ...platform.assertions import AssertionVerifier
from ...platform.errors import ApiError, JSONResponse
from ..web import endpoint

if TYPE_CHECKING:
    from ...simulator import Simulator

TOKEN_PATH = "/v1/auth/service-account/token"
JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer"
FIELDS = ("grant_type", "assertion")
_COMPACT_JWS = re.compile(r"[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+")
MAX_ASSERTION = 8192


def _invalid_field(name: str, reason: str) -> ApiError:
    return ApiError(
        "validation_error",
        "The body failed validation.",
        details={"errors": [{"field": name, "reason": reason}]},
    )


async def _form(request: Request) -> dict[str, str]:
    """The url-encoded body as single-valued fields, checked like the contract's schema."""
    media_type = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if media_type != "application/x-www-form-urlencoded":
        raise ApiError("invalid_request", "The body must be `application/x-www-form-urlencoded`.")
    try:
        parsed = parse_qs(
            (await request.body()).decode("ascii"), keep_blank_values=True, strict_parsing=False
        )
    except (UnicodeDecodeError, ValueError):
        raise ApiError("invalid_request", "The body is not a url-encoded form.") from None
    for name in parsed:
        if name not in FIELDS:
            raise _invalid_field(name, "is not a field of this request")
    for name in FIELDS:
        values = parsed.get(name)
        if not values:
            raise ApiError(
                "invalid_request",
                f"The form field `{name}` is required.",
                details={"parameter": name, "reason": "missing"},
            )
        if len(values) > 1:
            raise ApiError("invalid_request", f"The form field `{name}` must be given once.")
    return {name: parsed[name][0] for name in FIELDS}


def routes(sim: Simulator) -> list[Route]:
    verifier = AssertionVerifier(sim.service_accounts)

    async def exchange(request: Request) -> Response:
        form = await _form(request)
        if form["grant_type"] != JWT_BEARER:
            raise ApiError(
                "invalid_request",
                f"Only grant_type={JWT_BEARER} is accepted here.",
                details={"parameter": "grant_type", "reason": "unsupported"},
            )
        assertion = form["assertion"]
        if len(assertion) > MAX_ASSERTION or not _COMPACT_JWS.fullmatch(assertion):
            raise _invalid_field("assertion", "must be a compact JWS of at most 8192 characters")
        audience = str(request.url.replace(query=""))
        principal = verifier.verify(assertion, audience, sim.clock.now())
        grant = sim.identity.issue_for(principal)
        return JSONResponse(grant.to_json(), headers={"Cache-Control": "no-store"})

    return [endpoint(TOKEN_PATH, POST=exchange)]
