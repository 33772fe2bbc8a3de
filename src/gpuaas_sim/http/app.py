"""Assembles the ASGI application: the gateway in front of a Starlette router.

The router holds one route per contract path (`registry.build_routes`), the terminal's
WebSocket (an AsyncAPI channel) and, when it is on, the `/_sim` control API; beside the
API, the pages for people (`gpuaas_sim/web`: the browser terminal, the playground).
With the playground on, a recorder outside the gateway logs what each API request was
answered, for the playground's request log.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute
from starlette.types import ASGIApp

from ..platform.errors import ApiError
from ..web import routes as web
from ..web.request_feed import RequestFeed, RequestRecorder
from . import control, terminal
from .gateway import Gateway
from .registry import build_routes
from .responses import correlation_id, error_response, response_of

if TYPE_CHECKING:
    from ..simulator import Simulator

__all__ = ["build_app", "routes"]


async def _api_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
    return response_of(exc, correlation_id(request))


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


def routes(sim: Simulator) -> list[BaseRoute]:
    """Every route of the API: the contract's, the terminal's, the control API's."""
    return [*build_routes(sim), *terminal.routes(sim), *control.routes(sim)]


def build_app(sim: Simulator) -> ASGIApp:
    feed = RequestFeed() if sim.config.playground else None
    router = Starlette(
        routes=[*routes(sim), *web.routes(sim, feed)],
        exception_handlers={
            ApiError: _api_error,
            HTTPException: _routing_error,
            Exception: _unexpected,
        },
    )
    router.router.redirect_slashes = False  # `/v1/health/` is simply not a route
    gateway = Gateway(router, sim)
    return gateway if feed is None else RequestRecorder(gateway, feed)
