"""Allocations that cannot leak, sync and async: leases renewed in the background, what a
killed process leaves (the platform releases it, billing stops there), sessions that
release on exceptions and Ctrl-C, `release_all` and labels, and `orphans()`.

The simulator's clock is frozen here and moved by the tests, so every instant is exact:
renewals happen in real time (every third of a one-second lease), and a test moves the
platform's clock on only once it has seen the renewal it waits for.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from datetime import timedelta

import pytest

from gpuaas_sdk import AsyncClient, Client
from gpuaas_sdk.auth import DevPasswordAuth
from gpuaas_sdk.errors import APIConnectionError, ArgumentError, LeaseExpired, LeaseLostError
from gpuaas_sim import SimConfig, Simulator
from gpuaas_sim.runtime.faults import Fault

from .test_waiters import eventually, eventually_async

SKU = "h200-sxm-slice"
GRACE = 600
INSTANT = SimConfig(
    clock_speed=0,
    provisioning_delay=0,
    activation_delay=0,
    ssh_ready_delay=0,
    lease_grace_seconds=GRACE,
)
"""Active (and SSH answering) the moment it is created; time moves only when a test says."""
TIGHT = SimConfig(clock_speed=0, provisioning_delay=0, activation_delay=0, lease_grace_seconds=0.5)
"""A one-second lease lapses 1.5 s (simulated) after the last renewal."""
FROZEN = SimConfig(clock_speed=0)
"""Never active unless a test moves the clock."""


@pytest.fixture
def sim_config() -> SimConfig:
    return INSTANT


@pytest.fixture
def async_client(base_url: str) -> Callable[[], AsyncClient]:
    return lambda: AsyncClient(base_url, auth=DevPasswordAuth("dev-user", "dev123"))


def renewals(sim: Simulator, allocation_id: str) -> int:
    path = f"/v1/allocations/{allocation_id}/lease/renew"
    return sum(1 for r in list(sim.requests_log) if r.method == "POST" and r.path == path)


def state(sim: Simulator, allocation_id: str) -> tuple[str, str | None]:
    body = sim.allocations[allocation_id].to_json(sim.clock.now())
    return body["status"], body["release_reason"]


def usage_cost(client: Client, allocation_id: str) -> int:
    since = "2000-01-01T00:00:00Z"
    return sum(
        r.cost_minor for r in client.billing.usage(since=since) if r.allocation_id == allocation_id
    )


# -- the handle renews its lease -------------------------------------------------------------


@pytest.mark.parametrize("sim_config", [TIGHT])
def test_a_handle_renews_its_lease_while_the_process_lives(client: Client, sim: Simulator) -> None:
    alloc = client.allocations.create(sku=SKU, gpus_total=1, lease_seconds=1)
    first_expiry = alloc.lease_expires_at
    assert alloc.renewing_lease

    for _ in range(4):  # 3.6 s of platform time: more than twice the lease and its grace
        seen = renewals(sim, alloc.id)
        eventually(lambda seen=seen: renewals(sim, alloc.id) > seen, "a renewal")
        sim.clock.advance(0.9)

    assert alloc.refresh().status == "active"
    assert alloc.lease_expires_at is not None and first_expiry is not None
    assert alloc.lease_expires_at >= first_expiry + timedelta(seconds=2.7)  # renewed at 2.7 s
    alloc.release()
    assert not alloc.renewing_lease


@pytest.mark.parametrize("sim_config", [TIGHT])
def test_async_a_handle_renews_its_lease(
    async_client: Callable[[], AsyncClient], sim: Simulator
) -> None:
    async def main() -> str:
        async with async_client() as client:
            alloc = await client.allocations.create(sku=SKU, gpus_total=1, lease_seconds=1)
            for _ in range(4):
                seen = renewals(sim, alloc.id)
                await eventually_async(
                    lambda seen=seen: renewals(sim, alloc.id) > seen, "a renewal"
                )
                sim.clock.advance(0.9)
            await alloc.refresh()
            await alloc.release()
            assert not alloc.renewing_lease
            return str(alloc.status)

    assert asyncio.run(main()) == "releasing"


@pytest.mark.parametrize("sim_config", [TIGHT])
def test_renewals_failing_past_the_lease_raise_on_the_next_call(
    base_url: str, sim: Simulator, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="gpuaas_sdk")
    with Client(base_url, auth=DevPasswordAuth("dev-user", "dev123"), max_retries=0) as client:
        alloc = client.allocations.create(sku=SKU, gpus_total=1, lease_seconds=1)
        path = f"/v1/allocations/{alloc.id}/lease/renew"
        sim.faults.add(Fault(method="POST", path=path, status=503, times=None))

        eventually(lambda: not alloc.renewing_lease, "the keeper gives up")

        with pytest.raises(LeaseLostError) as caught:
            alloc.refresh()
        assert caught.value.allocation_id == alloc.id
        assert "ran out" in str(caught.value) and caught.value.cause is not None
        assert alloc.refresh().status == "active"  # raised once; the platform's grace runs
        warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
        assert [alloc.id in r.getMessage() and "ran out" in r.getMessage() for r in warnings] == [
            True
        ]


@pytest.mark.parametrize("sim_config", [TIGHT])
def test_async_a_lease_the_platform_let_lapse_raises_on_the_next_call(
    async_client: Callable[[], AsyncClient], sim: Simulator
) -> None:
    async def main() -> LeaseLostError:
        async with async_client() as client:
            alloc = await client.allocations.create(sku=SKU, gpus_total=1, lease_seconds=1)
            sim.clock.advance(2)  # past the lease and its grace before any renewal
            await eventually_async(lambda: not alloc.renewing_lease, "the keeper gives up")
            with pytest.raises(LeaseLostError) as caught:
                await alloc.wait()
            assert (await alloc.refresh()).release_reason == "lease_expired"
            return caught.value

    error = asyncio.run(main())
    assert isinstance(error.cause, LeaseExpired)
    assert "the platform let it lapse" in str(error)


# -- a killed process: the platform releases, billing stops --------------------------------

HOLDER = """
import asyncio, sys, time
from gpuaas_sdk import AsyncClient, Client
from gpuaas_sdk.auth import DevPasswordAuth

