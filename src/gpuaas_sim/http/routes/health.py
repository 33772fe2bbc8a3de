"""`/v1/health`: liveness, unauthenticated."""

from __future__ import annotations

from typing import TYPE_CHECKING

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ...platform.errors import JSONResponse
from ...runtime.clock import format_time
from ..web import endpoint

if TYPE_CHECKING:
    from ...simulator import Simulator

API_VERSION = "1.0.0"


def routes(sim: Simulator) -> list[Route]:
    async def get_health(request: Request) -> Response:
        now = format_time(sim.clock.now())
        return JSONResponse({"status": "ok", "version": API_VERSION, "time": now})

    return [endpoint("/v1/health", GET=get_health)]
