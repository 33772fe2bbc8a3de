"""gpuaas_sim: a stateful, in-memory simulator of the GPUaaS platform's REST API.

Example::

sim = Simulator(SimConfig(clock_speed=0))
with serve_in_thread(sim) as server:
    ...  # point a client at server.base_url, log in as dev-user / dev123
"""

from .allocations import Allocation
from .clock import SimClock
from .config import SimConfig
from .errors import ERROR_CATALOG, ApiError
from .faults import ConnectionDropped, Fault, FaultInjector
from .gateway import LoggedRequest
from .identity import DEV_PASSWORD, DEV_USERNAME, Principal
from .server import RunningServer, serve_in_thread
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
