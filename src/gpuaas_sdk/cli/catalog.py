"""`gpuaas catalog`: SKUs, regions, the cheapest place for a request, and price quotes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import typer

from ..resources._selection import Placement
from .exits import NOT_FOUND, CommandError
from .output import Columns, money, show, to_data
from .session import current

app = typer.Typer(help="GPU SKUs, regions, where a request fits, and what it costs.")


def _free(sku: Mapping[str, Any]) -> str:
    return ", ".join(
        f"{a['region_code']}: {a['available_gpus']}" for a in sku.get("availability") or []
    )


SKUS = Columns(
    [
        ("SKU", "id"),
        ("GPU", "gpu_model"),
        ("MEMORY", lambda s: f"{s['gpu_memory_gb']} GB"),
        ("GPUS/NODE", "gpus_per_node"),
        ("PER GPU-HOUR", lambda s: money(s["price_per_gpu_hour_minor"], s["currency"])),
        ("FREE GPUS", _free),
    ]
)
REGIONS = Columns([("REGION", "code"), ("NAME", "name"), ("COUNTRY", "country")])
PLACEMENT = Columns(
    [
        ("SKU", "sku.id"),
        ("GPU", "sku.gpu_model"),
        ("REGION", "region_code"),
        ("GPUS", "gpus_total"),
        ("PER HOUR", lambda p: money(p["price_per_hour_minor"], p["currency"])),
    ]
)
QUOTE = Columns(
    [
        ("SKU", "sku"),
        ("REGION", "region_code"),
        ("GPUS", "gpus_total"),
        ("HOURS", "hours"),
        ("PER GPU-HOUR", lambda q: money(q["price_per_gpu_hour_minor"], q["currency"])),
        ("TOTAL", lambda q: money(q["total_minor"], q["currency"])),
        ("VALID UNTIL", "valid_until"),
    ]
)


@app.command("list")
def list_skus(
    region: str | None = typer.Option(None, help="Only SKUs offered in this region."),
    gpu_model: str | None = typer.Option(None, "--gpu-model", help="Only this GPU model."),
    min_memory: int | None = typer.Option(None, "--min-memory", help="GB of memory per GPU."),
    available: bool = typer.Option(False, "--available", help="Only SKUs with free GPUs."),
) -> None:
    """Every SKU: its GPU, memory, price per GPU-hour and free GPUs per region."""
    skus = (
        current()
        .client()
        .catalog.list_skus(
            region_code=region,
            gpu_model=gpu_model,
            min_gpu_memory_gb=min_memory,
            available_only=available or None,
        )
    )
    show(to_data(list(skus)), SKUS)


@app.command("get")
def get_sku(sku: str = typer.Argument(..., help="The SKU's id, e.g. h200-sxm-slice.")) -> None:
    """One SKU."""
    show(to_data(current().client().catalog.get_sku(sku)), SKUS)


@app.command()
def regions() -> None:
    """Every region SKUs can be placed in."""
    show(to_data(list(current().client().catalog.list_regions())), REGIONS)


def placement_data(placement: Placement) -> dict[str, Any]:
    return {
        "sku": to_data(placement.sku),
        "region_code": placement.region_code,
        "gpus_total": placement.gpus_total,
        "price_per_hour_minor": placement.price_per_hour_minor,
        "currency": placement.sku.currency,
    }


def find_placement(gpu: str, region: str | None = None, max_price: int | None = None) -> Placement:
    """The cheapest SKU and region with free GPUs for GPU shorthand; not found: exit 6."""
    placement = (
        current()
        .client()
        .catalog.find(gpu, region_code=region, max_price_per_gpu_hour_minor=max_price)
    )
    if placement is None:
        where = f" in {region}" if region else ""
        raise CommandError(
            f"no SKU has free GPUs for {gpu!r}{where} right now", NOT_FOUND, code="no_capacity"
        )
    return placement


@app.command()
def find(
    gpu: str = typer.Argument(
        ..., help="GPU shorthand: 'h200' (one), 'h200:8' (eight), 'gpu:40gb:4' (any, 40 GB+)."
    ),
    region: str | None = typer.Option(None, help="Only this region."),
    max_price: int | None = typer.Option(
        None, "--max-price", help="Highest price per GPU-hour, in minor units (cents)."
    ),
) -> None:
    """The cheapest SKU and region with enough free GPUs for a request (exit 6: none)."""
    show(placement_data(find_placement(gpu, region, max_price)), PLACEMENT)


@app.command()
def quote(
    gpu: str | None = typer.Argument(
        None, help="GPU shorthand ('h200:8'): quote the cheapest placement (or --sku, --gpus)."
    ),
    sku: str | None = typer.Option(None, help="The SKU to quote."),
    gpus: int | None = typer.Option(None, help="How many GPUs (with --sku)."),
    hours: float = typer.Option(..., help="For how many hours."),
    region: str | None = typer.Option(None, help="The region (default: the platform's choice)."),
) -> None:
    """What GPUs cost for some hours, honoured until the quote's `valid_until`."""
    if (gpu is None) == (sku is None):
        raise typer.BadParameter("give GPU shorthand ('h200:8') or --sku with --gpus")
    if gpu is not None:
        placement = find_placement(gpu, region)
        sku, count, region = placement.sku.id, placement.gpus_total, placement.region_code
    else:
        count = gpus if gpus is not None else 1
    assert sku is not None
    answer = (
        current().client().catalog.quote(sku=sku, gpus_total=count, hours=hours, region_code=region)
    )
    show(to_data(answer), QUOTE)
