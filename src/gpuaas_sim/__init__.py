"""gpuaas_sim: a stateful, in-memory simulator of the GPUaaS platform's REST API.

Example::

sim = Simulator(SimConfig(clock_speed=0))
with serve_in_thread(sim) as server:
    ...  # point a client at server.base_url, log in as dev-user / dev123
"""

from .http.gateway import LoggedRequest
from .platform.allocations import Allocation
from .platform.errors import ERROR_CATALOG, ApiError
from .platform.identity import DEV_PASSWORD, DEV_USERNAME, Principal
from .runtime.clock import SimClock
from .runtime.config import SimConfig
from .runtime.faults import ConnectionDropped, Fault, FaultInjector
from .runtime.server import RunningServer, serve_in_thread
from .simulator import Simulator

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
