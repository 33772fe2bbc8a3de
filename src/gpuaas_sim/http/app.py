"""Assembles the ASGI application: the gateway in front of a Starlette router."""

from __future__ import annotations

from typing import TYPE_CHECKING

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp

from ..platform.errors import ApiError, error_response
from .gateway import Gateway
from .routes import build_routes
from .web import correlation_id

if TYPE_CHECKING:
    from ..simulator import Simulator

__all__ = ["build_app"]


async def _api_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
    return exc.to_response(correlation_id(request))


async def _routing_error(request: Request, exc: Exception) -> Response:
    """Starlette's own 404/405 (no route, wrong method), in the platform's envelope."""
    assert isinstance(exc, HTTPException)
    cid = correlation_id(request)
    if exc.status_code == 405:
        allowed = sorted(m.strip() for m in (exc.headers or {}).get("Allow", "").split(","))
        return error_response(
            "method_not_allowed",
            f"{request.url.path} does not take {request.method}.",
            cid,
            details={"allowed_methods": allowed},
            headers={"Allow": ", ".join(allowed)},
        )
    if exc.status_code == 404:
        return error_response("not_found", f"No route matches {request.url.path}.", cid)
    return error_response("invalid_request", str(exc.detail), cid, status=exc.status_code)


async def _unexpected(request: Request, exc: Exception) -> Response:
    return error_response(
        "internal_error", "The simulator failed unexpectedly.", correlation_id(request)
    )


def build_app(sim: Simulator) -> ASGIApp:
    router = Starlette(
        routes=build_routes(sim),
        exception_handlers={
            ApiError: _api_error,
            HTTPException: _routing_error,
            Exception: _unexpected,
        },
    )
    router.router.redirect_slashes = False  # `/v1/health/` is simply not a route
    return Gateway(router, sim)
