"""`/v1/catalog/*`: SKUs with live availability, and regions."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ...platform.catalog import Sku
from ...platform.errors import ApiError, JSONResponse
from ..pagination import paginate
from ..web import authenticate, bool_param, endpoint, int_param, page_params, query_param

if TYPE_CHECKING:
    from ...simulator import Simulator


def routes(sim: Simulator) -> list[Route]:
    def render_sku(sku: Sku, now: datetime) -> dict[str, Any]:
        return {
            "id": sku.id,
            "gpu_model": sku.gpu_model,
            "gpu_memory_gb": sku.gpu_memory_gb,
            "gpus_per_node": sku.gpus_per_node,
            "price_per_gpu_hour_minor": sku.price_per_gpu_hour_minor,
            "currency": sku.currency,
            "availability": [
                {
                    "region_code": region,
                    "available_gpus": sim.allocation_book.available_gpus(sku, region, now),
                }
                for region in sku.capacity
            ],
        }

    async def list_skus(request: Request) -> Response:
        authenticate(request, sim)
        limit, cursor = page_params(request)
        region = query_param(request, "region_code")
        gpu_model = query_param(request, "gpu_model", max_length=128)
        min_memory = int_param(request, "min_gpu_memory_gb", minimum=1, maximum=65536)
        max_price = int_param(request, "max_price_per_gpu_hour_minor", minimum=0, maximum=10**12)
        available_only = bool_param(request, "available_only")
        skus = sim.catalog.skus
        order = {sku.id: index for index, sku in enumerate(skus)}
        now = sim.clock.now()

        def free(sku: Sku) -> int:
            regions = [region] if region is not None else list(sku.capacity)
            return sum(sim.allocation_book.available_gpus(sku, r, now) for r in regions)

        offered = [
            sku
            for sku in skus
            if (region is None or region in sku.capacity)
            and (gpu_model is None or sku.gpu_model.lower() == gpu_model.lower())
            and (min_memory is None or sku.gpu_memory_gb >= min_memory)
            and (max_price is None or sku.price_per_gpu_hour_minor <= max_price)
            and (not available_only or free(sku) > 0)
        ]
        page = paginate(
            offered,
            kind="skus",
            position=lambda sku: order[sku.id],
            render=lambda sku: render_sku(sku, now),
            limit=limit,
            cursor=cursor,
        )
        return JSONResponse(page.to_json())

    async def get_sku(request: Request) -> Response:
        authenticate(request, sim)
        sku_id = request.path_params["sku_id"]
        sku = sim.catalog.sku(sku_id)
        if sku is None:
            raise ApiError("sku_not_found", f"No SKU {sku_id!r}.", details={"sku": sku_id})
        return JSONResponse(render_sku(sku, sim.clock.now()))

    async def list_regions(request: Request) -> Response:
        authenticate(request, sim)
        limit, cursor = page_params(request)
        regions = sim.catalog.regions
        order = {region.code: index for index, region in enumerate(regions)}
        page = paginate(
            regions,
            kind="regions",
            position=lambda region: order[region.code],
            render=lambda region: region.to_json(),
            limit=limit,
            cursor=cursor,
        )
        return JSONResponse(page.to_json())

    return [
        endpoint("/v1/catalog/skus", GET=list_skus),
        endpoint("/v1/catalog/skus/{sku_id}", GET=get_sku),
        endpoint("/v1/catalog/regions", GET=list_regions),
    ]
