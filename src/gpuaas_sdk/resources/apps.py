"""`client.apps`: the app catalog, instances (with members and event history), artifacts
and entitlements, sync and async.

An instance has three kinds of events: status changes (`wait_for` follows those),
the app's own events (`events()`) and its log lines (`logs()`); `history()` pages all
three. With `follow=True`, `events()` and `logs()` replay from the start and then
follow the live stream (resuming by itself after a dropped connection) until the
instance is released.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING, Any, TypeVar

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
    release_app_instance,
    remove_app_instance_member,
    start_app_instance,
    stop_app_instance,
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
from .._core.pagination import AsyncPager, SyncPager
from .._streams.sse import aiter_instance_events, iter_instance_events
from .._waiters.feed import AsyncEventFeed, EventFeed
from .._waiters.waiter import (
    Waiter,
    WaitProgressCallback,
    Watch,
    afetch,
    await_,
    fetch,
    state_names,
    wait,
)
from ..errors import ArgumentError
from ._base import AsyncResource, SyncResource

if TYPE_CHECKING:
    from gpuaas_api.client import Client as GeneratedClient

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


_WATCH = Watch("app_instance.status_changed", "instance_id")


def _waiter(
    instance_id: str,
    states: Collection[str | Enum],
    timeout: float,
    progress: WaitProgressCallback | None,
) -> Waiter:
    wanted = state_names(states, AppInstanceStatus)
    # `released` is final; `failed` ends every wait that does not ask for it.
    failures = frozenset({"failed"} if "released" in wanted else {"failed", "released"})
    return Waiter(
        kind="app instance",
        resource_id=instance_id,
        states=wanted,
        failure_states=failures,
        timeout=timeout,
        state_of=lambda i: str(i.status),
        reason_of=lambda i: i.failure_reason,
        progress=progress,
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
FROM_THE_START = "0"
"""`Last-Event-ID` that replays the instance's retained events before going live."""


def _no_since_when_following(since: object) -> None:
    if since is not None:
        raise ArgumentError("since= pages the history; follow=True replays it all, then goes live")


def _instant(since: datetime | str | None) -> datetime | None:
    if since is None:
        return None
    try:
        moment = datetime.fromisoformat(since) if isinstance(since, str) else since
    except ValueError:
        raise ArgumentError(f"since must be an ISO 8601 date-time (got {since!r})") from None
    if moment.tzinfo is None:
        raise ArgumentError("since needs a time zone, e.g. '2026-04-01T00:00:00Z'")
    return moment


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


class AppCatalogResource(SyncResource):
    def list(
        self,
        *,
        category: str | None = None,
        search: str | None = None,
        page_size: int | None = None,
    ) -> SyncPager[AppManifest]:
        """Every app manifest by slug, fetched lazily; `search` matches slug, name, text."""
        return SyncPager(lambda c: self._run(_list_apps(c, category, search, page_size)))

    def get(self, app_slug: str) -> AppManifest:
        return self._run(_get_app(app_slug))

    def register(
        self,
        *,
        slug: str,
        name: str,
        version: str,
        category: str,
        image: str,
        description: str | None = None,
        ports: Sequence[AppPortSpec | Mapping[str, Any]] | None = None,
        min_gpus: int | None = None,
        supported_skus: Collection[str] | None = None,
        roles: Collection[str] | None = None,
        entitlement_required: bool | None = None,
        idempotency_key: str | None = None,
    ) -> AppManifest:
        """Add a manifest to the catalog (needs the admin or publisher role)."""
        fields = {
            "slug": slug,
            "name": name,
            "version": version,
            "category": category,
            "image": image,
            "description": description,
            "min_gpus": min_gpus,
            "supported_skus": list(supported_skus) if supported_skus is not None else None,
            "entitlement_required": entitlement_required,
        }
        return self._run(_register_app(fields, ports, roles, idempotency_key))


