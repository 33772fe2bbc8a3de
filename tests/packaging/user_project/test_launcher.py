"""A user's tests of their own code with the SDK's fixtures: a fake platform, and the
simulator (which needs `gpuaas-sim` installed)."""

import asyncio

import pytest

from gpuaas_sdk import errors


def launch(client, gpus=1):
    """The code under test: what a user's launcher does."""
    return client.allocations.create(sku="h200-sxm-slice", gpus_total=gpus)


def test_with_a_fake_platform(mock_client):
    mock_client.allocations.fake_create("alloc-1", status="pending")

    assert launch(mock_client).id == "alloc-1"


def test_against_the_simulator(sim_client):
    alloc = launch(sim_client)

    assert sim_client.allocations.wait_for(alloc.id, timeout=60).status == "active"


def test_a_fault_of_the_simulator(sim_client, gpuaas_sim):
    from gpuaas_sim import Fault

    gpuaas_sim.faults.add(
        Fault(method="POST", path="/v1/allocations", status=409, code="sku_unavailable")
    )

    with pytest.raises(errors.SKUUnavailable):
        launch(sim_client)


def test_against_the_simulator_async(async_sim_client):
    async def main():
        async with async_sim_client as client:
            alloc = await client.allocations.create(sku="h200-sxm-slice", gpus_total=1)
            return await client.allocations.wait_for(alloc.id, timeout=60)

    assert asyncio.run(main()).status == "active"
