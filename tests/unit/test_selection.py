"""GPU shorthand and the choice of the cheapest placement."""

import pytest
from gpuaas_api.models import RegionAvailability, Sku

from gpuaas_sdk.errors import ArgumentError
from gpuaas_sdk.resources._selection import Requirements, cheapest


def sku(sku_id: str, model: str, memory: int, price: int, **free: int) -> Sku:
    return Sku(
        id=sku_id,
        gpu_model=model,
        gpu_memory_gb=memory,
        gpus_per_node=8,
        price_per_gpu_hour_minor=price,
        currency="USD",
        availability=[RegionAvailability(region_code=r, available_gpus=n) for r, n in free.items()],
    )


SKUS = [
    sku("h200-sxm-slice", "NVIDIA H200 SXM", 141, 349, us=64),
    sku("h100-sxm-slice", "NVIDIA H100 SXM", 80, 249, us=2, eu=16),
    sku("a100-pcie-slice", "NVIDIA A100 80GB PCIe", 80, 129, eu=3),
]


def want(gpu: str | None = None, **kwargs) -> Requirements:
    fields = {
        "gpus": None,
        "min_gpu_memory_gb": None,
        "region_code": None,
        "max_price_per_gpu_hour_minor": None,
    }
    return Requirements.of(gpu, **{**fields, **kwargs})


@pytest.mark.parametrize(
    ("gpu", "model", "memory", "count"),
    [
        ("h200", "h200", None, 1),
        ("H200:8", "h200", None, 8),
        ("gpu:40gb", None, 40, 1),
        ("gpu:40gb:4", None, 40, 4),
    ],
)
def test_shorthand(gpu, model, memory, count):
    wanted = want(gpu)

    assert (wanted.model, wanted.min_gpu_memory_gb, wanted.gpus) == (model, memory, count)


@pytest.mark.parametrize("gpu", ["", "h200:", "h200:x", "gpu:lots", "h200 8"])
def test_bad_shorthand_says_what_is_accepted(gpu):
    with pytest.raises(ArgumentError, match="GPU shorthand"):
        want(gpu)


def test_a_count_given_twice_must_agree():
    with pytest.raises(ArgumentError, match="disagree"):
        want("h200:8", gpus=4)


def test_the_cheapest_sku_with_enough_free_gpus_wins():
    assert cheapest(SKUS, want("gpu:80gb")).sku.id == "a100-pcie-slice"
    placement = cheapest(SKUS, want("gpu:80gb:4"))
    assert (placement.sku.id, placement.region_code, placement.price_per_hour_minor) == (
        "h100-sxm-slice",
        "eu",
        996,
    )


def test_a_model_matches_by_name_and_the_fullest_region_is_chosen():
    placement = cheapest(SKUS, want("h100"))

    assert placement.sku.id == "h100-sxm-slice" and placement.region_code == "eu"


def test_no_placement_when_nothing_fits():
    assert cheapest(SKUS, want("h200:9")) is None
    assert cheapest(SKUS, want("h100:4", region_code="us")) is None
    assert cheapest(SKUS, want("h200", max_price_per_gpu_hour_minor=300)) is None
