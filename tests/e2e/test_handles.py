"""Handles: what `create()` returns, sync and async, against the simulator over loopback.

A handle is its model (fields, `to_dict()`, pickling as the model) plus calls that act on
it and refresh its fields in place. Also here: waits without a deadline, a wait's timeout
as a `TimeoutError`, and listings of several states at once.
"""

from __future__ import annotations

import asyncio
import copy
import json
import pickle
from collections.abc import Callable

import attrs
import pytest
from gpuaas_api.models import Allocation, AppInstance

from gpuaas_sdk import AsyncClient, Client
from gpuaas_sdk.auth import DevPasswordAuth
from gpuaas_sdk.errors import ArgumentError, WaitTimeoutError
from gpuaas_sdk.types import (
    AllocationHandle,
    AppInstanceHandle,
    AsyncAllocationHandle,
    AsyncAppInstanceHandle,
)
from gpuaas_sim import SimConfig, Simulator

SKU = "h200-sxm-slice"
NEVER = SimConfig(clock_speed=1, provisioning_delay=10_000)
"""Stays `pending` for the length of any test."""


@pytest.fixture
def async_client(base_url: str) -> Callable[[], AsyncClient]:
    return lambda: AsyncClient(base_url, auth=DevPasswordAuth("dev-user", "dev123"))


# -- the handle is its model ---------------------------------------------------------------


def test_a_handle_is_its_model_and_pickles_as_it(client: Client) -> None:
    alloc = client.allocations.create(sku=SKU, gpus_total=1, labels={"run": "r1"})

    assert isinstance(alloc, AllocationHandle) and isinstance(alloc, Allocation)
    assert (alloc.status, alloc.labels["run"], alloc.currency) == ("pending", "r1", "USD")
    restored = pickle.loads(pickle.dumps(alloc))
    assert type(restored) is Allocation
    assert restored == alloc and alloc == restored
    assert type(copy.deepcopy(alloc)) is Allocation
    assert json.loads(json.dumps(alloc.to_dict())) == restored.to_dict()
    assert alloc == client.allocations.get(alloc.id)  # same fields, same allocation
    assert repr(alloc).startswith("AllocationHandle(id=")


def test_a_handle_waits_reads_its_cost_and_releases(client: Client, sim: Simulator) -> None:
    alloc = client.allocations.create(sku=SKU, gpus_total=2)

    assert alloc.wait() is alloc  # refreshed in place
    assert alloc.status == "active" and alloc.connection is not None
    assert alloc.ssh_command() == (
        f"ssh -p {alloc.connection.ssh_port} ubuntu@{alloc.connection.ssh_host}"
    )
    assert (alloc.is_terminal, alloc.succeeded, alloc.price_per_hour_minor) == (False, None, 698)
    sim.clock.advance(1800)
    assert alloc.cost_minor < 349 <= alloc.refresh().cost_minor  # from the platform
    assert alloc.release().status == "releasing"
    alloc.wait(states=["released"])
    assert (alloc.is_terminal, alloc.succeeded, alloc.connection) == (True, True, None)
    cost = alloc.cost_minor
    sim.clock.advance(3600)
    assert alloc.refresh().cost_minor == cost


@pytest.mark.parametrize("sim_config", [SimConfig(clock_speed=50, failing_skus={SKU})])
def test_a_failed_allocation_did_not_succeed(client: Client) -> None:
    alloc = client.allocations.create(sku=SKU, gpus_total=1)

    alloc.wait(states=["failed"])

    assert (alloc.is_terminal, alloc.succeeded) == (True, False)
    assert alloc.failure_reason


def test_async_handles_await_the_same_calls(async_client: Callable[[], AsyncClient]) -> None:
    async def main() -> None:
        async with async_client() as client:
            alloc = await client.allocations.create(sku=SKU, gpus_total=1)
            assert isinstance(alloc, AsyncAllocationHandle) and isinstance(alloc, Allocation)
            assert (await alloc.wait()) is alloc and alloc.status == "active"
            assert (await alloc.ssh_command()).startswith("ssh -p ")
            assert (await alloc.refresh()).connection is not None
            await alloc.release()
            await alloc.wait(states=["released"])
            assert (alloc.is_terminal, alloc.succeeded) == (True, True)
            assert type(pickle.loads(pickle.dumps(alloc))) is Allocation
            again = await client.allocations.get(alloc.id)
            assert isinstance(again, AsyncAllocationHandle) and again == alloc

    asyncio.run(main())


def test_a_copy_made_without_the_client_cannot_act(client: Client) -> None:
    alloc = client.allocations.create(sku=SKU, gpus_total=1)
    detached = attrs.evolve(alloc)  # a new object of the handle's class, with no client

    with pytest.raises(ArgumentError, match="plain data"):
        detached.refresh()