class AppInstanceMembersResource(SyncResource):
    def list(
        self, instance_id: str, *, page_size: int | None = None
    ) -> SyncPager[AppInstanceMember]:
        """The head first, then workers by join time."""
        return SyncPager(lambda c: self._run(_list_members(instance_id, c, page_size)))

    def add(
        self,
        *,
        instance_id: str,
        allocation_id: str,
        role: str = "worker",
        idempotency_key: str | None = None,
    ) -> AppInstanceMember:
        """Join an active allocation of the instance's project to it (it starts `joining`)."""
        return self._run(_add_member(instance_id, allocation_id, role, idempotency_key))

    def remove(self, *, instance_id: str, allocation_id: str) -> None:
        """Let a worker go; the allocation itself stays allocated."""
        self._run(_remove_member(instance_id, allocation_id))


class AppInstancesResource(SyncResource):
    def __init__(self, raw: GeneratedClient) -> None:
        super().__init__(raw)
        self.members = AppInstanceMembersResource(raw)

    def list(
        self,
        *,
        app_slug: str | None = None,
        status: str | None = None,
        project_id: str | None = None,
        page_size: int | None = None,
    ) -> SyncPager[AppInstance]:
        """The caller's app instances, newest first, fetched lazily."""
        filters = {"app_slug": app_slug, "status": status, "project_id": project_id}
        return SyncPager(lambda c: self._run(_list_instances(c, filters, page_size)))

    def get(self, instance_id: str) -> AppInstance:
        return self._run(_get_instance(instance_id))

    def create(
        self,
        *,
        app_slug: str,
        project_id: str,
        target_allocation_id: str,
        name: str | None = None,
        config: Mapping[str, Any] | None = None,
        idempotency_key: str | None = None,
    ) -> AppInstance:
        """Run an app on an active allocation, which becomes the instance's head."""
        return self._run(
            _create_instance(
                app_slug, project_id, target_allocation_id, name, config, idempotency_key
            )
        )

    def start(self, instance_id: str, *, idempotency_key: str | None = None) -> AppInstance:
        return self._run(_transition(start_app_instance, instance_id, idempotency_key))

    def stop(self, instance_id: str, *, idempotency_key: str | None = None) -> AppInstance:
        return self._run(_transition(stop_app_instance, instance_id, idempotency_key))

    def release(self, instance_id: str, *, idempotency_key: str | None = None) -> AppInstance:
        """Release for good; the member allocations stay allocated."""
        return self._run(_transition(release_app_instance, instance_id, idempotency_key))

    def wait_for(
        self,
        instance_id: str,
        *,
        states: Collection[str | Enum] = ("running",),
        timeout: float = 600.0,
        use_events: bool = True,
        progress: WaitProgressCallback | None = None,
    ) -> AppInstance:
        """Wait until the instance reaches one of `states`; return it (from a GET).

        Follows `app_instance.status_changed` on the event stream when the server
        has it (`use_events=False`: poll only), else polls, honouring the server's
        poll hint. Raises `ResourceFailedError` (with the failure reason) if it
        fails or is released first, and `WaitTimeoutError`, with the last state, at
        the deadline. Throttled polls do not end the wait. `progress`: called with a
        `WaitProgress` after every look; state changes are logged at INFO.
        """
        waiter = _waiter(instance_id, states, timeout, progress)
        feed = None
        if use_events:
            http = self._raw.get_httpx_client()
            feed = EventFeed(http, _WATCH.event_type, _WATCH.matcher(instance_id))
        return wait(waiter, lambda: fetch(self._raw, _get_instance(instance_id)), feed)

    def history(
        self,
        instance_id: str,
        *,
        since: datetime | str | None = None,
        type_: str | None = None,
        page_size: int | None = None,
    ) -> SyncPager[AppInstanceEvent]:
        """The instance's past events of every kind, oldest first, fetched lazily."""
        start = _instant(since)
        return SyncPager(
            lambda c: _narrow(self._run(_list_events(instance_id, c, start, type_, page_size)))
        )

    def events(
        self, instance_id: str, *, follow: bool = False, since: datetime | str | None = None
    ) -> Iterator[AppEventEmitted]:
        """The app's own events (`ev.event_type`, `ev.payload`); live with `follow=True`."""
        return self._of_kind(AppEventEmitted, instance_id, follow, since)

    def logs(
        self, instance_id: str, *, follow: bool = False, since: datetime | str | None = None
    ) -> Iterator[AppLogLine]:
        """The app's log lines (`line.stream`, `line.line`); live with `follow=True`."""
        return self._of_kind(AppLogLine, instance_id, follow, since)

    def _of_kind(
        self, kind: type[K], instance_id: str, follow: bool, since: datetime | str | None
    ) -> Iterator[K]:
        if follow:
            _no_since_when_following(since)
            live = iter_instance_events(
                self._raw.get_httpx_client(), instance_id, last_event_id=FROM_THE_START
            )
            return (e for e in live if isinstance(e, kind))
        past = self.history(instance_id, since=since, type_=_KIND_TYPE[kind])
        return (e for e in past if isinstance(e, kind))


