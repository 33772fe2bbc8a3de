"""`client.apps`: the app catalog, instances (with members and event history), artifacts"""

from __future__ import annotations

from collections.abc import AsyncIterator, Collection, Mapping, Sequence
from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING, Any, Unpack

from gpuaas_api.api.app_instances import (
    release_app_instance,
    start_app_instance,
    stop_app_instance,
)
from gpuaas_api.models import (
    AppArtifact,
    AppEntitlement,
    AppEventEmitted,
    AppInstance,
    AppInstanceMember,
    AppLogLine,
    AppManifest,
    AppPortSpec,
)

from ..._core._async.pager import AsyncPager
from ..._core.call import WaitOptions
from ..._streams._async.events import aiter_instance_events
from ..._waiters._async.driver import wait_until
from ..._waiters.specs import APP_INSTANCE
from ..._waiters.waiter import WaitProgressCallback
from .._lazy import RawResponses
from ._base import AsyncAPIResource
from .handles import AsyncAppInstanceHandle

if TYPE_CHECKING:
    from gpuaas_api.client import Client as GeneratedClient

    from .._raw import (
        AsyncAppArtifactsResourceWithRawResponse,
        AsyncAppCatalogResourceWithRawResponse,
        AsyncAppEntitlementsResourceWithRawResponse,
        AsyncAppInstanceMembersResourceWithRawResponse,
        AsyncAppInstancesResourceWithRawResponse,
    )
from ..._core.call import RequestOptions
from .._since import FROM_THE_START, instant
from ..apps import (
    _KIND_TYPE,
    AppInstanceEvent,
    K,
    _add_member,
    _create_instance,
    _EventPage,
    _get_app,
    _get_instance,
    _grant,
    _list_apps,
    _list_artifacts,
    _list_entitlements,
    _list_events,
    _list_instances,
    _list_members,
    _narrow,
    _no_since_when_following,
    _promote,
    _register_app,
    _remove_member,
    _revoke,
    _transition,
)


class AsyncAppCatalogResource(AsyncAPIResource):
    with_raw_response: RawResponses[AsyncAppCatalogResourceWithRawResponse] = RawResponses()
    """Each method, returning its HTTP answer beside its result (`RawResponse`)."""

    def list(
        self,
        *,
        category: str | None = None,
        search: str | None = None,
        page_size: int | None = None,
        **options: Unpack[RequestOptions],
    ) -> AsyncPager[AppManifest]:
        """Every app manifest by slug, fetched lazily; `search` matches slug, name, text."""
        return AsyncPager(lambda c: self._run(_list_apps(c, category, search, page_size), options))

    async def get(self, app_slug: str, **options: Unpack[RequestOptions]) -> AppManifest:
        """The manifest of one app (`jupyter-cuda-dev`): versions, ports, requirements."""
        return await self._run(_get_app(app_slug), options)

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
        **options: Unpack[RequestOptions],
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
        return await self._run(_register_app(fields, ports, roles, idempotency_key), options)


