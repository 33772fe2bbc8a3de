"""`/v1/allocations*`: create, list, get, release, and terminal tokens."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ...platform.admin import audited
from ...platform.allocations import Allocation
from ...platform.errors import JSONResponse
from ...runtime.clock import format_time
from ..pagination import paginate
from ..poll_hints import poll_hint_headers
from ..schemas import AllocationCreate
from ..web import authenticate, endpoint, idempotent, json_body, page_params, query_param

if TYPE_CHECKING:
    from ...simulator import Simulator

STATUSES = frozenset({"pending", "provisioning", "active", "releasing", "released", "failed"})
TERMINAL_TOKEN_TTL = 60


def routes(sim: Simulator) -> list[Route]:
    async def list_allocations(request: Request) -> Response:
        principal = authenticate(request, sim)
        limit, cursor = page_params(request)
        status = query_param(request, "status", choices=STATUSES)
        now = sim.clock.now()
        mine = [
            a
            for a in sim.allocation_book.visible_to(principal)
            if status in (None, a.status_at(now))
        ]
        page = paginate(
            mine,
            kind="allocations",
            position=lambda a: a.seq,
            render=lambda a: a.to_json(now),
            limit=limit,
            cursor=cursor,
            descending=True,
        )
        return JSONResponse(page.to_json())

    async def create_allocation(request: Request) -> Response:
        principal = authenticate(request, sim)
        body, raw = await json_body(request, AllocationCreate)

        def create() -> Allocation:
            return sim.allocation_book.create(
                principal,
                sku_id=body.sku,
                gpus_total=body.gpus_total,
                region_code=body.region_code,
                project_id=body.project_id,
                ssh_key_ids=tuple(body.ssh_key_ids),
                spend_cap=sim.service_accounts.spend_cap(principal.principal_id),
            )

        def run() -> tuple[int, Any]:
            allocation = audited(
                request, sim, principal, "allocation.create", create,
                resource_type="allocation", resource_id=lambda a: a.id,
            )  # fmt: skip
            return 201, allocation.to_json(sim.clock.now())

        return idempotent(request, sim, principal, raw, run)

    async def get_allocation(request: Request) -> Response:
        principal = authenticate(request, sim)
        allocation = sim.allocation_book.get(principal, request.path_params["allocation_id"])
        now = sim.clock.now()
        hints = poll_hint_headers((t.at for t in allocation.timeline), now, sim.clock.speed)
        return JSONResponse(allocation.to_json(now), headers=hints)

    async def release_allocation(request: Request) -> Response:
        principal = authenticate(request, sim)
        allocation_id = request.path_params["allocation_id"]

        def run() -> tuple[int, Any]:
            allocation = audited(
                request, sim, principal, "allocation.release",
                lambda: sim.allocation_book.release(principal, allocation_id),
                resource_type="allocation", resource_id=allocation_id,
            )  # fmt: skip
            return 200, allocation.to_json(sim.clock.now())

        return idempotent(request, sim, principal, None, run)

    async def mint_terminal_token(request: Request) -> Response:
        principal = authenticate(request, sim)
        allocation_id = request.path_params["allocation_id"]
        ws_scheme = "wss" if request.url.scheme == "https" else "ws"

        def run() -> tuple[int, Any]:
            token, grant = sim.allocation_book.mint_terminal_token(
                principal, allocation_id, TERMINAL_TOKEN_TTL
            )
            ws_url = (
                f"{ws_scheme}://{request.url.netloc}/v1/allocations/{grant.allocation_id}"
                f"/terminal?token={token}"
            )
            return 201, {
                "token": token,
                "ws_url": ws_url,
                "expires_in": TERMINAL_TOKEN_TTL,
                "expires_at": format_time(grant.expires_at),
            }

        return idempotent(request, sim, principal, None, run)

    return [
        endpoint("/v1/allocations", GET=list_allocations, POST=create_allocation),
        endpoint("/v1/allocations/{allocation_id}", GET=get_allocation),
        endpoint("/v1/allocations/{allocation_id}/release", POST=release_allocation),
        endpoint("/v1/allocations/{allocation_id}/terminal-token", POST=mint_terminal_token),
    ]
