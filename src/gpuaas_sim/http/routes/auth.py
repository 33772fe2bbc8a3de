"""`/v1/auth/*`: dev login, refresh-token rotation, logout, who-am-I."""

from __future__ import annotations

from typing import TYPE_CHECKING

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ...platform.errors import JSONResponse
from ..schemas import DevLoginRequest, LogoutRequest, RefreshRequest
from ..web import authenticate, bearer_token, endpoint, json_body

if TYPE_CHECKING:
    from ...simulator import Simulator


def routes(sim: Simulator) -> list[Route]:
    async def login(request: Request) -> Response:
        body, _ = await json_body(request, DevLoginRequest)
        grant = sim.identity.login(body.username, body.password)
        return JSONResponse(grant.to_json(), headers={"Cache-Control": "no-store"})

    async def refresh(request: Request) -> Response:
        body, _ = await json_body(request, RefreshRequest)
        grant = sim.identity.refresh(body.refresh_token)
        return JSONResponse(grant.to_json(), headers={"Cache-Control": "no-store"})

    async def logout(request: Request) -> Response:
        authenticate(request, sim)  # expired tokens, signatures: refused like any call
        # The body is optional: none (or only whitespace) revokes the caller's login alone.
        raw = await request.body()
        body = await json_body(request, LogoutRequest) if raw.strip() else None
        sim.identity.logout(bearer_token(request), body[0].refresh_token if body else None)
        return Response(status_code=204)

    async def whoami(request: Request) -> Response:
        return JSONResponse(authenticate(request, sim).to_json())

    return [
        endpoint("/v1/auth/login", POST=login),
        endpoint("/v1/auth/token/refresh", POST=refresh),
        endpoint("/v1/auth/logout", POST=logout),
        endpoint("/v1/auth/whoami", GET=whoami),
    ]
