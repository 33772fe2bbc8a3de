"""Every error the SDK raises; all derive from `SDKError`.

The API's error catalog is generated from the contract (`gpuaas_api.exceptions`);
the errors below it are the facade's own (waiters, configuration, clients).
"""

from __future__ import annotations

from typing import Any, Literal

from gpuaas_api.exceptions import *  # noqa: F403  (the generated catalog is this module's API)
from gpuaas_api.exceptions import SDKError
from gpuaas_api.exceptions import __all__ as _catalog_names

ReadinessStage = Literal["allocated", "active", "ssh", "app"]
"""The stages of `wait_until_ready`, in order: created, `active`, SSH answers, app running."""


class ConfigurationError(SDKError):
    """The client cannot be built from the settings it was given."""

    def __init__(self, message: str) -> None:
        super().__init__(message, code="configuration_error")


class ArgumentError(SDKError, ValueError):
    """An argument passed to the SDK is not acceptable; nothing was sent."""

    def __init__(self, message: str) -> None:
        super().__init__(message, code="invalid_argument")


class ClientClosedError(SDKError):
    """The client was used after `close()` or on an event loop it does not belong to."""

    def __init__(self, message: str) -> None:
        super().__init__(message, code="client_closed")


class SharedStoreError(SDKError):
    """The store a fleet shares (a Redis token store or rate budget) failed to answer.

    Nothing was exchanged with the platform on its behalf: a refresh is never sent
    without the store's lock, and a rotated token is never used before it is written.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message, code="shared_store_unavailable")


class WaiterError(SDKError):
    """Base of the errors a waiter raises; carries the last state it saw."""

    def __init__(self, message: str, *, code: str, resource: Any, state: str | None) -> None:
        super().__init__(message, code=code)
        self.resource = resource
        self.state = state


class WaitTimeoutError(WaiterError, TimeoutError):
    """The resource did not reach a wanted state before the deadline.

    Also a `TimeoutError`, so code that handles timeouts in general catches it;
    `state` is the last state seen (None if no look succeeded).
    """


class ReadinessTimeoutError(WaitTimeoutError):
    """`wait_until_ready` ran out of time: `stage` says how far it got.

    `stage` is the last stage reached (`"allocated"`, `"active"`, `"ssh"`),
    `waiting_for` the one it was waiting for (`"active"`, `"ssh"`, `"app"`), and
    `state` the last state seen of what it was waiting on (the allocation's, or the
    app instance's while waiting for the app).
    """

    def __init__(
        self,
        message: str,
        *,
        resource: Any,
        state: str | None,
        stage: ReadinessStage,
        waiting_for: ReadinessStage,
    ) -> None:
        super().__init__(message, code="wait_timeout", resource=resource, state=state)
        self.stage: ReadinessStage = stage
        self.waiting_for: ReadinessStage = waiting_for


class LeaseLostError(SDKError):
    """The background renewal of an allocation's lease failed until the lease ran out.

    The platform releases (or has released) the allocation. Raised by the next call
    through the allocation's handle; `cause` is the last renewal's error.
    """

    def __init__(self, message: str, *, allocation_id: str, cause: BaseException | None) -> None:
        super().__init__(message, code="lease_lost")
        self.allocation_id = allocation_id
        self.cause = cause


class ResourceFailedError(WaiterError):
    """The resource reached a failure state that the caller did not wait for."""

    def __init__(
        self, message: str, *, resource: Any, state: str | None, reason: str | None
    ) -> None:
        super().__init__(message, code="resource_failed", resource=resource, state=state)
        self.reason = reason


class PushError(SDKError):
    """Copying a directory to an allocation over SSH failed (the tool's words say why)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, code="push_failed")


__all__ = [
    *_catalog_names,
    "ArgumentError",
    "ClientClosedError",
    "ConfigurationError",
    "LeaseLostError",
    "ReadinessStage",
    "ReadinessTimeoutError",
    "PushError",
    "ResourceFailedError",
    "SharedStoreError",
    "WaitTimeoutError",
    "WaiterError",
]