base_url, flavour = sys.argv[1], sys.argv[2]
auth = DevPasswordAuth("dev-user", "dev123")
if flavour == "sync":
    client = Client(base_url, auth=auth)
    alloc = client.allocations.create(sku="h200-sxm-slice", gpus_total=8, lease_seconds=1)
    print(alloc.id, flush=True)
    time.sleep(600)
else:
    async def main():
        async with AsyncClient(base_url, auth=auth) as client:
            alloc = await client.allocations.create(
                sku="h200-sxm-slice", gpus_total=8, lease_seconds=1
            )
            print(alloc.id, flush=True)
            await asyncio.sleep(600)

    asyncio.run(main())
"""


@pytest.fixture
def child() -> Iterator[Callable[..., subprocess.Popen[str]]]:
    started: list[subprocess.Popen[str]] = []

    def start(*args: str) -> subprocess.Popen[str]:
        proc = subprocess.Popen(
            [sys.executable, "-c", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        started.append(proc)
        return proc

    yield start
    for proc in started:
        if proc.poll() is None:
            proc.kill()
        proc.wait(10)


def first_line(proc: subprocess.Popen[str]) -> str:
    assert proc.stdout is not None
    line = proc.stdout.readline().strip()
    assert line, f"the child printed nothing: {proc.stderr.read() if proc.stderr else ''}"
    return line


@pytest.mark.parametrize("flavour", ["sync", "async"])
def test_a_killed_holder_leaks_its_allocation_for_the_lease_and_grace_only(
    flavour: str,
    base_url: str,
    sim: Simulator,
    client: Client,
    child: Callable[..., subprocess.Popen[str]],
) -> None:
    proc = child(HOLDER, base_url, flavour)
    allocation_id = first_line(proc)
    eventually(lambda: renewals(sim, allocation_id) >= 2, "the child renews its lease")

    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    killed_after = renewals(sim, allocation_id)
    expires = client.allocations.get(allocation_id).lease_expires_at
    assert expires is not None

    sim.clock.advance(1 + GRACE - 0.5)  # the lease ran out; the grace has not
    assert state(sim, allocation_id) == ("active", None)
    sim.clock.advance(0.5)
    released = client.allocations.get(allocation_id)
    assert (released.status, released.release_reason) == ("releasing", "lease_expired")
    assert released.updated_at == expires + timedelta(seconds=GRACE)
    cost = released.cost_minor
    assert cost == int((1 + GRACE) / 3600 * 8 * 349)  # active from creation to the release

    sim.clock.advance(3 * 3600)
    assert client.allocations.get(allocation_id).cost_minor == cost
    assert usage_cost(client, allocation_id) == cost
    assert renewals(sim, allocation_id) == killed_after


# -- sessions -----------------------------------------------------------------------------------


def test_a_session_creates_waits_and_releases(client: Client, sim: Simulator) -> None:
    with client.allocations.session(sku=SKU, gpus_total=1, labels={"job": "s1"}) as alloc:
        assert (alloc.status, alloc.lease_seconds, alloc.labels["job"]) == ("active", 300, "s1")
        assert alloc.connection is not None and alloc.renewing_lease

    assert state(sim, alloc.id) == ("releasing", "requested")
    assert not alloc.renewing_lease


@pytest.mark.parametrize("raised", [ValueError("boom"), KeyboardInterrupt()])
def test_a_session_releases_when_its_block_raises(
    client: Client, sim: Simulator, raised: BaseException
) -> None:
    with pytest.raises(type(raised)), client.allocations.session(sku=SKU, gpus_total=1):
        raise raised

    (allocation,) = sim.allocations.values()
    assert state(sim, allocation.id) == ("releasing", "requested")


@pytest.mark.parametrize("sim_config", [FROZEN])
def test_ctrl_c_while_waiting_for_readiness_releases(client: Client, sim: Simulator) -> None:
    main = threading.main_thread().ident
    assert main is not None and threading.current_thread().ident == main
    timer = threading.Timer(0.3, signal.pthread_kill, (main, signal.SIGINT))
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt), client.allocations.session(sku=SKU, gpus_total=1):
            pytest.fail("never ready: the clock is frozen")
    finally:
        timer.cancel()

    (allocation,) = sim.allocations.values()
    assert state(sim, allocation.id) == ("releasing", "requested")


def test_a_create_whose_answer_was_lost_is_released(base_url: str, sim: Simulator) -> None:
    sim.faults.add(Fault(method="POST", path="/v1/allocations", kind="drop"))
    client = Client(base_url, auth=DevPasswordAuth("dev-user", "dev123"), max_retries=0)
    with (
        client,
        pytest.raises(APIConnectionError),
        client.allocations.session(sku=SKU, gpus_total=1),
    ):
        pytest.fail("the create's answer never arrived")

    (allocation,) = sim.allocations.values()  # made once, found by the key, released
    assert state(sim, allocation.id) == ("releasing", "requested")


def test_async_sessions_release_after_the_block_and_on_errors(
    async_client: Callable[[], AsyncClient], sim: Simulator
) -> None:
    async def main() -> None:
        async with async_client() as client:
            async with client.allocations.session(sku=SKU, gpus_total=1) as alloc:
                assert alloc.status == "active" and alloc.renewing_lease
            with pytest.raises(ValueError, match="boom"):
                async with client.allocations.session(sku=SKU, gpus_total=1):
                    raise ValueError("boom")

    asyncio.run(main())
    assert [state(sim, a) for a in sim.allocations] == [("releasing", "requested")] * 2


@pytest.mark.parametrize("sim_config", [FROZEN])
def test_async_a_session_cancelled_while_waiting_releases(
    async_client: Callable[[], AsyncClient], sim: Simulator
) -> None:
    async def main() -> None:
        async with async_client() as client:

            async def use() -> None:
                async with client.allocations.session(sku=SKU, gpus_total=1):
                    pytest.fail("never ready: the clock is frozen")

            with pytest.raises(TimeoutError):
                await asyncio.wait_for(use(), 0.5)  # cancels it while it waits

    asyncio.run(main())
    (allocation,) = sim.allocations.values()
    assert state(sim, allocation.id) == ("releasing", "requested")


SESSION_HOLDER = """
import asyncio, sys, time
from gpuaas_sdk import AsyncClient, Client
from gpuaas_sdk.auth import DevPasswordAuth