# -- app instances ---------------------------------------------------------------------------


def test_an_app_instance_handle_waits_stops_and_releases(client: Client) -> None:
    alloc = client.allocations.create(sku=SKU, gpus_total=1).wait()
    project = client.load_context().project_id

    inst = client.apps.instances.create(
        app_slug="jupyter-cuda-dev", project_id=project, target_allocation_id=alloc.id
    )

    assert isinstance(inst, AppInstanceHandle) and isinstance(inst, AppInstance)
    assert inst.wait().status == "running" and inst.endpoints
    assert inst.stop().status == "stopping"
    assert inst.wait(states=["stopped"]).succeeded is None
    inst.release()
    assert (inst.status, inst.is_terminal, inst.succeeded) == ("released", True, True)
    assert [line.line for line in inst.logs()][-1] == "Received SIGTERM, stopping"


def test_async_an_app_instance_handle(async_client: Callable[[], AsyncClient]) -> None:
    async def main() -> str:
        async with async_client() as client:
            alloc = await (await client.allocations.create(sku=SKU, gpus_total=1)).wait()
            context = await client.load_context()
            inst = await client.apps.instances.create(
                app_slug="jupyter-cuda-dev",
                project_id=context.project_id,
                target_allocation_id=alloc.id,
            )
            assert isinstance(inst, AsyncAppInstanceHandle)
            await inst.wait()
            await (await inst.release()).refresh()
            return str(inst.status)

    assert asyncio.run(main()) == "released"


# -- waits: no deadline, a deadline as a TimeoutError -----------------------------------------


def test_a_wait_without_a_deadline_returns_when_it_is_done(client: Client) -> None:
    alloc = client.allocations.create(sku=SKU, gpus_total=1)

    assert client.allocations.wait_for(alloc.id, timeout=None).status == "active"
    assert client.allocations.wait_for_ssh(alloc.id, timeout=None).ssh_port > 0


@pytest.mark.parametrize("sim_config", [NEVER])
def test_a_wait_that_times_out_is_a_timeout_error_with_the_last_state(client: Client) -> None:
    alloc = client.allocations.create(sku=SKU, gpus_total=1)

    with pytest.raises(TimeoutError) as caught:
        alloc.wait(timeout=0.3)

    assert isinstance(caught.value, WaitTimeoutError)
    assert caught.value.state == "pending"
    assert "last state pending" in str(caught.value)
    with pytest.raises(ArgumentError, match="None to wait without a deadline"):
        alloc.wait(timeout=0)


@pytest.mark.parametrize("sim_config", [NEVER])
def test_async_waits_time_out_and_need_no_deadline(
    async_client: Callable[[], AsyncClient], sim: Simulator
) -> None:
    async def main() -> None:
        async with async_client() as client:
            alloc = await client.allocations.create(sku=SKU, gpus_total=1)
            with pytest.raises(TimeoutError) as caught:
                await client.allocations.wait_for(alloc.id, timeout=0.3)
            assert caught.value.state == "pending"  # type: ignore[attr-defined]
            waiting = asyncio.create_task(alloc.wait(timeout=None))
            await asyncio.sleep(0.3)
            sim.clock.advance(20_000)
            await asyncio.wait_for(waiting, 20)
            assert alloc.status == "active"

    asyncio.run(main())


# -- several states at once ------------------------------------------------------------------


def test_list_takes_several_states(client: Client, sim: Simulator) -> None:
    active = client.allocations.create(sku=SKU, gpus_total=1).wait()
    released = client.allocations.create(sku=SKU, gpus_total=1).wait().release()
    sim.clock.set_speed(0)  # nothing moves on while listing
    pending = client.allocations.create(sku=SKU, gpus_total=1)

    def ids(**kwargs: object) -> set[str]:
        return {a.id for a in client.allocations.list(**kwargs)}  # type: ignore[arg-type]

    assert ids(status=["pending", "active"]) == {active.id, pending.id}
    assert ids(status="releasing") == {released.id}
    assert ids(status=("active",)) == {active.id}
    with pytest.raises(ArgumentError, match="allocation states"):
        ids(status=["pending", "sleeping"])


def test_async_list_takes_several_states(async_client: Callable[[], AsyncClient]) -> None:
    async def main() -> list[str]:
        async with async_client() as client:
            alloc = await client.allocations.create(sku=SKU, gpus_total=1)
            await alloc.wait()
            return [a.id async for a in client.allocations.list(status=["pending", "active"])]

    assert len(asyncio.run(main())) == 1
