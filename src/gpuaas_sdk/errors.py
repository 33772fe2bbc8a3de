"""Every error the SDK raises; all derive from `SDKError`.

The API's error catalog is generated from the contract (`gpuaas_api.exceptions`);
the errors below it are the facade's own (waiters, configuration, clients).
"""

from __future__ import annotations

from typing import Any

from gpuaas_api.exceptions import *  # noqa: F403  (the generated catalog is this module's API)
from gpuaas_api.exceptions import SDKError
from gpuaas_api.exceptions import __all__ as _catalog_names


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


class WaiterError(SDKError):
    """Base of the errors a waiter raises; carries the last state it saw."""

    def __init__(self, message: str, *, code: str, resource: Any, state: str | None) -> None:
        super().__init__(message, code=code)
        self.resource = resource
        self.state = state


class WaitTimeoutError(WaiterError):
    """The resource did not reach a wanted state before the deadline."""


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
    "PushError",
    "ResourceFailedError",
    "WaitTimeoutError",
    "WaiterError",
]
