"""`client.apps`: the app catalog, instances (with members and event history), artifacts
and entitlements, sync and async.

An instance has three kinds of events: status changes (`wait_for` follows those),
the app's own events (`events()`) and its log lines (`logs()`); `history()` pages all
three. With `follow=True`, `events()` and `logs()` replay from the start and then
follow the live stream (resuming by itself after a dropped connection) until the
instance is released.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from gpuaas_api.api.app_artifacts import list_app_artifacts, promote_app_artifact
from gpuaas_api.api.app_entitlements import (
    grant_app_entitlement,
    list_app_entitlements,
    revoke_app_entitlement,
)
from gpuaas_api.api.app_instances import (
    add_app_instance_member,
    create_app_instance,
    get_app_instance,
    list_app_instance_events,
    list_app_instance_members,
    list_app_instances,
    remove_app_instance_member,
)
from gpuaas_api.api.apps_catalog import get_app, list_apps, register_app
from gpuaas_api.models import (
    AppArtifact,
    AppArtifactPage,
    AppArtifactPromotion,
    AppChannel,
    AppEntitlement,
    AppEntitlementCreate,
    AppEntitlementPage,
    AppEventEmitted,
    AppInstance,
    AppInstanceCreate,
    AppInstanceCreateConfig,
    AppInstanceEventType,
    AppInstanceMember,
    AppInstanceMemberCreate,
    AppInstanceMemberPage,
    AppInstancePage,
    AppInstanceStatus,
    AppInstanceStatusChanged,
    AppLogLine,
    AppManifest,
    AppManifestCreate,
    AppManifestPage,
    AppMemberRole,
    AppPortSpec,
    EventPage,
)

from .._core.call import Call, unset_if_none
from ..errors import ArgumentError

AppInstanceEvent = AppInstanceStatusChanged | AppEventEmitted | AppLogLine
"""What an app instance's event history holds: status changes, app events, log lines."""
_APP_EVENTS = (AppInstanceStatusChanged, AppEventEmitted, AppLogLine)

# -- catalog ------------------------------------------------------------------------


def _list_apps(
    cursor: str | None, category: str | None, search: str | None, limit: int | None
) -> Call[AppManifestPage]:
    return Call(
        list_apps,
        {
            "cursor": unset_if_none(cursor),
            "category": unset_if_none(category),
            "search": unset_if_none(search),
            "limit": unset_if_none(limit),
        },
        AppManifestPage,
    )


def _get_app(app_slug: str) -> Call[AppManifest]:
    return Call(get_app, {"app_slug": app_slug}, AppManifest)


def _port(port: AppPortSpec | Mapping[str, Any]) -> AppPortSpec:
    return port if isinstance(port, AppPortSpec) else AppPortSpec.from_dict(port)


def _register_app(
    fields: Mapping[str, Any],
    ports: Sequence[AppPortSpec | Mapping[str, Any]] | None,
    roles: Collection[str] | None,
    idempotency_key: str | None,
) -> Call[AppManifest]:
    body = AppManifestCreate(
        **{name: unset_if_none(value) for name, value in fields.items()},
        ports=unset_if_none([_port(p) for p in ports] if ports is not None else None),
        roles=unset_if_none([AppMemberRole(r) for r in roles] if roles is not None else None),
    )
    return Call(
        register_app, {"body": body, "idempotency_key": unset_if_none(idempotency_key)}, AppManifest
    )


# -- instances ----------------------------------------------------------------------


def _list_instances(
    cursor: str | None, filters: Mapping[str, str | None], limit: int | None
) -> Call[AppInstancePage]:
    status = filters.get("status")
    return Call(
        list_app_instances,
        {
            "cursor": unset_if_none(cursor),
            "limit": unset_if_none(limit),
            "app_slug": unset_if_none(filters.get("app_slug")),
            "project_id": unset_if_none(filters.get("project_id")),
            "status": unset_if_none(AppInstanceStatus(status) if status else None),
        },
        AppInstancePage,
    )


def _get_instance(instance_id: str) -> Call[AppInstance]:
    return Call(get_app_instance, {"instance_id": instance_id}, AppInstance)


def _create_instance(
    app_slug: str,
    project_id: str,
    target_allocation_id: str,
    name: str | None,
    config: Mapping[str, Any] | None,
    idempotency_key: str | None,
) -> Call[AppInstance]:
    body = AppInstanceCreate(
        app_slug=app_slug,
        project_id=project_id,
        target_allocation_id=target_allocation_id,
        name=unset_if_none(name),
        config=unset_if_none(AppInstanceCreateConfig.from_dict(config) if config else None),
    )
    return Call(
        create_app_instance,
        {"body": body, "idempotency_key": unset_if_none(idempotency_key)},
        AppInstance,
    )


