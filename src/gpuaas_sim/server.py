"""`gpuaas_sim.server`: where `serve_in_thread` has always been importable from.

The code lives in `runtime/server.py`; entry points and the SDK's pytest plugin import it here.
"""

from .runtime.server import RunningServer, bind, serve_in_thread, uvicorn_server

__all__ = ["RunningServer", "bind", "serve_in_thread", "uvicorn_server"]
