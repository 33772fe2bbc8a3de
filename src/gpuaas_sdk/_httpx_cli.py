"""Keep httpx's own command line unloaded until something runs it.

`import httpx` imports `httpx._main` (its `httpx` command: click, rich and pygments)
whenever those are installed, as they are next to the `cli` extra; that is about a
third of the time `from gpuaas_sdk import Client` takes (bench/README.md). The SDK never
runs httpx's command line, so before httpx is first imported a stand-in takes the
place of `httpx._main`: its `main` imports the real module when called, so `httpx.main`
still works, and `import gpuaas_sdk` loads no command-line library.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import Any

__all__ = ["defer_httpx_cli"]

_MODULE = "httpx._main"


def defer_httpx_cli() -> None:
    """Put the stand-in in place, unless httpx (or its command line) is already imported."""
    if "httpx" in sys.modules or _MODULE in sys.modules:
        return
    stand_in = types.ModuleType(_MODULE, "Stand-in for httpx's command line (gpuaas_sdk).")

    def main(*args: Any, **kwargs: Any) -> Any:
        if sys.modules.get(_MODULE) is stand_in:
            del sys.modules[_MODULE]
        return importlib.import_module(_MODULE).main(*args, **kwargs)

    stand_in.main = main  # type: ignore[attr-defined]
    sys.modules[_MODULE] = stand_in
