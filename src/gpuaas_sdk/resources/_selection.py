"""Choosing a SKU from requirements: GPU shorthand and the cheapest match.

Shorthand, as users of other GPU clouds write it: `"h200"` (one GPU of a model),
`"h200:8"` (eight), `"gpu:40gb"` / `"gpu:40gb:4"` (any model with at least 40 GB).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from gpuaas_api.models import Sku

from ..errors import ArgumentError

_SHORTHAND = re.compile(
    r"^(?:gpu:(?P<memory>\d+)gb|(?P<model>[a-z0-9][a-z0-9_-]*))(?::(?P<count>\d+))?$"
)


@dataclass(frozen=True)
class Requirements:
    gpus: int = 1
    model: str | None = None
    min_gpu_memory_gb: int | None = None
    region_code: str | None = None
    max_price_per_gpu_hour_minor: int | None = None

    @classmethod
    def of(
        cls,
        gpu: str | None,
        *,
        gpus: int | None,
        min_gpu_memory_gb: int | None,
        region_code: str | None,
        max_price_per_gpu_hour_minor: int | None,
    ) -> Requirements:
        model, memory, count = None, min_gpu_memory_gb, gpus
        if gpu is not None:
            match = _SHORTHAND.match(gpu.strip().lower())
            if match is None:
                raise ArgumentError(
                    f"gpu {gpu!r} is not GPU shorthand: use a model ('h200'), a model and a "
                    "count ('h200:8'), or a memory floor ('gpu:40gb', 'gpu:40gb:4')"
                )
            model = match["model"]
            if match["memory"]:
                memory = max(memory or 0, int(match["memory"]))
            if match["count"]:
                if gpus is not None and gpus != int(match["count"]):
                    raise ArgumentError(f"gpu {gpu!r} and gpus={gpus} disagree on the count")
                count = int(match["count"])
        count = 1 if count is None else count
        if count < 1:
            raise ArgumentError(f"the GPU count must be at least 1 (got {count})")
        return cls(count, model, memory, region_code, max_price_per_gpu_hour_minor)


@dataclass(frozen=True)
class Placement:
    """Where a request fits: a SKU, a region with free GPUs, and what an hour costs."""

    sku: Sku
    region_code: str
    gpus_total: int

    @property
    def price_per_hour_minor(self) -> int:
        return self.sku.price_per_gpu_hour_minor * self.gpus_total


def _model_matches(sku: Sku, model: str) -> bool:
    compact = model.replace("-", "").replace("_", "")
    names = (sku.id.lower().replace("-", ""), sku.gpu_model.lower().replace(" ", ""))
    return any(compact in name for name in names)


def cheapest(skus: Iterable[Sku], wanted: Requirements) -> Placement | None:
    """The cheapest placement meeting `wanted`, preferring the region with most free GPUs."""
    best: Placement | None = None
    for sku in skus:
        if wanted.model and not _model_matches(sku, wanted.model):
            continue
        if wanted.min_gpu_memory_gb and sku.gpu_memory_gb < wanted.min_gpu_memory_gb:
            continue
        if wanted.gpus > sku.gpus_per_node:
            continue
        limit = wanted.max_price_per_gpu_hour_minor
        if limit is not None and sku.price_per_gpu_hour_minor > limit:
            continue
        regions = [
            a
            for a in sku.availability
            if a.available_gpus >= wanted.gpus
            and (wanted.region_code is None or a.region_code == wanted.region_code)
        ]
        if not regions:
            continue
        region = max(regions, key=lambda a: a.available_gpus).region_code
        placement = Placement(sku, region, wanted.gpus)
        if best is None or placement.price_per_hour_minor < best.price_per_hour_minor:
            best = placement
    return best
