"""`POST /v1/catalog/quotes` and `GET /v1/allocations/{id}/connection`.

A quote is a pure calculation over the catalog and live capacity; the
connection is read off the allocation book, never changed here.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ...platform.errors import ApiError, JSONResponse
from ...runtime.clock import format_time
from ..iam_schemas import PriceQuoteRequest
from ..web import authenticate, endpoint, json_body

if TYPE_CHECKING:
    from ...simulator import Simulator

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


def routes(sim: Simulator) -> list[Route]:
    async def create_quote(request: Request) -> Response:
        authenticate(request, sim)
        body, _ = await json_body(request, PriceQuoteRequest)
        sku = sim.catalog.sku(body.sku)
        if sku is None:
            raise ApiError("sku_not_found", f"No SKU {body.sku!r}.", details={"sku": body.sku})
        if body.gpus_total > sku.gpus_per_node:
            raise _invalid("gpus_total", f"{sku.id} allocations hold at most {sku.gpus_per_node}")
        if body.region_code is not None and body.region_code not in sku.capacity:
            raise _invalid("region_code", f"{sku.id} is not offered in {body.region_code}")
        now = sim.clock.now()
        candidates = [body.region_code] if body.region_code else list(sku.capacity)
        free = {r: sim.allocation_book.available_gpus(sku, r, now) for r in candidates}
        region = next((r for r in candidates if free[r] >= body.gpus_total), None)
        if region is None:
            where = f"region {body.region_code}" if body.region_code else "any region"
            raise ApiError(
                "sku_unavailable",
                f"{sku.id} has no {body.gpus_total} free GPUs in {where}.",
                details={
                    "sku": sku.id,
                    "region_code": body.region_code,
                    "requested_gpus": body.gpus_total,
                    "available_gpus": free,
                },
            )
        quote: dict[str, Any] = {
            "sku": sku.id,
            "gpus_total": body.gpus_total,
            "hours": body.hours,
            "region_code": region,
            "price_per_gpu_hour_minor": sku.price_per_gpu_hour_minor,
            "total_minor": total_minor(sku.price_per_gpu_hour_minor, body.gpus_total, body.hours),
            "currency": sku.currency,
            "valid_until": format_time(now + QUOTE_VALIDITY),
        }
        return JSONResponse(quote)

    async def get_connection(request: Request) -> Response:
        principal = authenticate(request, sim)
        allocation = sim.allocation_book.get(principal, request.path_params["allocation_id"])
        now = sim.clock.now()
        status = allocation.status_at(now)
        if status != "active":
            raise ApiError(
                "allocation_not_active",
                f"Allocation {allocation.id} is {status}, not active.",
                details={"allocation_id": allocation.id, "status": status},
            )
        return JSONResponse(allocation.endpoint.to_json())

    return [
        endpoint("/v1/catalog/quotes", POST=create_quote),
        endpoint("/v1/allocations/{allocation_id}/connection", GET=get_connection),
    ]
