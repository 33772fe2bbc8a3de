"""The price in force of each SKU: the catalog's list price until the platform changes it.

Prices move on the simulated clock (`set_price`, the control API's `POST /_sim/prices`),
and every change is kept with its time, so what was in force at any moment can be read
back. What an allocation is charged is fixed when it is created (the quote's price or the
one in force then), so a change never touches what is already running.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ..runtime.clock import SimClock
from ..runtime.state_codec import PersistedFields
from .catalog import Catalog, Sku

__all__ = ["PriceChange", "Pricing"]

MAX_PRICE_MINOR = 1_000_000_000


@dataclass(frozen=True)
class PriceChange:
    at: datetime
    price_per_gpu_hour_minor: int


class Pricing(PersistedFields):
    """Price changes by SKU id, oldest first; a SKU without any costs its catalog price."""

    def __init__(self, catalog: Catalog, clock: SimClock) -> None:
        self.catalog = catalog
        self.clock = clock
        self.changes: dict[str, list[PriceChange]] = {}
        self._lock = threading.Lock()

    def price_of(self, sku: Sku, at: datetime) -> int:
        """One GPU-hour of `sku` at the price in force at `at`."""
        with self._lock:
            in_force = [c for c in self.changes.get(sku.id, ()) if c.at <= at]
        return in_force[-1].price_per_gpu_hour_minor if in_force else sku.price_per_gpu_hour_minor

    def set_price(self, sku_id: str, price_per_gpu_hour_minor: int) -> PriceChange:
        """From now on, `sku_id` costs this much per GPU-hour (ValueError says what is wrong)."""
        if self.catalog.sku(sku_id) is None:
            raise ValueError(f"no SKU {sku_id!r}")
        price = price_per_gpu_hour_minor
        if (
            isinstance(price, bool)
            or not isinstance(price, int)
            or not 0 <= price <= MAX_PRICE_MINOR
        ):
            raise ValueError(
                f"a price must be a whole number of minor units, 0 to {MAX_PRICE_MINOR}"
            )
        change = PriceChange(self.clock.now(), price)
        with self._lock:
            self.changes.setdefault(sku_id, []).append(change)
        return change

    @staticmethod
    def _state_spec() -> dict[str, Any]:
        return {"changes": dict[str, list[PriceChange]]}