def _transition(endpoint: Any, instance_id: str, idempotency_key: str | None) -> Call[AppInstance]:
    return Call(
        endpoint,
        {"instance_id": instance_id, "idempotency_key": unset_if_none(idempotency_key)},
        AppInstance,
    )


@dataclass(frozen=True)
class _EventPage:
    """A page of history narrowed to the event types an app instance has."""

    items: list[AppInstanceEvent]
    next_cursor: str | None


def _narrow(page: EventPage) -> _EventPage:
    return _EventPage([e for e in page.items if isinstance(e, _APP_EVENTS)], page.next_cursor)


K = TypeVar("K", AppEventEmitted, AppLogLine)
_KIND_TYPE: dict[type[Any], str] = {AppEventEmitted: "app.event", AppLogLine: "app.log"}


def _no_since_when_following(since: object) -> None:
    if since is not None:
        raise ArgumentError("since= pages the history; follow=True replays it all, then goes live")


def _list_events(
    instance_id: str,
    cursor: str | None,
    since: datetime | None,
    type_: str | None,
    limit: int | None,
) -> Call[EventPage]:
    return Call(
        list_app_instance_events,
        {
            "instance_id": instance_id,
            "cursor": unset_if_none(cursor),
            "limit": unset_if_none(limit),
            "since": unset_if_none(since),
            "type_": unset_if_none(AppInstanceEventType(type_) if type_ else None),
        },
        EventPage,
    )


# -- members ------------------------------------------------------------------------


def _list_members(
    instance_id: str, cursor: str | None, limit: int | None
) -> Call[AppInstanceMemberPage]:
    return Call(
        list_app_instance_members,
        {
            "instance_id": instance_id,
            "cursor": unset_if_none(cursor),
            "limit": unset_if_none(limit),
        },
        AppInstanceMemberPage,
    )


def _add_member(
    instance_id: str, allocation_id: str, role: str, idempotency_key: str | None
) -> Call[AppInstanceMember]:
    body = AppInstanceMemberCreate(allocation_id=allocation_id, role=AppMemberRole(role))
    return Call(
        add_app_instance_member,
        {
            "instance_id": instance_id,
            "body": body,
            "idempotency_key": unset_if_none(idempotency_key),
        },
        AppInstanceMember,
    )


def _remove_member(instance_id: str, allocation_id: str) -> Call[Any]:
    return Call(
        remove_app_instance_member,
        {"instance_id": instance_id, "allocation_id": allocation_id},
        type(None),
    )


# -- artifacts and entitlements -----------------------------------------------------


def _list_artifacts(
    app_slug: str, cursor: str | None, channel: str | None, limit: int | None
) -> Call[AppArtifactPage]:
    return Call(
        list_app_artifacts,
        {
            "app_slug": app_slug,
            "cursor": unset_if_none(cursor),
            "limit": unset_if_none(limit),
            "channel": unset_if_none(AppChannel(channel) if channel else None),
        },
        AppArtifactPage,
    )


def _promote(
    app_slug: str, artifact_id: str, channel: str, idempotency_key: str | None
) -> Call[AppArtifact]:
    return Call(
        promote_app_artifact,
        {
            "app_slug": app_slug,
            "artifact_id": artifact_id,
            "body": AppArtifactPromotion(channel=AppChannel(channel)),
            "idempotency_key": unset_if_none(idempotency_key),
        },
        AppArtifact,
    )


def _list_entitlements(
    app_slug: str, cursor: str | None, project_id: str | None, limit: int | None
) -> Call[AppEntitlementPage]:
    return Call(
        list_app_entitlements,
        {
            "app_slug": app_slug,
            "cursor": unset_if_none(cursor),
            "limit": unset_if_none(limit),
            "project_id": unset_if_none(project_id),
        },
        AppEntitlementPage,
    )


def _grant(
    app_slug: str, project_id: str, expires_at: datetime | None, idempotency_key: str | None
) -> Call[AppEntitlement]:
    if expires_at is not None and expires_at.tzinfo is None:
        raise ArgumentError("expires_at needs a time zone")
    body = AppEntitlementCreate(project_id=project_id, expires_at=unset_if_none(expires_at))
    return Call(
        grant_app_entitlement,
        {"app_slug": app_slug, "body": body, "idempotency_key": unset_if_none(idempotency_key)},
        AppEntitlement,
    )


def _revoke(app_slug: str, entitlement_id: str) -> Call[Any]:
    return Call(
        revoke_app_entitlement,
        {"app_slug": app_slug, "entitlement_id": entitlement_id},
        type(None),
    )


# -- sync ---------------------------------------------------------------------------


# -- async --------------------------------------------------------------------------
