"""HTTP routes, one module per resource of the contract."""

from __future__ import annotations

from typing import TYPE_CHECKING

from starlette.routing import Route

from . import allocations, auth, catalog, health

if TYPE_CHECKING:
    from ..simulator import Simulator

__all__ = ["build_routes"]


def build_routes(sim: Simulator) -> list[Route]:
    return [
        *health.routes(sim),
        *auth.routes(sim),
        *catalog.routes(sim),
        *allocations.routes(sim),
    ]
