"""Apps: catalog, artifacts, entitlements, instances, members and event history.

The live event stream (`streamAppInstanceEvents`) is served with the other SSE streams.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ..pagination import page_of
from ..poll_hints import poll_hint_headers
from ..registry import Call, Reply, operation

# -- catalog, artifacts, entitlements ---------------------------------------------------


@operation("listApps")
def list_apps(call: Call) -> dict[str, Any]:
    return page_of(
        call.query,
        call.sim.apps.list_manifests(call.query.get("category"), call.query.get("search")),
        kind="apps",
        position=lambda m: m.seq,
        render=lambda m: m.to_json(),
    )


@operation("registerApp")
def register_app(call: Call) -> dict[str, Any]:
    return call.sim.apps.register(call.caller, call.body).to_json()


@operation("getApp")
def get_app(call: Call) -> dict[str, Any]:
    return call.sim.apps.manifest(call.path["app_slug"]).to_json()


@operation("listAppArtifacts")
def list_app_artifacts(call: Call) -> dict[str, Any]:
    apps = call.sim.apps
    return page_of(
        call.query,
        apps.list_artifacts(call.path["app_slug"], call.query.get("channel")),
        kind="app_artifacts",
        position=lambda a: a.seq,
        render=lambda a: a.to_json(apps.channels_of(a)),
        descending=True,
    )


@operation("promoteAppArtifact")
def promote_app_artifact(call: Call) -> dict[str, Any]:
    apps = call.sim.apps
    artifact = apps.promote(
        call.caller, call.path["app_slug"], call.path["artifact_id"], call.body["channel"]
    )
    return artifact.to_json(apps.channels_of(artifact))


@operation("listAppEntitlements")
def list_app_entitlements(call: Call) -> dict[str, Any]:
    found = call.sim.apps.list_entitlements(
        call.caller, call.path["app_slug"], call.query.get("project_id")
    )
    return page_of(
        call.query,
        found,
        kind="app_entitlements",
        position=lambda e: e.seq,
        render=lambda e: e.to_json(),
    )


@operation("grantAppEntitlement")
def grant_app_entitlement(call: Call) -> dict[str, Any]:
    body = call.body
    grant = call.sim.apps.grant(
        call.caller, call.path["app_slug"], body["project_id"], body.get("expires_at")
    )
    return grant.to_json()


@operation("revokeAppEntitlement")
def revoke_app_entitlement(call: Call) -> None:
    call.sim.apps.revoke(call.caller, call.path["app_slug"], call.path["entitlement_id"])


# -- instances ------------------------------------------------------------------------


@operation("listAppInstances")
def list_app_instances(call: Call) -> dict[str, Any]:
    query, now = call.query, call.sim.clock.now()
    app_slug, status, project_id = (
        query.get("app_slug"),
        query.get("status"),
        query.get("project_id"),
    )
    found = [
        i
        for i in call.sim.apps.visible_to(call.caller)
        if app_slug in (None, i.manifest.slug)
        and project_id in (None, i.project_id)
        and status in (None, i.step_at(now).status)
    ]
    return page_of(
        query,
        found,
        kind="app_instances",
        position=lambda i: i.seq,
        render=lambda i: i.to_json(now),
        descending=True,
    )


@operation("createAppInstance")
def create_app_instance(call: Call) -> dict[str, Any]:
    body = call.body
    instance = call.sim.apps.create(
        call.caller,
        app_slug=body["app_slug"],
        project_id=body["project_id"],
        target_allocation_id=body["target_allocation_id"],
        name=body.get("name"),
        config=body.get("config"),
    )
    return instance.to_json(call.sim.clock.now())


@operation("getAppInstance")
def get_app_instance(call: Call) -> Reply:
    instance = call.sim.apps.instance(call.caller, call.path["instance_id"])
    clock = call.sim.clock
    now = clock.now()
    hints = poll_hint_headers((s.at for s in instance.steps_at(now)), now, clock.speed)
    return Reply(instance.to_json(now), hints)


@operation("startAppInstance")
def start_app_instance(call: Call) -> dict[str, Any]:
    return call.sim.apps.start(call.caller, call.path["instance_id"]).to_json(call.sim.clock.now())


@operation("stopAppInstance")
def stop_app_instance(call: Call) -> dict[str, Any]:
    return call.sim.apps.stop(call.caller, call.path["instance_id"]).to_json(call.sim.clock.now())


@operation("releaseAppInstance")
def release_app_instance(call: Call) -> dict[str, Any]:
    instance = call.sim.apps.release(call.caller, call.path["instance_id"])
    return instance.to_json(call.sim.clock.now())


# -- members and event history --------------------------------------------------------


@operation("listAppInstanceMembers")
def list_app_instance_members(call: Call) -> dict[str, Any]:
    instance = call.sim.apps.instance(call.caller, call.path["instance_id"])
    now = call.sim.clock.now()
    return page_of(
        call.query,
        instance.members_at(now),
        kind="app_instance_members",
        position=lambda m: m.seq,
        render=lambda m: m.to_json(now),
    )


@operation("addAppInstanceMember")
def add_app_instance_member(call: Call) -> dict[str, Any]:
    member = call.sim.apps.add_member(
        call.caller, call.path["instance_id"], call.body["allocation_id"], call.body["role"]
    )
    return member.to_json(call.sim.clock.now())


@operation("removeAppInstanceMember")
def remove_app_instance_member(call: Call) -> None:
    call.sim.apps.remove_member(call.caller, call.path["instance_id"], call.path["allocation_id"])


@operation("listAppInstanceEvents")
def list_app_instance_events(call: Call) -> dict[str, Any]:
    since, kind = call.query.get("since"), call.query.get("type")
    instance = call.sim.apps.instance(call.caller, call.path["instance_id"])
    events = call.sim.events.after(
        call.sim.clock.now(),
        where=lambda e: (
            e.get("instance_id") == instance.id
            and kind in (None, e["type"])
            and (since is None or datetime.fromisoformat(e["occurred_at"]) >= since)
        ),
    )
    return page_of(
        call.query,
        events,
        kind="app_instance_events",
        position=lambda e: int(e["id"]),
        render=dict,
    )
