"""Failing on the SDK's own deprecated calls, so code moves off them before they go.

Three ways, for three kinds of test suite:

- pytest, the whole suite: `gpuaas_sdk_deprecations = "error"` under `[tool.pytest.ini_options]`
  (or `pytest --gpuaas-sdk-deprecations=error`); the plugin makes every
  `GpuaasDeprecationWarning` an error in every test;
- pytest, some tests: the `no_sdk_deprecations` fixture (`usefixtures`, or autouse in a
  conftest);
- anything else (unittest, a script): `with sdk_deprecations_as_errors(): ...`.

Only the SDK's warnings are raised; other libraries' deprecation warnings are left to
your own filters.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager

from .._deprecation import GpuaasDeprecationWarning

__all__ = ["DEPRECATIONS_AS_ERRORS_FILTER", "sdk_deprecations_as_errors"]

DEPRECATIONS_AS_ERRORS_FILTER = "error::gpuaas_sdk.GpuaasDeprecationWarning"
"""The pytest `filterwarnings` line that does it (what the plugin's setting adds)."""


@contextmanager
def sdk_deprecations_as_errors() -> Iterator[None]:
    """Within the block, a call to something the SDK deprecated raises its warning."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", GpuaasDeprecationWarning)
        yield
