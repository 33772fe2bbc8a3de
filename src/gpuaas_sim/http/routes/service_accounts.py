"""`/v1/service-accounts*`: service accounts and their keys (create, rotate, revoke)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ...platform.admin import audited
from ...platform.errors import JSONResponse
from ...platform.service_accounts import ServiceAccount
from ..iam_schemas import ServiceAccountCreate, ServiceAccountKeyCreate, ServiceAccountKeyRotate
from ..pagination import paginate
from ..web import authenticate, endpoint, idempotent, json_body, page_params, query_param

if TYPE_CHECKING:
    from ...simulator import Simulator

KEY_STATUSES = frozenset({"active", "revoked", "expired"})
B = TypeVar("B", ServiceAccountKeyCreate, ServiceAccountKeyRotate)


async def optional_body(request: Request, model: type[B]) -> tuple[B, Any]:
    """The body when one was sent; the model's defaults when the request has none."""
    if not (await request.body()).strip():
        return model(), None
    return await json_body(request, model)


def routes(sim: Simulator) -> list[Route]:
    async def list_accounts(request: Request) -> Response:
        principal = authenticate(request, sim)
        limit, cursor = page_params(request)
        project_id = query_param(request, "project_id")
        page = paginate(
            sim.service_accounts.visible_to(principal, project_id),
            kind="service-accounts",
            position=lambda a: a.seq,
            render=sim.service_accounts.render,
            limit=limit,
            cursor=cursor,
        )
        return JSONResponse(page.to_json())

    async def create_account(request: Request) -> Response:
        principal = authenticate(request, sim)
        body, raw = await json_body(request, ServiceAccountCreate)

        def create() -> ServiceAccount:
            return sim.service_accounts.create(
                principal,
                name=body.name,
                principal_kind=body.principal_kind,
                project_id=body.project_id,
                monthly_spend_cap_minor=body.monthly_spend_cap_minor,
                currency=body.currency,
                signing_required=body.signing_required,
                roles=tuple(body.roles) if body.roles is not None else None,
            )

        def run() -> tuple[int, Any]:
            account = audited(
                request, sim, principal, "service_account.create", create,
                resource_type="service_account", resource_id=lambda a: a.id,
            )  # fmt: skip
            return 201, sim.service_accounts.render(account)

        return idempotent(request, sim, principal, raw, run)

    async def get_account(request: Request) -> Response:
        principal = authenticate(request, sim)
        account = sim.service_accounts.get(principal, request.path_params["service_account_id"])
        return JSONResponse(sim.service_accounts.render(account))

    async def delete_account(request: Request) -> Response:
        principal = authenticate(request, sim)
        account_id = request.path_params["service_account_id"]
        audited(
            request, sim, principal, "service_account.delete",
            lambda: sim.service_accounts.delete(principal, account_id),
            resource_type="service_account", resource_id=account_id,
        )  # fmt: skip
        return Response(status_code=204)

    async def list_keys(request: Request) -> Response:
        principal = authenticate(request, sim)
        limit, cursor = page_params(request)
        status = query_param(request, "status", choices=KEY_STATUSES)
        now = sim.clock.now()
        keys = sim.service_accounts.keys_of(principal, request.path_params["service_account_id"])
        page = paginate(
            [k for k in keys if status in (None, k.status_at(now))],
            kind="service-account-keys",
            position=lambda k: k.seq,
            render=lambda k: k.to_json(now),
            limit=limit,
            cursor=cursor,
            descending=True,
        )
        return JSONResponse(page.to_json())

    async def create_key(request: Request) -> Response:
        principal = authenticate(request, sim)
        body, raw = await optional_body(request, ServiceAccountKeyCreate)
        account_id = request.path_params["service_account_id"]

        def run() -> tuple[int, Any]:
            created = audited(
                request, sim, principal, "service_account_key.create",
                lambda: sim.service_accounts.create_key(
                    principal, account_id, body.public_key_pem, body.algorithm
                ),
                resource_type="service_account_key", resource_id=lambda c: str(c["key"]["id"]),
            )  # fmt: skip
            return 201, created

        return idempotent(request, sim, principal, raw, run)

    async def rotate_key(request: Request) -> Response:
        principal = authenticate(request, sim)
        body, raw = await optional_body(request, ServiceAccountKeyRotate)
        params = request.path_params

        def rotate() -> dict[str, Any]:
            return sim.service_accounts.rotate_key(
                principal,
                params["service_account_id"],
                params["key_id"],
                body.public_key_pem,
                body.algorithm,
                body.previous_key_grace_seconds,
            )

        def run() -> tuple[int, Any]:
            rotated = audited(
                request, sim, principal, "service_account_key.rotate", rotate,
                resource_type="service_account_key", resource_id=params["key_id"],
            )  # fmt: skip
            return 200, rotated

        return idempotent(request, sim, principal, raw, run)

    async def revoke_key(request: Request) -> Response:
        principal = authenticate(request, sim)
        params = request.path_params
        audited(
            request, sim, principal, "service_account_key.revoke",
            lambda: sim.service_accounts.revoke_key(
                principal, params["service_account_id"], params["key_id"]
            ),
            resource_type="service_account_key", resource_id=params["key_id"],
        )  # fmt: skip
        return Response(status_code=204)

    return [
        endpoint("/v1/service-accounts", GET=list_accounts, POST=create_account),
        endpoint(
            "/v1/service-accounts/{service_account_id}", GET=get_account, DELETE=delete_account
        ),
        endpoint("/v1/service-accounts/{service_account_id}/keys", GET=list_keys, POST=create_key),
        endpoint("/v1/service-accounts/{service_account_id}/keys/{key_id}", DELETE=revoke_key),
        endpoint("/v1/service-accounts/{service_account_id}/keys/{key_id}/rotate", POST=rotate_key),
    ]
