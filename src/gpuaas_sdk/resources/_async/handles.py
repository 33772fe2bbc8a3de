"""Handles: what `allocations.create()` and `apps.instances.create()` return.

A handle is the model (every field, `to_dict()`, pickling as the model; see
`resources/_handles.py`) plus the calls that act on it: `refresh()`, `wait()`,
`release()`... Each call refreshes the handle's fields in place with the platform's
answer and returns the handle, so `alloc.wait().connection` reads the fresh value.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Collection
from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING, Any, ClassVar, Self, Unpack

from gpuaas_api.models import (
    Allocation,
    AllocationLogLine,
    AppEventEmitted,
    AppInstance,
    AppLogLine,
)

from ..._core.call import RequestOptions, WaitOptions
from ..._waiters.waiter import WaitProgressCallback
from ...errors import ArgumentError, ReadinessStage, ReadinessTimeoutError, WaitTimeoutError
from .._handles import Deadline, ModelHandle, ended, succeeded

if TYPE_CHECKING:
    from ._lease import AsyncLeaseKeeper
    from .allocations import AsyncAllocationsResource
    from .apps import AsyncAppInstancesResource


class AsyncAllocationHandle(ModelHandle, Allocation):
    """An allocation you can act on: its fields as of the last look, and its calls.

    `await alloc.wait_until_ready()` waits until it is active and SSH answers;
    `await alloc.release()` gives it back. Created with a lease, the handle renews the
    lease in the background while the process lives; if renewing fails until the lease
    runs out, its next call raises `LeaseLostError`. `cost_minor` is what it has cost
    so far, as of the last look (`refresh()`).
    """

    _model: ClassVar[type[Any]] = Allocation
    _resource: AsyncAllocationsResource | None = None
    _keeper: AsyncLeaseKeeper | None = None
    _lease_reported = False

    @classmethod
    def of(
        cls,
        model: Allocation,
        resource: AsyncAllocationsResource,
        keeper: AsyncLeaseKeeper | None = None,
    ) -> Self:
        """The handle of `model`, acting through `resource` (and renewing with `keeper`)."""
        handle = cls._copy_of(model)
        handle._resource = resource
        handle._keeper = keeper
        return handle

    @property
    def is_terminal(self) -> bool:
        """True once it is `released` or `failed`: it will not change again."""
        return ended(self.status)

    @property
    def succeeded(self) -> bool | None:
        """True once released without failing, False if it failed, None while it lives."""
        return succeeded(self.status)

    @property
    def renewing_lease(self) -> bool:
        """Whether this process renews its lease in the background (until it ends or is lost)."""
        return self._keeper is not None and self._keeper.running

    async def refresh(self, **options: Unpack[RequestOptions]) -> Self:
        """Read the allocation again: its status, connection, cost so far, lease."""
        resource = self._acting()
        self._update(await resource.get(self.id, **options))
        return self

    async def wait(
        self,
        states: Collection[str | Enum] = ("active",),
        *,
        timeout: float | None = 600.0,
        use_events: bool = True,
        progress: WaitProgressCallback | None = None,
        **options: Unpack[WaitOptions],
    ) -> Self:
        """Wait until it reaches one of `states` (`timeout=None`: no deadline); see `wait_for`.

        Raises `WaitTimeoutError` (a `TimeoutError`, with the last state) at the deadline,
        `ResourceFailedError` if it fails (or is released) first.
        """
        resource = self._acting()
        fresh = await resource.wait_for(
            self.id,
            states=states,
            timeout=timeout,
            use_events=use_events,
            progress=progress,
            **options,
        )
        self._update(fresh)
        return self

    async def wait_until_ready(
        self,
        *,
        ssh: bool = True,
        app: str | AppInstance | None = None,
        timeout: float | None = 600.0,
        progress: WaitProgressCallback | None = None,
        **options: Unpack[WaitOptions],
    ) -> Self:
        """Wait until it is usable: `active`, then SSH answers, then the app is `running`.

        The stages are `allocated` (created) -> `active` -> `ssh` (its SSH port sends an
        SSH banner; skipped with `ssh=False`) -> `app` (the app instance `app`, an id or
        an instance, is `running`; only when given). One `timeout` covers them all
        (None: no deadline). At the deadline, `ReadinessTimeoutError` (a
        `WaitTimeoutError`, so a `TimeoutError`) says which stage was reached
        (`.stage`), which one it waited for (`.waiting_for`) and the last state seen
        (`.state`). A failure on the way raises `ResourceFailedError`.
        """
        resource = self._acting()
        deadline = Deadline(timeout)
        stages: list[ReadinessStage] = ["active"]
        stages += ["ssh"] if ssh else []
        stages += ["app"] if app is not None else []
        reached: ReadinessStage = "allocated"
        for stage in stages:
            try:
                await self._reach(resource, stage, app, deadline, progress, options)
            except WaitTimeoutError as exc:
                raise ReadinessTimeoutError(
                    f"allocation {self.id} was not ready within {deadline.timeout or 0:g}s:"
                    f" it reached {reached!r} and waited for {stage!r}"
                    f" (last state: {exc.state or 'none seen'})",
                    resource=exc.resource,
                    state=exc.state,
                    stage=reached,
                    waiting_for=stage,
                ) from exc
            reached = stage
        return self

    async def _reach(
        self,
        resource: AsyncAllocationsResource,
        stage: ReadinessStage,
        app: str | AppInstance | None,
        deadline: Deadline,
        progress: WaitProgressCallback | None,
        options: WaitOptions,
    ) -> None:
        if stage == "active":
            await self.wait(timeout=deadline.remaining(), progress=progress, **options)
        elif stage == "ssh":
            self.connection = await resource.wait_for_ssh(
                self.id, timeout=deadline.remaining(), **options
            )
        elif app is not None:
            instances = resource._app_instances()
            instance_id = app if isinstance(app, str) else app.id
            fresh = await instances.wait_for(
                instance_id, timeout=deadline.remaining(), progress=progress, **options
            )
            if isinstance(app, AsyncAppInstanceHandle):
                app._update(fresh)

    async def release(
        self, *, idempotency_key: str | None = None, **options: Unpack[RequestOptions]
    ) -> Self:
        """Give the GPUs back (it moves to `releasing`, then `released`); stops lease renewals.

        Releasing an allocation that is already released changes nothing.
        """
        resource = self._acting(check_lease=False)
        self._update(await resource.release(self.id, idempotency_key=idempotency_key, **options))
        self._raise_if_lease_lost()
        return self

    async def renew_lease(self, **options: Unpack[RequestOptions]) -> Self:
        """Renew its lease now (the handle also does so by itself); `lease_expires_at` moves."""
        resource = self._acting()
        self._update(await resource.renew_lease(self.id, **options))
        return self

    async def ssh_command(
        self,
        *,
        identity_file: str | os.PathLike[str] | None = None,
        **options: Unpack[RequestOptions],
    ) -> str:
        """The `ssh -p PORT [-i FILE] USER@HOST` line; `AllocationNotActive` unless active."""
        resource = self._acting()
        return await resource.ssh_command(self.id, identity_file=identity_file, **options)

    def logs(
        self,
        *,
        follow: bool = False,
        tail: int | None = None,
        since: datetime | str | None = None,
        **options: Unpack[RequestOptions],
    ) -> AsyncIterator[AllocationLogLine]:
        """Its boot and provisioning log; see `allocations.logs`."""
        resource = self._acting()
        return resource.logs(self.id, follow=follow, tail=tail, since=since, **options)

    def _acting(self, *, check_lease: bool = True) -> AsyncAllocationsResource:
        """The resource to act through; first, a lost lease is reported (once)."""
        if self._resource is None:
            raise ArgumentError(
                f"this copy of allocation {self.id} is plain data: get a handle with"
                " client.allocations.get(id)"
            )
        if check_lease:
            self._raise_if_lease_lost()
        return self._resource

    def _raise_if_lease_lost(self) -> None:
        keeper = self._keeper
        if keeper is not None and keeper.lost is not None and not self._lease_reported:
            self._lease_reported = True
            raise keeper.lost


class AsyncAppInstanceHandle(ModelHandle, AppInstance):
    """An app instance you can act on: its fields as of the last look, and its calls."""

    _model: ClassVar[type[Any]] = AppInstance
    _resource: AsyncAppInstancesResource | None = None

    @classmethod
    def of(cls, model: AppInstance, resource: AsyncAppInstancesResource) -> Self:
        handle = cls._copy_of(model)
        handle._resource = resource
        return handle

    @property
    def is_terminal(self) -> bool:
        """True once it is `released` or `failed`: it will not change again."""
        return ended(self.status)

    @property
    def succeeded(self) -> bool | None:
        """True once released without failing, False if it failed, None while it lives."""
        return succeeded(self.status)

    async def refresh(self, **options: Unpack[RequestOptions]) -> Self:
        """Read the instance again: its status, endpoints, failure reason."""
        self._update(await self._acting().get(self.id, **options))
        return self

    async def wait(
        self,
        states: Collection[str | Enum] = ("running",),
        *,
        timeout: float | None = 600.0,
        use_events: bool = True,
        progress: WaitProgressCallback | None = None,
        **options: Unpack[WaitOptions],
    ) -> Self:
        """Wait until it reaches one of `states` (`timeout=None`: no deadline); see `wait_for`."""
        fresh = await self._acting().wait_for(
            self.id,
            states=states,
            timeout=timeout,
            use_events=use_events,
            progress=progress,
            **options,
        )
        self._update(fresh)
        return self

    async def start(self, **options: Unpack[RequestOptions]) -> Self:
        """Start it again once stopped."""
        self._update(await self._acting().start(self.id, **options))
        return self

    async def stop(self, **options: Unpack[RequestOptions]) -> Self:
        """Stop it; its allocations stay allocated (and billed)."""
        self._update(await self._acting().stop(self.id, **options))
        return self

    async def release(self, **options: Unpack[RequestOptions]) -> Self:
        """Release it for good; the allocations it ran on stay allocated."""
        self._update(await self._acting().release(self.id, **options))
        return self

    def logs(
        self, *, follow: bool = False, **options: Unpack[RequestOptions]
    ) -> AsyncIterator[AppLogLine]:
        """The app's log lines; live until it is released with `follow=True`."""
        return self._acting().logs(self.id, follow=follow, **options)

    def events(
        self, *, follow: bool = False, **options: Unpack[RequestOptions]
    ) -> AsyncIterator[AppEventEmitted]:
        """The app's own events; live until it is released with `follow=True`."""
        return self._acting().events(self.id, follow=follow, **options)

    def _acting(self) -> AsyncAppInstancesResource:
        if self._resource is None:
            raise ArgumentError(
                f"this copy of app instance {self.id} is plain data: get a handle with"
                " client.apps.instances.get(id)"
            )
        return self._resource
