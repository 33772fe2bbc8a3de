"""`/v1/ssh-keys*`: the caller's SSH public keys."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ...platform.errors import JSONResponse
from ..iam_schemas import SshKeyCreate
from ..pagination import paginate
from ..web import authenticate, endpoint, idempotent, json_body, page_params

if TYPE_CHECKING:
    from ...simulator import Simulator


def routes(sim: Simulator) -> list[Route]:
    async def list_keys(request: Request) -> Response:
        principal = authenticate(request, sim)
        limit, cursor = page_params(request)
        page = paginate(
            sim.ssh_keys.owned_by(principal),
            kind="ssh-keys",
            position=lambda k: k.seq,
            render=lambda k: k.to_json(),
            limit=limit,
            cursor=cursor,
            descending=True,
        )
        return JSONResponse(page.to_json())

    async def add_key(request: Request) -> Response:
        principal = authenticate(request, sim)
        body, raw = await json_body(request, SshKeyCreate)

        def run() -> tuple[int, Any]:
            return 201, sim.ssh_keys.add(principal, body.name, body.public_key).to_json()

        return idempotent(request, sim, principal, raw, run)

    async def get_key(request: Request) -> Response:
        principal = authenticate(request, sim)
        return JSONResponse(
            sim.ssh_keys.get(principal, request.path_params["ssh_key_id"]).to_json()
        )

    async def delete_key(request: Request) -> Response:
        principal = authenticate(request, sim)
        sim.ssh_keys.delete(principal, request.path_params["ssh_key_id"])
        return Response(status_code=204)

    return [
        endpoint("/v1/ssh-keys", GET=list_keys, POST=add_key),
        endpoint("/v1/ssh-keys/{ssh_key_id}", GET=get_key, DELETE=delete_key),
    ]
