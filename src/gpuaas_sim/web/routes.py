"""The pages' routes: the terminal page and its files always, the playground when it is on."""

from __future__ import annotations

from typing import TYPE_CHECKING

from starlette.routing import BaseRoute

from . import playground
from .assets import assets_mount
from .request_feed import RequestFeed
from .terminal_page import page_route

if TYPE_CHECKING:
    from ..simulator import Simulator

__all__ = ["routes"]


def routes(sim: Simulator, feed: RequestFeed | None) -> list[BaseRoute]:
    """`feed` is the playground's request log: given only when `SimConfig.playground` is on."""
    found: list[BaseRoute] = [page_route(), assets_mount()]
    if feed is not None:
        found += playground.routes(sim, feed)
    return found
