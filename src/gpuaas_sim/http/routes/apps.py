"""`/v1/apps*` and `/v1/app-instances*`: catalog, artifacts, entitlements, instances, members.

The live event stream (`.../events/stream`) is served with the other SSE streams.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ...platform.errors import JSONResponse
from ..apps_schemas import (
    AppArtifactPromotion,
    AppEntitlementCreate,
    AppInstanceCreate,
    AppInstanceMemberCreate,
    AppManifestCreate,
)
from ..pagination import paginate
from ..poll_hints import poll_hint_headers
from ..web import (
    authenticate,
    datetime_param,
    endpoint,
    idempotent,
    json_body,
    page_params,
    query_param,
)

if TYPE_CHECKING:
    from ...simulator import Simulator

INSTANCE_STATUSES = frozenset(
    {"pending", "starting", "running", "stopping", "stopped", "released", "failed"}
)
CHANNELS = frozenset({"stable", "beta", "dev"})
EVENT_TYPES = frozenset({"app_instance.status_changed", "app.event", "app.log"})


def routes(sim: Simulator) -> list[Route]:
    return [*_catalog_routes(sim), *_instance_routes(sim), *_member_and_event_routes(sim)]


def _catalog_routes(sim: Simulator) -> list[Route]:
    async def list_apps(request: Request) -> Response:
        authenticate(request, sim)
        limit, cursor = page_params(request)
        category = query_param(request, "category", max_length=64)
        search = query_param(request, "search", max_length=128)
        page = paginate(
            sim.apps.list_manifests(category, search),
            kind="apps",
            position=lambda m: m.seq,
            render=lambda m: m.to_json(),
            limit=limit,
            cursor=cursor,
        )
        return JSONResponse(page.to_json())

    async def register_app(request: Request) -> Response:
        principal = authenticate(request, sim)
        body, raw = await json_body(request, AppManifestCreate)

        def run() -> tuple[int, Any]:
            return 201, sim.apps.register(principal, body.model_dump(mode="json")).to_json()

        return idempotent(request, sim, principal, raw, run)

    async def get_app(request: Request) -> Response:
        authenticate(request, sim)
        return JSONResponse(sim.apps.manifest(request.path_params["app_slug"]).to_json())

    async def list_artifacts(request: Request) -> Response:
        authenticate(request, sim)
        limit, cursor = page_params(request)
        channel = query_param(request, "channel", choices=CHANNELS)
        page = paginate(
            sim.apps.list_artifacts(request.path_params["app_slug"], channel),
            kind="app_artifacts",
            position=lambda a: a.seq,
            render=lambda a: a.to_json(sim.apps.channels_of(a)),
            limit=limit,
            cursor=cursor,
            descending=True,
        )
        return JSONResponse(page.to_json())

    async def promote_artifact(request: Request) -> Response:
        principal = authenticate(request, sim)
        body, raw = await json_body(request, AppArtifactPromotion)
        slug, artifact_id = request.path_params["app_slug"], request.path_params["artifact_id"]

        def run() -> tuple[int, Any]:
            artifact = sim.apps.promote(principal, slug, artifact_id, body.channel)
            return 200, artifact.to_json(sim.apps.channels_of(artifact))

        return idempotent(request, sim, principal, raw, run)

    async def list_entitlements(request: Request) -> Response:
        principal = authenticate(request, sim)
        limit, cursor = page_params(request)
        project_id = query_param(request, "project_id", max_length=64)
        page = paginate(
            sim.apps.list_entitlements(principal, request.path_params["app_slug"], project_id),
            kind="app_entitlements",
            position=lambda e: e.seq,
            render=lambda e: e.to_json(),
            limit=limit,
            cursor=cursor,
        )
        return JSONResponse(page.to_json())

    async def grant_entitlement(request: Request) -> Response:
        principal = authenticate(request, sim)
        body, raw = await json_body(request, AppEntitlementCreate)
        slug = request.path_params["app_slug"]

        def run() -> tuple[int, Any]:
            grant = sim.apps.grant(principal, slug, body.project_id, body.expires_at)
            return 201, grant.to_json()

        return idempotent(request, sim, principal, raw, run)

    async def revoke_entitlement(request: Request) -> Response:
        principal = authenticate(request, sim)
        params = request.path_params
        sim.apps.revoke(principal, params["app_slug"], params["entitlement_id"])
        return Response(status_code=204)

    return [
        endpoint("/v1/apps", GET=list_apps, POST=register_app),
        endpoint("/v1/apps/{app_slug}", GET=get_app),
        endpoint("/v1/apps/{app_slug}/artifacts", GET=list_artifacts),
        endpoint("/v1/apps/{app_slug}/artifacts/{artifact_id}/promote", POST=promote_artifact),
        endpoint("/v1/apps/{app_slug}/entitlements", GET=list_entitlements, POST=grant_entitlement),
        endpoint("/v1/apps/{app_slug}/entitlements/{entitlement_id}", DELETE=revoke_entitlement),
    ]


def _instance_routes(sim: Simulator) -> list[Route]:
    async def list_instances(request: Request) -> Response:
        principal = authenticate(request, sim)
        limit, cursor = page_params(request)
        app_slug = query_param(request, "app_slug", max_length=64)
        status = query_param(request, "status", choices=INSTANCE_STATUSES)
        project_id = query_param(request, "project_id", max_length=64)
        now = sim.clock.now()
        found = [
            i
            for i in sim.apps.visible_to(principal)
            if app_slug in (None, i.manifest.slug)
            and project_id in (None, i.project_id)
            and status in (None, i.step_at(now).status)
        ]
        page = paginate(
            found,
            kind="app_instances",
            position=lambda i: i.seq,
            render=lambda i: i.to_json(now),
            limit=limit,
            cursor=cursor,
            descending=True,
        )
        return JSONResponse(page.to_json())

    async def create_instance(request: Request) -> Response:
        principal = authenticate(request, sim)
        body, raw = await json_body(request, AppInstanceCreate)

        def run() -> tuple[int, Any]:
            instance = sim.apps.create(
                principal,
                app_slug=body.app_slug,
                project_id=body.project_id,
                target_allocation_id=body.target_allocation_id,
                name=body.name,
                config=body.config,
            )
            return 201, instance.to_json(sim.clock.now())

        return idempotent(request, sim, principal, raw, run)

    async def get_instance(request: Request) -> Response:
        principal = authenticate(request, sim)
        instance = sim.apps.instance(principal, request.path_params["instance_id"])
        now = sim.clock.now()
        hints = poll_hint_headers((s.at for s in instance.steps_at(now)), now, sim.clock.speed)
        return JSONResponse(instance.to_json(now), headers=hints)

    def transition(change: str) -> Callable[[Request], Awaitable[Response]]:
        """start / stop / release: one shape, a different rule in the book."""

        async def handle(request: Request) -> Response:
            principal = authenticate(request, sim)
            instance_id = request.path_params["instance_id"]

            def run() -> tuple[int, Any]:
                instance = getattr(sim.apps, change)(principal, instance_id)
                return 200, instance.to_json(sim.clock.now())

            return idempotent(request, sim, principal, None, run)

        return handle

    return [
        endpoint("/v1/app-instances", GET=list_instances, POST=create_instance),
        endpoint("/v1/app-instances/{instance_id}", GET=get_instance),
        endpoint("/v1/app-instances/{instance_id}/start", POST=transition("start")),
        endpoint("/v1/app-instances/{instance_id}/stop", POST=transition("stop")),
        endpoint("/v1/app-instances/{instance_id}/release", POST=transition("release")),
    ]


def _member_and_event_routes(sim: Simulator) -> list[Route]:
    async def list_members(request: Request) -> Response:
        principal = authenticate(request, sim)
        limit, cursor = page_params(request)
        instance = sim.apps.instance(principal, request.path_params["instance_id"])
        now = sim.clock.now()
        page = paginate(
            instance.members_at(now),
            kind="app_instance_members",
            position=lambda m: m.seq,
            render=lambda m: m.to_json(now),
            limit=limit,
            cursor=cursor,
        )
        return JSONResponse(page.to_json())

    async def add_member(request: Request) -> Response:
        principal = authenticate(request, sim)
        body, raw = await json_body(request, AppInstanceMemberCreate)
        instance_id = request.path_params["instance_id"]

        def run() -> tuple[int, Any]:
            member = sim.apps.add_member(principal, instance_id, body.allocation_id, body.role)
            return 201, member.to_json(sim.clock.now())

        return idempotent(request, sim, principal, raw, run)

    async def remove_member(request: Request) -> Response:
        principal = authenticate(request, sim)
        params = request.path_params
        sim.apps.remove_member(principal, params["instance_id"], params["allocation_id"])
        return Response(status_code=204)

    async def list_events(request: Request) -> Response:
        principal = authenticate(request, sim)
        limit, cursor = page_params(request)
        since = datetime_param(request, "since")
        kind = query_param(request, "type", choices=EVENT_TYPES)
        instance = sim.apps.instance(principal, request.path_params["instance_id"])
        events = sim.events.after(
            sim.clock.now(),
            where=lambda e: (
                e.get("instance_id") == instance.id
                and kind in (None, e["type"])
                and (since is None or datetime.fromisoformat(e["occurred_at"]) >= since)
            ),
        )
        page = paginate(
            events,
            kind="app_instance_events",
            position=lambda e: int(e["id"]),
            render=dict,
            limit=limit,
            cursor=cursor,
        )
        return JSONResponse(page.to_json())

    return [
        endpoint("/v1/app-instances/{instance_id}/members", GET=list_members, POST=add_member),
        endpoint("/v1/app-instances/{instance_id}/members/{allocation_id}", DELETE=remove_member),
        endpoint("/v1/app-instances/{instance_id}/events", GET=list_events),
    ]