class AsyncAppInstanceMembersResource(AsyncAPIResource):
    with_raw_response: RawResponses[AsyncAppInstanceMembersResourceWithRawResponse] = RawResponses()
    """Each method, returning its HTTP answer beside its result (`RawResponse`)."""

    def list(
        self, instance_id: str, *, page_size: int | None = None, **options: Unpack[RequestOptions]
    ) -> AsyncPager[AppInstanceMember]:
        """The head first, then workers by join time."""
        return AsyncPager(lambda c: self._run(_list_members(instance_id, c, page_size), options))

    async def add(
        self,
        *,
        instance_id: str,
        allocation_id: str,
        role: str = "worker",
        idempotency_key: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> AppInstanceMember:
        """Join an active allocation of the instance's project to it (it starts `joining`)."""
        return await self._run(
            _add_member(instance_id, allocation_id, role, idempotency_key), options
        )

    async def remove(
        self, *, instance_id: str, allocation_id: str, **options: Unpack[RequestOptions]
    ) -> None:
        """Let a worker go; the allocation itself stays allocated."""
        await self._run(_remove_member(instance_id, allocation_id), options)


class AsyncAppInstancesResource(AsyncAPIResource):
    with_raw_response: RawResponses[AsyncAppInstancesResourceWithRawResponse] = RawResponses()
    """Each method, returning its HTTP answer beside its result (`RawResponse`)."""

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
        **options: Unpack[RequestOptions],
    ) -> AsyncPager[AppInstance]:
        """The caller's app instances, newest first, fetched lazily."""
        filters = {"app_slug": app_slug, "status": status, "project_id": project_id}
        return AsyncPager(lambda c: self._run(_list_instances(c, filters, page_size), options))

    async def get(
        self, instance_id: str, **options: Unpack[RequestOptions]
    ) -> AsyncAppInstanceHandle:
        """The instance as it is now, as a handle; `AppInstanceNotFound` for an unknown id."""
        model = await self._run(_get_instance(instance_id), options)
        return AsyncAppInstanceHandle.of(model, self)

    async def create(
        self,
        *,
        app_slug: str,
        project_id: str,
        target_allocation_id: str,
        name: str | None = None,
        config: Mapping[str, Any] | None = None,
        idempotency_key: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> AsyncAppInstanceHandle:
        """Run an app on an active allocation, which becomes the instance's head.

        Returns a handle: the instance's fields, and `wait()`, `refresh()`, `stop()`,
        `release()`, `logs()`... acting on it.
        """
        model = await self._run(
            _create_instance(
                app_slug, project_id, target_allocation_id, name, config, idempotency_key
            ),
            options,
        )
        return AsyncAppInstanceHandle.of(model, self)

    async def start(
        self,
        instance_id: str,
        *,
        idempotency_key: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> AppInstance:
        """Start a stopped instance (`stopped` -> `starting` -> `running`). Retried safely."""
        return await self._run(
            _transition(start_app_instance, instance_id, idempotency_key), options
        )

    async def stop(
        self,
        instance_id: str,
        *,
        idempotency_key: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> AppInstance:
        """Stop a running instance; its members stay allocated (and billed). Retried safely."""
        return await self._run(
            _transition(stop_app_instance, instance_id, idempotency_key), options
        )

    async def release(
        self,
        instance_id: str,
        *,
        idempotency_key: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> AppInstance:
        """Release for good; the member allocations stay allocated."""
        return await self._run(
            _transition(release_app_instance, instance_id, idempotency_key), options
        )

    async def wait_for(
        self,
        instance_id: str,
        *,
        states: Collection[str | Enum] = ("running",),
        timeout: float | None = 600.0,
        use_events: bool = True,
        progress: WaitProgressCallback | None = None,
        **options: Unpack[WaitOptions],
    ) -> AppInstance:
        """Wait until the instance reaches one of `states`; return it (from a GET).

        Follows `app_instance.status_changed` on the event stream when the server
        has it (`use_events=False`: poll only), else polls, honouring the server's
        poll hint. Raises `ResourceFailedError` (with the failure reason) if it
        fails or is released first, and `WaitTimeoutError` (a `TimeoutError`), with
        the last state, at the deadline (`timeout=None`: no deadline). Throttled polls
        do not end the wait. `progress`: called with a `WaitProgress` after every look;
        state changes are logged at INFO.
        """
        return await wait_until(
            self._raw,
            APP_INSTANCE,
            instance_id,
            states=states,
            timeout=timeout,
            use_events=use_events,
            progress=progress,
            options=options,
        )

    def events(
        self,
        instance_id: str,
        *,
        follow: bool = False,
        since: datetime | str | None = None,
        **options: Unpack[RequestOptions],
    ) -> AsyncIterator[AppEventEmitted]:
        """The app's own events (`ev.event_type`, `ev.payload`); live with `follow=True`."""
        return self._of_kind(AppEventEmitted, instance_id, follow, since, options)

    def logs(
        self,
        instance_id: str,
        *,
        follow: bool = False,
        since: datetime | str | None = None,
        **options: Unpack[RequestOptions],
    ) -> AsyncIterator[AppLogLine]:
        """The app's log lines (`line.stream`, `line.line`); live with `follow=True`."""
        return self._of_kind(AppLogLine, instance_id, follow, since, options)

    async def _of_kind(
        self,
        kind: type[K],
        instance_id: str,
        follow: bool,
        since: datetime | str | None,
        options: RequestOptions,
    ) -> AsyncIterator[K]:
        if follow:
            _no_since_when_following(since)
            events: AsyncIterator[object] = aiter_instance_events(
                self._raw.get_async_httpx_client(),
                instance_id,
                last_event_id=FROM_THE_START,
                request_options=options,
            )
        else:
            pager = self.history(instance_id, since=since, type_=_KIND_TYPE[kind], **options)
            events = pager.__aiter__()
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
        **options: Unpack[RequestOptions],
    ) -> AsyncPager[AppInstanceEvent]:
        """The instance's past events of every kind, oldest first, fetched lazily."""
        start = instant(since)

        async def fetch(cursor: str | None) -> _EventPage:
            return _narrow(
                await self._run(_list_events(instance_id, cursor, start, type_, page_size), options)
            )

        return AsyncPager(fetch)


class AsyncAppArtifactsResource(AsyncAPIResource):
    with_raw_response: RawResponses[AsyncAppArtifactsResourceWithRawResponse] = RawResponses()
    """Each method, returning its HTTP answer beside its result (`RawResponse`)."""

    def list(
        self,
        app_slug: str,
        *,
        channel: str | None = None,
        page_size: int | None = None,
        **options: Unpack[RequestOptions],
    ) -> AsyncPager[AppArtifact]:
        """The app's build artifacts, newest first; `channel` picks the one it points at."""
        return AsyncPager(
            lambda c: self._run(_list_artifacts(app_slug, c, channel, page_size), options)
        )

    async def promote(
        self,
        app_slug: str,
        artifact_id: str,
        *,
        channel: str,
        idempotency_key: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> AppArtifact:
        """Point `channel` at this artifact (needs the admin or publisher role)."""
        return await self._run(_promote(app_slug, artifact_id, channel, idempotency_key), options)


class AsyncAppEntitlementsResource(AsyncAPIResource):
    with_raw_response: RawResponses[AsyncAppEntitlementsResourceWithRawResponse] = RawResponses()
    """Each method, returning its HTTP answer beside its result (`RawResponse`)."""

    def list(
        self,
        app_slug: str,
        *,
        project_id: str | None = None,
        page_size: int | None = None,
        **options: Unpack[RequestOptions],
    ) -> AsyncPager[AppEntitlement]:
        """The projects entitled to run the app (lapsed entitlements are left out)."""
        return AsyncPager(
            lambda c: self._run(_list_entitlements(app_slug, c, project_id, page_size), options)
        )

    async def grant(
        self,
        app_slug: str,
        *,
        project_id: str,
        expires_at: datetime | None = None,
        idempotency_key: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> AppEntitlement:
        """Entitle a project to run the app (needs the admin role)."""
        return await self._run(_grant(app_slug, project_id, expires_at, idempotency_key), options)

    async def revoke(
        self, app_slug: str, entitlement_id: str, **options: Unpack[RequestOptions]
    ) -> None:
        """New instances are refused afterwards; running ones keep running."""
        await self._run(_revoke(app_slug, entitlement_id), options)


class AsyncAppsResource:
    """`client.apps`: `catalog`, `instances` (with `members`), `artifacts`, `entitlements`."""

    def __init__(self, raw: GeneratedClient) -> None:
        self.catalog = AsyncAppCatalogResource(raw)
        self.instances = AsyncAppInstancesResource(raw)
        self.artifacts = AsyncAppArtifactsResource(raw)
        self.entitlements = AsyncAppEntitlementsResource(raw)
