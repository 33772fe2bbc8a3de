"""Seed catalog: the regions and GPU SKUs of the simulated platform."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["REGIONS", "SKUS", "Catalog", "Region", "Sku"]


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    country: str

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "name": self.name, "country": self.country}


@dataclass(frozen=True)
class Sku:
    """A GPU SKU; `capacity` is the total GPUs per region, before allocations take any."""

    id: str
    gpu_model: str
    gpu_memory_gb: int
    gpus_per_node: int
    price_per_gpu_hour_minor: int
    currency: str
    capacity: Mapping[str, int]

    def hourly_price_minor(self, gpus: int) -> int:
        return self.price_per_gpu_hour_minor * gpus


REGIONS: tuple[Region, ...] = (
    Region("us-buffalo-1", "Buffalo, New York", "US"),
    Region("eu-helsinki-1", "Helsinki, Uusimaa", "FI"),
)

SKUS: tuple[Sku, ...] = (
    Sku("h200-sxm-slice", "NVIDIA H200 SXM", 141, 8, 349, "USD", {"us-buffalo-1": 64}),
    Sku(
        "h100-sxm-slice",
        "NVIDIA H100 SXM",
        80,
        8,
        249,
        "USD",
        {"us-buffalo-1": 32, "eu-helsinki-1": 16},
    ),
    Sku("a100-pcie-slice", "NVIDIA A100 80GB PCIe", 80, 4, 129, "USD", {"eu-helsinki-1": 24}),
    Sku("l40s-slice", "NVIDIA L40S", 48, 4, 99, "USD", {"us-buffalo-1": 16, "eu-helsinki-1": 8}),
)


class Catalog:
    """Read-only lookups over the seed regions and SKUs, in their listing order."""

    def __init__(self, skus: tuple[Sku, ...] = SKUS, regions: tuple[Region, ...] = REGIONS) -> None:
        self.skus = skus
        self.regions = regions
        self._skus_by_id = {sku.id: sku for sku in skus}

    def sku(self, sku_id: str) -> Sku | None:
        return self._skus_by_id.get(sku_id)
