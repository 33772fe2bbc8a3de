"""HTTP plumbing shared by the route modules: parsing, auth, idempotency, dispatch."""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel
from pydantic import ValidationError as PydanticValidationError
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ..platform.errors import ApiError, JSONResponse
from ..platform.identity import BEARER_CHALLENGE, Principal
from ..platform.signing import SignedPrincipal, verify_request
from .idempotency import StoredResult, fingerprint, validate_key

if TYPE_CHECKING:
    from ..simulator import Simulator

__all__ = [
    "authenticate",
    "bearer_token",
    "correlation_id",
    "endpoint",
    "idempotent",
    "json_body",
    "page_params",
    "query_param",
]

M = TypeVar("M", bound=BaseModel)
Handler = Callable[[Request], Awaitable[Response]]


def endpoint(path: str, **handlers: Handler) -> Route:
    """One route per path, so a wrong method gets a 405 whose `Allow` lists all of them."""

    async def dispatch(request: Request) -> Response:
        method = "GET" if request.method == "HEAD" else request.method
        return await handlers[method](request)

    return Route(path, dispatch, methods=list(handlers))


def correlation_id(request: Request) -> str:
    value = request.scope.get("state", {}).get("correlation_id")
    return value if isinstance(value, str) else uuid.uuid4().hex


# -- authentication -----------------------------------------------------------


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


# -- query parameters ---------------------------------------------------------


def _bad_parameter(name: str, reason: str) -> ApiError:
    return ApiError(
        "invalid_request",
        f"Query parameter `{name}` {reason}.",
        details={"parameter": name, "reason": reason},
    )


def query_param(
    request: Request, name: str, *, max_length: int = 64, choices: frozenset[str] | None = None
) -> str | None:
    """A single-valued string query parameter, checked like its contract schema."""
    values = request.query_params.getlist(name)
    if not values:
        return None
    if len(values) > 1:
        raise _bad_parameter(name, "must be given once")
    value = values[0]
    if not 1 <= len(value) <= max_length:
        raise _bad_parameter(name, f"must be 1 to {max_length} characters")
    if choices is not None and value not in choices:
        raise _bad_parameter(name, "must be one of " + ", ".join(sorted(choices)))
    return value


# RFC 3339 `date-time`: full date, `T`, full time with optional fraction, and an offset.
_DATE_TIME = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})"
)


def datetime_param(request: Request, name: str) -> datetime | None:
    """An RFC 3339 `date-time` query parameter (400 `invalid_request` if it is not one)."""
    raw = query_param(request, name, max_length=64)
    if raw is None:
        return None
    match = _DATE_TIME.fullmatch(raw)
    try:
        if match is None:
            raise ValueError(raw)
        leap = match.group(6) == "60"  # a leap second is the instant after :59
        text = raw[:17] + "59" + raw[19:] if leap else raw
        moment = datetime.fromisoformat(text.upper().replace("Z", "+00:00").replace(" ", "T"))
        return moment + timedelta(seconds=1) if leap else moment
    except (ValueError, OverflowError):
        raise ApiError(
            "invalid_request",
            f"Query parameter `{name}` must be an RFC 3339 date-time.",
            details={"parameter": name, "reason": "must be an RFC 3339 date-time"},
        ) from None


def int_param(request: Request, name: str, *, minimum: int, maximum: int) -> int | None:
    """A single-valued integer query parameter from `minimum` to `maximum`."""
    raw = query_param(request, name, max_length=len(str(maximum)) + 1)
    if raw is None:
        return None
    if not (raw.isascii() and raw.lstrip("-").isdigit()) or not minimum <= int(raw) <= maximum:
        raise _bad_parameter(name, f"must be an integer from {minimum} to {maximum}")
    return int(raw)


def bool_param(request: Request, name: str) -> bool | None:
    """A single-valued boolean query parameter: `true` or `false`."""
    raw = query_param(request, name, max_length=5, choices=frozenset({"true", "false"}))
    return None if raw is None else raw == "true"


def page_params(request: Request) -> tuple[int, str | None]:
    """`limit` (1..200, default 50) and `cursor` of a paginated listing."""
    raw = query_param(request, "limit", max_length=3)
    if raw is None:
        limit = 50
    elif raw.isascii() and raw.isdigit() and 1 <= int(raw) <= 200:
        limit = int(raw)
    else:
        raise _bad_parameter("limit", "must be an integer from 1 to 200")
    return limit, query_param(request, "cursor", max_length=512)


# -- bodies -------------------------------------------------------------------


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


async def json_body(request: Request, model: type[M]) -> tuple[M, Any]:
    """The body parsed (400 if not JSON) and validated against `model` (422 per field)."""
    content_type = request.headers.get("content-type", "application/json")
    media_type = content_type.split(";", 1)[0].strip().lower()
    if media_type != "application/json" and not media_type.endswith("+json"):
        raise ApiError("invalid_request", "The body must be `application/json`.")
    raw = await request.body()
    try:
        data = json.loads(raw.decode("utf-8"), parse_constant=_reject_constant)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise ApiError("invalid_request", "The body is not valid JSON.") from None
    try:
        return model.model_validate(data), data
    except PydanticValidationError as exc:
        errors = [
            {
                "field": ".".join(str(part) for part in error["loc"]) or "body",
                "reason": error["msg"],
            }
            for error in exc.errors(include_url=False, include_input=False)
        ]
        raise ApiError(
            "validation_error", "The body failed validation.", details={"errors": errors}
        ) from None


# -- idempotency --------------------------------------------------------------


def idempotent(
    request: Request,
    sim: Simulator,
    principal: Principal,
    body: Any,
    run: Callable[[], tuple[int, Any]],
) -> Response:
    """Run `run` once per `Idempotency-Key`; replays get the stored status and body.

    Only requests that reached the operation are remembered (so a 400 or 422 can be
    fixed and resent under the same key), and business errors are replayed too.
    """
    key = validate_key(request.headers.get("idempotency-key"))
    if key is None:
        status, payload = run()
        return JSONResponse(payload, status_code=status)
    scope = (principal.principal_id, request.method, request.url.path, key)
    digest, now = fingerprint(body), sim.clock.now()
    stored = sim.idempotency.lookup(scope, digest, now)
    replayed = stored is not None
    if stored is None:
        try:
            status, payload = run()
        except ApiError as exc:
            stored = StoredResult(exc.status, None, digest, now, error=exc)
        else:
            stored = StoredResult(status, payload, digest, now)
        sim.idempotency.save(scope, stored)
    headers = {"Idempotent-Replayed": "true"} if replayed else {}
    if stored.error is not None:
        error = stored.error
        raise ApiError(
            error.code, error.message, details=error.details, headers={**error.headers, **headers}
        )
    return JSONResponse(stored.payload, status_code=stored.status, headers=headers)