class AppArtifactsResource(SyncResource):
    def list(
        self, app_slug: str, *, channel: str | None = None, page_size: int | None = None
    ) -> SyncPager[AppArtifact]:
        """The app's build artifacts, newest first; `channel` picks the one it points at."""
        return SyncPager(lambda c: self._run(_list_artifacts(app_slug, c, channel, page_size)))

    def promote(
        self,
        app_slug: str,
        artifact_id: str,
        *,
        channel: str,
        idempotency_key: str | None = None,
    ) -> AppArtifact:
        """Point `channel` at this artifact (needs the admin or publisher role)."""
        return self._run(_promote(app_slug, artifact_id, channel, idempotency_key))


class AppEntitlementsResource(SyncResource):
    def list(
        self, app_slug: str, *, project_id: str | None = None, page_size: int | None = None
    ) -> SyncPager[AppEntitlement]:
        """The projects entitled to run the app (lapsed entitlements are left out)."""
        return SyncPager(
            lambda c: self._run(_list_entitlements(app_slug, c, project_id, page_size))
        )

    def grant(
        self,
        app_slug: str,
        *,
        project_id: str,
        expires_at: datetime | None = None,
        idempotency_key: str | None = None,
    ) -> AppEntitlement:
        """Entitle a project to run the app (needs the admin role)."""
        return self._run(_grant(app_slug, project_id, expires_at, idempotency_key))

    def revoke(self, app_slug: str, entitlement_id: str) -> None:
        """New instances are refused afterwards; running ones keep running."""
        self._run(_revoke(app_slug, entitlement_id))


class AppsResource:
    """`client.apps`: `catalog`, `instances` (with `members`), `artifacts`, `entitlements`."""

    def __init__(self, raw: GeneratedClient) -> None:
        self.catalog = AppCatalogResource(raw)
        self.instances = AppInstancesResource(raw)
        self.artifacts = AppArtifactsResource(raw)
        self.entitlements = AppEntitlementsResource(raw)


# -- async --------------------------------------------------------------------------


