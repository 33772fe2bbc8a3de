"""Price quotes: a pure calculation over the catalog and live capacity."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from ..runtime.clock import format_time
from .allocations import AllocationBook
from .catalog import Catalog
from .errors import ApiError

__all__ = ["QUOTE_VALIDITY", "price_quote", "total_minor"]

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


def price_quote(
    catalog: Catalog,
    book: AllocationBook,
    now: datetime,
    *,
    sku_id: str,
    gpus_total: int,
    hours: float,
    region_code: str | None,
) -> dict[str, Any]:
    """What `gpus_total` GPUs of a SKU cost for `hours`, in the first region with room."""
    hours = float(hours)
    sku = catalog.sku(sku_id)
    if sku is None:
        raise ApiError("sku_not_found", f"No SKU {sku_id!r}.", details={"sku": sku_id})
    if gpus_total > sku.gpus_per_node:
        raise _invalid("gpus_total", f"{sku.id} allocations hold at most {sku.gpus_per_node}")
    if region_code is not None and region_code not in sku.capacity:
        raise _invalid("region_code", f"{sku.id} is not offered in {region_code}")
    candidates = [region_code] if region_code else list(sku.capacity)
    free = {r: book.available_gpus(sku, r, now) for r in candidates}
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
    return {
        "sku": sku.id,
        "gpus_total": gpus_total,
        "hours": hours,
        "region_code": region,
        "price_per_gpu_hour_minor": sku.price_per_gpu_hour_minor,
        "total_minor": total_minor(sku.price_per_gpu_hour_minor, gpus_total, hours),
        "currency": sku.currency,
        "valid_until": format_time(now + QUOTE_VALIDITY),
    }
