"""HTTP routes, one module per resource of the contract.

Every module here exposes `routes(sim) -> list[BaseRoute]`; they are all mounted.
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import TYPE_CHECKING

from starlette.routing import BaseRoute

if TYPE_CHECKING:
    from ...simulator import Simulator

__all__ = ["build_routes"]


def build_routes(sim: Simulator) -> list[BaseRoute]:
    routes: list[BaseRoute] = []
    for module in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        routes.extend(importlib.import_module(f"{__name__}.{module.name}").routes(sim))
    return routes
