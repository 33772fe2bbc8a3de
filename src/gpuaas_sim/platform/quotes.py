"""Price quotes that bind: the price in force, kept under an id until it expires.

A quote prices a planned allocation (SKU, GPUs, region) at the price in force now; a
create that names it before `valid_until`, for the same SKU, size and region, is charged
the quoted price for its whole life (`binding_price`), whatever the price does meanwhile.
"""

from __future__ import annotations

import random
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from ..runtime.clock import SimClock, format_time
from ..runtime.state_codec import PersistedFields
from .allocations import AllocationBook
from .catalog import Catalog, Sku
from .errors import ApiError
from .identity import Principal
from .ids import fresh_id
from .pricing import Pricing

__all__ = ["QUOTE_VALIDITY", "Quote", "QuoteBook", "total_minor"]

QUOTE_VALIDITY = timedelta(minutes=15)


def total_minor(price_per_gpu_hour_minor: int, gpus: int, hours: float) -> int:
    """`price * gpus * hours`, rounded to the nearest minor unit, halves up (exact decimals)."""
    exact = Decimal(price_per_gpu_hour_minor) * gpus * Decimal(repr(hours))
    return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _invalid(field: str, reason: str) -> ApiError:
    return ApiError(
        "validation_error",
        f"The quote request is not valid: {reason}.",
        details={"errors": [{"field": field, "reason": reason}]},
    )


@dataclass(frozen=True)
class Quote:
    id: str
    seq: int
    tenant_id: str
    sku: str
    gpus_total: int
    hours: float
    region_code: str
    price_per_gpu_hour_minor: int
    currency: str
    created_at: datetime
    valid_until: datetime

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "sku": self.sku,
            "gpus_total": self.gpus_total,
            "hours": self.hours,
            "region_code": self.region_code,
            "price_per_gpu_hour_minor": self.price_per_gpu_hour_minor,
            "total_minor": total_minor(self.price_per_gpu_hour_minor, self.gpus_total, self.hours),
            "currency": self.currency,
            "valid_until": format_time(self.valid_until),
        }


class QuoteBook(PersistedFields):
    """Every quote given, by id."""

    def __init__(
        self, catalog: Catalog, pricing: Pricing, book: AllocationBook, clock: SimClock, seed: int
    ) -> None:
        self.catalog = catalog
        self.pricing = pricing
        self.book = book
        self.clock = clock
        self.quotes: dict[str, Quote] = {}
        self._rng = random.Random(f"quotes-{seed}")
        self._seq = 0
        self._lock = threading.RLock()

    def create(
        self,
        principal: Principal,
        *,
        sku_id: str,
        gpus_total: int,
        hours: float,
        region_code: str | None,
    ) -> Quote:
        """What `gpus_total` GPUs of a SKU cost for `hours`, in the first region with room."""
        hours = float(hours)
        now = self.clock.now()
        sku = self.catalog.sku(sku_id)
        if sku is None:
            raise ApiError("sku_not_found", f"No SKU {sku_id!r}.", details={"sku": sku_id})
        if gpus_total > sku.gpus_per_node:
            raise _invalid("gpus_total", f"{sku.id} allocations hold at most {sku.gpus_per_node}")
        if region_code is not None and region_code not in sku.capacity:
            raise _invalid("region_code", f"{sku.id} is not offered in {region_code}")
        region = self._region_with_room(sku, gpus_total, region_code, now)
        with self._lock:
            self._seq += 1
            quote_id = fresh_id(self._rng, "qt", self.quotes)
            quote = Quote(
                id=quote_id,
                seq=self._seq,
                tenant_id=principal.tenant_id,
                sku=sku.id,
                gpus_total=gpus_total,
                hours=hours,
                region_code=region,
                price_per_gpu_hour_minor=self.pricing.price_of(sku, now),
                currency=sku.currency,
                created_at=now,
                valid_until=now + QUOTE_VALIDITY,
            )
            self.quotes[quote.id] = quote
            return quote

    def get(self, principal: Principal, quote_id: str) -> Quote:
        quote = self.quotes.get(quote_id)
        if quote is None or quote.tenant_id != principal.tenant_id:
            raise ApiError(
                "quote_not_found",
                f"No price quote {quote_id!r} is visible to the caller.",
                details={"quote_id": quote_id},
            )
        return quote

    def binding(
        self,
        principal: Principal,
        quote_id: str,
        *,
        sku: Sku,
        gpus_total: int,
        region_code: str | None,
        now: datetime,
    ) -> Quote:
        """The quote a create names, if it binds that create (else 404/409 saying why)."""
        quote = self.get(principal, quote_id)
        if now >= quote.valid_until:
            raise ApiError(
                "quote_expired",
                f"Quote {quote.id} was valid until {format_time(quote.valid_until)};"
                " ask for a new quote.",
                details={"quote_id": quote.id, "valid_until": format_time(quote.valid_until)},
            )
        wanted = {"sku": sku.id, "gpus_total": gpus_total, "region_code": region_code}
        quoted = {
            "sku": quote.sku,
            "gpus_total": quote.gpus_total,
            "region_code": quote.region_code,
        }
        differs = [k for k in wanted if wanted[k] is not None and wanted[k] != quoted[k]]
        if differs:
            raise ApiError(
                "quote_mismatch",
                f"Quote {quote.id} is for {quote.gpus_total} GPUs of {quote.sku} in"
                f" {quote.region_code}; the request differs in {', '.join(differs)}.",
                details={"quote_id": quote.id, "quote": quoted, "request": wanted},
            )
        return quote

    def _region_with_room(
        self, sku: Sku, gpus_total: int, region_code: str | None, now: datetime
    ) -> str:
        candidates = [region_code] if region_code else list(sku.capacity)
        free = {r: self.book.available_gpus(sku, r, now) for r in candidates}
        region = next((r for r in candidates if free[r] >= gpus_total), None)
        if region is None:
            where = f"region {region_code}" if region_code else "any region"
            raise ApiError(
                "sku_unavailable",
                f"{sku.id} has no {gpus_total} free GPUs in {where}.",
                details={
                    "sku": sku.id,
                    "region_code": region_code,
                    "requested_gpus": gpus_total,
                    "available_gpus": free,
                },
            )
        return region

    @staticmethod
    def _state_spec() -> dict[str, Any]:
        return {"quotes": dict[str, Quote], "_seq": int, "_rng": random.Random}