base_url, flavour = sys.argv[1], sys.argv[2]
auth = DevPasswordAuth("dev-user", "dev123")
if flavour == "sync":
    with Client(base_url, auth=auth) as client:
        with client.allocations.session(sku="h200-sxm-slice", gpus_total=1) as alloc:
            print(alloc.id, flush=True)
            time.sleep(600)
else:
    async def main():
        async with AsyncClient(base_url, auth=auth) as client:
            async with client.allocations.session(sku="h200-sxm-slice", gpus_total=1) as alloc:
                print(alloc.id, flush=True)
                await asyncio.sleep(600)

    asyncio.run(main())
"""


@pytest.mark.parametrize("flavour", ["sync", "async"])
def test_ctrl_c_in_a_session_releases_its_allocation(
    flavour: str, base_url: str, sim: Simulator, child: Callable[..., subprocess.Popen[str]]
) -> None:
    proc = child(SESSION_HOLDER, base_url, flavour)
    allocation_id = first_line(proc)
    assert state(sim, allocation_id) == ("active", None)

    proc.send_signal(signal.SIGINT)

    assert proc.wait(30) != 0  # ended by the interrupt...
    assert state(sim, allocation_id) == ("releasing", "requested")  # ...after releasing


# -- cleanup: release_all, labels, orphans ------------------------------------------------------


def test_release_all_releases_what_this_client_made_or_what_carries_labels(
    client: Client, base_url: str, sim: Simulator
) -> None:
    mine = [client.allocations.create(sku=SKU, gpus_total=1) for _ in range(2)]
    tagged = client.allocations.create(sku=SKU, gpus_total=1, labels={"run": "n42"})
    done = client.allocations.create(sku=SKU, gpus_total=1).release()
    with Client(base_url, auth=DevPasswordAuth("dev-user", "dev123")) as other:
        theirs = other.allocations.create(sku=SKU, gpus_total=1)
        their_tagged = other.allocations.create(sku=SKU, gpus_total=1, labels={"run": "n42"})

        released = client.allocations.release_all(created_by_this_client=True)
        assert {a.id for a in released} == {a.id for a in [*mine, tagged]}
        assert all(a.status == "releasing" for a in released)
        assert state(sim, theirs.id) == ("active", None)
        assert done.id not in {a.id for a in released}

        by_label = other.allocations.release_all(labels={"run": "n42"})
        assert [a.id for a in by_label] == [their_tagged.id]
        assert [a.id for a in other.allocations.list(labels={"run": "n42"})] == [
            their_tagged.id,
            tagged.id,
        ]
        assert state(sim, theirs.id) == ("active", None)
        with pytest.raises(ArgumentError, match="does not release every allocation"):
            other.allocations.release_all()


def test_release_all_created_by_a_principal_reaches_what_other_processes_made(
    client: Client, base_url: str, sim: Simulator
) -> None:
    with Client(base_url, auth=DevPasswordAuth("admin-user", "admin123")) as admin:
        admins = admin.allocations.create(sku=SKU, gpus_total=1)
        admin_id = admin.auth.whoami().principal_id
    mine = [client.allocations.create(sku=SKU, gpus_total=1) for _ in range(2)]
    dev = client.auth.whoami().principal_id
    assert {a.created_by for a in [*mine, admins]} == {dev, admin_id}

    with Client(base_url, auth=DevPasswordAuth("dev-user", "dev123")) as later:  # a new process
        assert later.allocations.release_all(created_by_this_client=True) == []
        listed = [a.id for a in later.allocations.list(created_by=dev)]
        released = later.allocations.release_all(created_by=dev)

    assert listed == [mine[1].id, mine[0].id]  # newest first, the admin's left out
    assert [a.id for a in released] == listed
    assert state(sim, admins.id) == ("active", None)


def test_async_release_all(async_client: Callable[[], AsyncClient], sim: Simulator) -> None:
    async def main() -> tuple[set[str], set[str]]:
        async with async_client() as client:
            made = {
                (await client.allocations.create(sku=SKU, gpus_total=1, labels={"k": "v"})).id
                for _ in range(3)
            }
            released = await client.allocations.release_all(
                created_by_this_client=True, labels={"k": "v"}
            )
            me = (await client.auth.whoami()).principal_id
            assert [a async for a in client.allocations.list(created_by=me, status="active")] == []
            assert await client.allocations.release_all(created_by=me) == []
            return made, {a.id for a in released}

    made, released = asyncio.run(main())
    assert made == released
    assert {state(sim, a) for a in made} == {("releasing", "requested")}


def test_orphans_are_lapsed_leases_and_old_allocations(
    client: Client, base_url: str, sim: Simulator
) -> None:
    old = client.allocations.create(sku=SKU, gpus_total=2)
    with Client(base_url, auth=DevPasswordAuth("dev-user", "dev123")) as holder:
        lapsed = holder.allocations.create(sku=SKU, gpus_total=1, lease_seconds=60)
    sim.clock.advance(120)  # the holder is gone: its lease ran out; the grace runs
    fresh = client.allocations.create(sku=SKU, gpus_total=1)

    found = client.allocations.orphans(older_than=100)

    assert [(o.allocation.id, o.reason) for o in found] == [
        (lapsed.id, "lease_lapsed"),
        (old.id, "too_old"),
    ]
    assert [(o.cost_per_hour_minor, o.currency) for o in found] == [(349, "USD"), (698, "USD")]
    assert timedelta(seconds=119) <= found[1].age <= timedelta(seconds=121)  # `Date`: to the second
    assert [o.allocation.id for o in client.allocations.orphans()] == [lapsed.id]
    assert fresh.id not in {o.allocation.id for o in found}
    with pytest.raises(ArgumentError, match="older_than"):
        client.allocations.orphans(older_than=0)


def test_async_orphans(async_client: Callable[[], AsyncClient], sim: Simulator) -> None:
    async def main() -> list[str]:
        async with async_client() as client:
            old = await client.allocations.create(sku=SKU, gpus_total=1)
            sim.clock.advance(3600)
            await client.allocations.create(sku=SKU, gpus_total=1)
            found = await client.allocations.orphans(older_than=timedelta(minutes=30))
            return [old.id] + [o.allocation.id for o in found]

    old, *found = asyncio.run(main())
    assert found == [old]
