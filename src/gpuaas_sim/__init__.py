"""gpuaas_sim: a stateful, in-memory simulator of the GPUaaS platform's REST API.

Example::

sim = Simulator(SimConfig(clock_speed=0))
with serve_in_thread(sim) as server:
    ...  # point a client at server.base_url, log in as dev-user / dev123

Names are imported on first use (PEP 562 module `__getattr__`), so `gpuaas-sim` and
`python -m gpuaas_sim` can say what to install when the simulator's dependencies (those
of the `gpuaas-sim` distribution) are missing, instead of failing inside this package's
import.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .http.gateway import LoggedRequest
    from .platform.allocations import Allocation
    from .platform.errors import ERROR_CATALOG, ApiError
    from .platform.identity import DEV_PASSWORD, DEV_USERNAME, Principal
    from .runtime.clock import SimClock
    from .runtime.config import SimConfig
    from .runtime.faults import ConnectionDropped, Fault, FaultInjector
    from .runtime.server import RunningServer, serve_in_thread
    from .simulator import Simulator

_EXPORTS = {
    "Allocation": ".platform.allocations",
    "SimClock": ".runtime.clock",
    "SimConfig": ".runtime.config",
    "ERROR_CATALOG": ".platform.errors",
    "ApiError": ".platform.errors",
    "ConnectionDropped": ".runtime.faults",
    "Fault": ".runtime.faults",
    "FaultInjector": ".runtime.faults",
    "LoggedRequest": ".http.gateway",
    "DEV_PASSWORD": ".platform.identity",
    "DEV_USERNAME": ".platform.identity",
    "Principal": ".platform.identity",
    "RunningServer": ".runtime.server",
    "serve_in_thread": ".runtime.server",
    "Simulator": ".simulator",
}

__all__ = [
    "DEV_PASSWORD",
    "DEV_USERNAME",
    "ERROR_CATALOG",
    "Allocation",
    "ApiError",
    "ConnectionDropped",
    "Fault",
    "FaultInjector",
    "LoggedRequest",
    "Principal",
    "RunningServer",
    "SimClock",
    "SimConfig",
    "Simulator",
    "serve_in_thread",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'gpuaas_sim' has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_EXPORTS})
