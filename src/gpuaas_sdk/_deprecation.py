"""How the SDK deprecates something before removing it (the policy: docs/versioning.md).

`@deprecated(since=..., instead=...)` on a function or method makes every call warn;
with `argument=` (and `when=`, a test of its value) only calls that pass that argument,
or that form of it, warn. The warning is a `GpuaasDeprecationWarning`, a
`DeprecationWarning` pointing at the caller's line, that says what is deprecated, since
which release, what to use instead and from which release it may be gone: the next
minor release after `since` at the earliest. Every deprecation is listed in
`DEPRECATIONS`, so the docs and the tests can see them all.
`gpuaas_sdk.testing.sdk_deprecations_as_errors` (and the pytest plugin's
`gpuaas_sdk_deprecations = error` setting) turn these warnings into errors.
"""

from __future__ import annotations

import functools
import inspect
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar, cast

__all__ = ["DEPRECATIONS", "Deprecation", "GpuaasDeprecationWarning", "deprecated"]

F = TypeVar("F", bound=Callable[..., Any])


class GpuaasDeprecationWarning(DeprecationWarning):
    """A call to something the SDK will remove; the message says what to use instead."""


@dataclass(frozen=True)
class Deprecation:
    what: str
    """What is deprecated, as a caller writes it: `Client(base_url=[...])`."""
    since: str
    instead: str
    removal: str

    @property
    def message(self) -> str:
        return (
            f"{self.what} is deprecated since gpuaas-sdk {self.since} and may be removed in "
            f"{self.removal}: use {self.instead} instead"
        )


DEPRECATIONS: list[Deprecation] = []
"""Every deprecation the SDK declares, in the order its modules were imported."""


def _next_minor(version: str) -> str:
    major, minor, *_ = (int(part) for part in version.split("."))
    return f"{major}.{minor + 1}.0"


def _callable_name(function: Callable[..., Any]) -> str:
    owner, _, name = function.__qualname__.rpartition(".")
    return f"{owner}" if name == "__init__" else function.__qualname__


def deprecated(
    *,
    since: str,
    instead: str,
    removal: str | None = None,
    argument: str | None = None,
    when: Callable[[Any], bool] | None = None,
    what: str | None = None,
) -> Callable[[F], F]:
    """Mark a function or method (or one of its arguments, or one form of it) deprecated.

    Args:
        since: The release that first warns, e.g. `"0.2.0"`.
        instead: What to use instead, as the caller would write it.
        removal: The release it may be removed in; the next minor after `since` if None.
        argument: Warn only when this argument is passed (`when` says which values).
        when: A test of the argument's value: warn only when it is true.
        what: How the warning names what is deprecated; derived from the callable.
    """
    if when is not None and argument is None:
        raise TypeError("deprecated(when=...) needs the argument= it tests")

    def mark(function: F) -> F:
        name = _callable_name(function)
        spelled = what or (f"{name}({argument}=...)" if argument else f"{name}()")
        record = Deprecation(spelled, since, instead, removal or _next_minor(since))
        DEPRECATIONS.append(record)
        signature = inspect.signature(function) if argument else None

        def applies(args: tuple[Any, ...], kwargs: dict[str, Any]) -> bool:
            if signature is None:
                return True
            given = signature.bind_partial(*args, **kwargs).arguments
            return argument in given and (when is None or when(given[argument]))

        if inspect.iscoroutinefunction(function):

            @functools.wraps(function)
            async def warn_then_await(*args: Any, **kwargs: Any) -> Any:
                if applies(args, kwargs):
                    warnings.warn(record.message, GpuaasDeprecationWarning, stacklevel=2)
                return await function(*args, **kwargs)

            wrapper: Callable[..., Any] = warn_then_await
        else:

            @functools.wraps(function)
            def warn_then_call(*args: Any, **kwargs: Any) -> Any:
                if applies(args, kwargs):
                    warnings.warn(record.message, GpuaasDeprecationWarning, stacklevel=2)
                return function(*args, **kwargs)

            wrapper = warn_then_call
        if argument is None:  # the whole callable: say so where PEP 702 looks
            wrapper.__deprecated__ = record.message  # type: ignore[attr-defined]
        return cast(F, wrapper)

    return mark