class AsyncAppCatalogResource(AsyncResource):
    def list(
        self,
        *,
        category: str | None = None,
        search: str | None = None,
        page_size: int | None = None,
    ) -> AsyncPager[AppManifest]:
        """Every app manifest by slug, fetched lazily; `search` matches slug, name, text."""
        return AsyncPager(lambda c: self._run(_list_apps(c, category, search, page_size)))

    async def get(self, app_slug: str) -> AppManifest:
        return await self._run(_get_app(app_slug))

    async def register(
        self,
        *,
        slug: str,
        name: str,
        version: str,
        category: str,
        image: str,
        description: str | None = None,
        ports: Sequence[AppPortSpec | Mapping[str, Any]] | None = None,
        min_gpus: int | None = None,
        supported_skus: Collection[str] | None = None,
        roles: Collection[str] | None = None,
        entitlement_required: bool | None = None,
        idempotency_key: str | None = None,
    ) -> AppManifest:
        """Add a manifest to the catalog (needs the admin or publisher role)."""
        fields = {
            "slug": slug,
            "name": name,
            "version": version,
            "category": category,
            "image": image,
            "description": description,
            "min_gpus": min_gpus,
            "supported_skus": list(supported_skus) if supported_skus is not None else None,
            "entitlement_required": entitlement_required,
        }
        return await self._run(_register_app(fields, ports, roles, idempotency_key))


class AsyncAppInstanceMembersResource(AsyncResource):
    def list(
        self, instance_id: str, *, page_size: int | None = None
    ) -> AsyncPager[AppInstanceMember]:
        """The head first, then workers by join time."""
        return AsyncPager(lambda c: self._run(_list_members(instance_id, c, page_size)))

    async def add(
        self,
        *,
        instance_id: str,
        allocation_id: str,
        role: str = "worker",
        idempotency_key: str | None = None,
    ) -> AppInstanceMember:
        """Join an active allocation of the instance's project to it (it starts `joining`)."""
        return await self._run(_add_member(instance_id, allocation_id, role, idempotency_key))

    async def remove(self, *, instance_id: str, allocation_id: str) -> None:
        """Let a worker go; the allocation itself stays allocated."""
        await self._run(_remove_member(instance_id, allocation_id))


class AsyncAppInstancesResource(AsyncResource):
    def __init__(self, raw: GeneratedClient) -> None:
        super().__init__(raw)
        self.members = AsyncAppInstanceMembersResource(raw)

    def list(
        self,
        *,
        app_slug: str | None = None,
        status: str | None = None,
        project_id: str | None = None,
        page_size: int | None = None,
    ) -> AsyncPager[AppInstance]:
        """The caller's app instances, newest first, fetched lazily."""
        filters = {"app_slug": app_slug, "status": status, "project_id": project_id}
        return AsyncPager(lambda c: self._run(_list_instances(c, filters, page_size)))

    async def get(self, instance_id: str) -> AppInstance:
        return await self._run(_get_instance(instance_id))

    async def create(
        self,
        *,
        app_slug: str,
        project_id: str,
        target_allocation_id: str,
        name: str | None = None,
        config: Mapping[str, Any] | None = None,
        idempotency_key: str | None = None,
    ) -> AppInstance:
        """Run an app on an active allocation, which becomes the instance's head."""
        return await self._run(
            _create_instance(
                app_slug, project_id, target_allocation_id, name, config, idempotency_key
            )
        )

    async def start(self, instance_id: str, *, idempotency_key: str | None = None) -> AppInstance:
        return await self._run(_transition(start_app_instance, instance_id, idempotency_key))

    async def stop(self, instance_id: str, *, idempotency_key: str | None = None) -> AppInstance:
        return await self._run(_transition(stop_app_instance, instance_id, idempotency_key))

    async def release(self, instance_id: str, *, idempotency_key: str | None = None) -> AppInstance:
        """Release for good; the member allocations stay allocated."""
        return await self._run(_transition(release_app_instance, instance_id, idempotency_key))

    async def wait_for(
        self,
        instance_id: str,
        *,
        states: Collection[str | Enum] = ("running",),
        timeout: float = 600.0,
        use_events: bool = True,
        progress: WaitProgressCallback | None = None,
    ) -> AppInstance:
        """The async twin of `AppInstancesResource.wait_for` (events, poll hints, deadline)."""
        waiter = _waiter(instance_id, states, timeout, progress)
        feed = None
        if use_events:
            http = self._raw.get_async_httpx_client()
            feed = AsyncEventFeed(http, _WATCH.event_type, _WATCH.matcher(instance_id))
        return await await_(waiter, lambda: afetch(self._raw, _get_instance(instance_id)), feed)

    def events(
        self, instance_id: str, *, follow: bool = False, since: datetime | str | None = None
    ) -> AsyncIterator[AppEventEmitted]:
        """The app's own events (`ev.event_type`, `ev.payload`); live with `follow=True`."""
        return self._of_kind(AppEventEmitted, instance_id, follow, since)

    def logs(
        self, instance_id: str, *, follow: bool = False, since: datetime | str | None = None
    ) -> AsyncIterator[AppLogLine]:
        """The app's log lines (`line.stream`, `line.line`); live with `follow=True`."""
        return self._of_kind(AppLogLine, instance_id, follow, since)

    async def _of_kind(
        self, kind: type[K], instance_id: str, follow: bool, since: datetime | str | None
    ) -> AsyncIterator[K]:
        if follow:
            _no_since_when_following(since)
            events: AsyncIterator[object] = aiter_instance_events(
                self._raw.get_async_httpx_client(), instance_id, last_event_id=FROM_THE_START
            )
        else:
            events = self.history(instance_id, since=since, type_=_KIND_TYPE[kind]).__aiter__()
        async for event in events:
            if isinstance(event, kind):
                yield event

    def history(
        self,
        instance_id: str,
        *,
        since: datetime | str | None = None,
        type_: str | None = None,
        page_size: int | None = None,
    ) -> AsyncPager[AppInstanceEvent]:
        """The instance's past events of every kind, oldest first, fetched lazily."""
        start = _instant(since)

        async def fetch(cursor: str | None) -> _EventPage:
            return _narrow(
                await self._run(_list_events(instance_id, cursor, start, type_, page_size))
            )

        return AsyncPager(fetch)


