"""All-or-nothing fleets through the facade (sync and async), and the fleet trials under faults
(the drill `python -m drills.drill_fleets` runs 200 of them; here a few)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest

from drills import drill_fleets as fleet_drill
from drills._sim import faulty_simulator
from gpuaas_sdk import AsyncClient, Client
from gpuaas_sdk.auth import DevPasswordAuth
from gpuaas_sdk.errors import ArgumentError, ResourceFailedError, WaitTimeoutError
from gpuaas_sim import Fault, SimConfig, Simulator

H200 = "h200-sxm-slice"


def test_a_fleet_comes_up_whole_and_is_released_whole(client: Client, sim: Simulator) -> None:
    quote = client.catalog.quote(H200, 8, 1)

    fleet = client.allocations.create_fleet(count=4, sku=H200, gpus_total=8, quote_id=quote.id)
    members = [client.allocations.get(a) for a in fleet.allocation_ids]
    listed = [f.id for f in client.fleets.list()]
    client.fleets.release(fleet.id)
    released = client.fleets.wait_for(fleet.id, states=("released",), timeout=60)

    assert (str(fleet.status), fleet.active_count, fleet.min_count) == ("active", 4, 4)
    assert {str(m.status) for m in members} == {"active"}
    assert {m.fleet_id for m in members} == {fleet.id}
    assert {m.price_per_gpu_hour_minor for m in members} == {349}
    assert listed == [fleet.id]
    assert str(released.status) == "released"


def test_a_fleet_short_of_its_members_fails_and_bills_nothing(
    client: Client, sim: Simulator
) -> None:
    sim.faults.add(Fault(kind="placement_drop", times=1))

    with pytest.raises(ResourceFailedError) as failed:
        client.allocations.create_fleet(count=2, gpu="h200:8")

    fleet = failed.value.resource
    assert str(fleet.status) == "failed" and "Only 1 of 2" in str(failed.value.reason)
    members = [sim.allocations[a] for a in fleet.allocation_ids]
    assert all(all(t.status != "active" for t in m.timeline) for m in members)
    assert sim.balance_minor() == sim.config.initial_balance_minor


def test_one_key_one_fleet_and_bad_counts_are_refused(client: Client, sim: Simulator) -> None:
    first = client.allocations.create_fleet(
        count=2, sku=H200, gpus_total=4, idempotency_key="nightly-42", wait=False
    )
    again = client.allocations.create_fleet(
        count=2, sku=H200, gpus_total=4, idempotency_key="nightly-42", wait=False
    )

    assert again.id == first.id and len(sim.fleets.fleets) == 1
    with pytest.raises(ArgumentError, match="min_count"):
        client.allocations.create_fleet(count=2, min_count=3, sku=H200, gpus_total=1)


def test_fleets_async(base_url: str, sim: Simulator) -> None:
    sim.faults.add(Fault(kind="placement_drop", times=1))

    async def scenario() -> tuple[str, int, int]:
        async with AsyncClient(base_url, auth=DevPasswordAuth("dev-user", "dev123")) as client:
            fleet = await client.allocations.create_fleet(
                count=3, min_count=2, sku=H200, gpus_total=2
            )
            again = await client.fleets.get(fleet.id)
            return str(again.status), again.active_count, again.failed_count

    assert asyncio.run(scenario()) == ("active", 2, 1)


# -- the trials ---------------------------------------------------------------------------------


@pytest.fixture
def faulty() -> Iterator[tuple[Simulator, str]]:
    with faulty_simulator(fleet_drill.FAULTS, seed=7) as running:
        yield running


def test_every_fleet_ends_complete_or_empty_under_faults(faulty: tuple[Simulator, str]) -> None:
    sim, base_url = faulty

    report = fleet_drill.run_trials(sim, base_url, trials=12)

    assert report.violations == []
    assert report.complete + report.failed_clean == 12
    assert report.complete > 0 and report.failed_clean > 0  # both outcomes were exercised


@pytest.mark.parametrize("sim_config", [SimConfig(clock_speed=0)])  # nothing ever comes up
def test_a_fleet_the_wait_gives_up_on_is_released(client: Client, sim: Simulator) -> None:
    with pytest.raises(WaitTimeoutError):
        client.allocations.create_fleet(count=2, sku=H200, gpus_total=8, timeout=1)

    (fleet,) = sim.fleets.fleets.values()
    members = [sim.allocations[a] for a in fleet.allocation_ids]
    assert fleet.released_at is not None
    assert all(m.timeline[-1].status == "released" for m in members)
    assert all(all(t.status != "active" for t in m.timeline) for m in members)
    assert str(client.fleets.get(fleet.id).status) == "releasing"