class AsyncAppArtifactsResource(AsyncResource):
    def list(
        self, app_slug: str, *, channel: str | None = None, page_size: int | None = None
    ) -> AsyncPager[AppArtifact]:
        """The app's build artifacts, newest first; `channel` picks the one it points at."""
        return AsyncPager(lambda c: self._run(_list_artifacts(app_slug, c, channel, page_size)))

    async def promote(
        self,
        app_slug: str,
        artifact_id: str,
        *,
        channel: str,
        idempotency_key: str | None = None,
    ) -> AppArtifact:
        """Point `channel` at this artifact (needs the admin or publisher role)."""
        return await self._run(_promote(app_slug, artifact_id, channel, idempotency_key))


class AsyncAppEntitlementsResource(AsyncResource):
    def list(
        self, app_slug: str, *, project_id: str | None = None, page_size: int | None = None
    ) -> AsyncPager[AppEntitlement]:
        """The projects entitled to run the app (lapsed entitlements are left out)."""
        return AsyncPager(
            lambda c: self._run(_list_entitlements(app_slug, c, project_id, page_size))
        )

    async def grant(
        self,
        app_slug: str,
        *,
        project_id: str,
        expires_at: datetime | None = None,
        idempotency_key: str | None = None,
    ) -> AppEntitlement:
        """Entitle a project to run the app (needs the admin role)."""
        return await self._run(_grant(app_slug, project_id, expires_at, idempotency_key))

    async def revoke(self, app_slug: str, entitlement_id: str) -> None:
        """New instances are refused afterwards; running ones keep running."""
        await self._run(_revoke(app_slug, entitlement_id))


class AsyncAppsResource:
    """`client.apps` of the AsyncClient: the same shape, every call awaitable."""

    def __init__(self, raw: GeneratedClient) -> None:
        self.catalog = AsyncAppCatalogResource(raw)
        self.instances = AsyncAppInstancesResource(raw)
        self.artifacts = AsyncAppArtifactsResource(raw)
        self.entitlements = AsyncAppEntitlementsResource(raw)
