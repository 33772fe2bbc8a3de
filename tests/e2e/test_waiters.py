"""Waiters against the simulator over loopback: events, poll hints, faults, SSH; sync and async.

Counting requests in `sim.requests_log` shows *how* a wait got its answer: a wait
driven by events makes one GET per announced change (plus the first), a wait that
honours poll hints makes one GET per transition, and a backoff-only wait would make
more than either.
"""

import asyncio
import shlex
import socket
import threading
import time
from collections.abc import Callable

import pytest

from gpuaas_sdk import AsyncClient, Client
from gpuaas_sdk.auth import DevPasswordAuth
from gpuaas_sdk.errors import AllocationNotActive, ResourceFailedError, WaitTimeoutError
from gpuaas_sim import SimConfig, Simulator
from gpuaas_sim.runtime.faults import Fault
from gpuaas_sim.runtime.sshd import BANNER

SKU = "h200-sxm-slice"
STREAM = "/v1/events/stream"
SLOW = SimConfig(clock_speed=1, provisioning_delay=1000, activation_delay=1000)
"""Transitions 1000 real seconds apart: only an event (after `clock.advance`) ends a wait soon."""


def gets_of(sim: Simulator, allocation_id: str) -> int:
    path = f"/v1/allocations/{allocation_id}"
    return sum(1 for r in list(sim.requests_log) if r.method == "GET" and r.path == path)


def streams_opened(sim: Simulator) -> int:
    return sum(1 for r in list(sim.requests_log) if r.path == STREAM)


def eventually(condition: Callable[[], bool], what: str, limit: float = 20.0) -> None:
    """Spin until `condition` holds (a liveness bound, not a performance claim)."""
    until = time.monotonic() + limit
    while not condition():
        if time.monotonic() > until:
            raise AssertionError(f"never happened: {what}")
        time.sleep(0.005)


async def eventually_async(condition: Callable[[], bool], what: str, limit: float = 20.0) -> None:
    """The async twin of `eventually`."""
    for _ in range(int(limit / 0.005)):
        if condition():
            return
        await asyncio.sleep(0.005)
    raise AssertionError(f"never happened: {what}")


class Background:
    """Run a blocking call in a daemon thread; a broken waiter cannot hang the test run."""

    def __init__(self, call: Callable[[], object]) -> None:
        self.result: object = None
        self.error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, args=(call,), daemon=True)
        self._thread.start()

    def _run(self, call: Callable[[], object]) -> None:
        try:
            self.result = call()
        except BaseException as exc:  # handed to the test
            self.error = exc

    def join(self, limit: float = 20.0) -> object:
        self._thread.join(limit)
        assert not self._thread.is_alive(), f"the call did not return within {limit}s"
        if self.error is not None:
            raise self.error
        return self.result


@pytest.fixture
def async_client(base_url: str) -> Callable[[], AsyncClient]:
    def make() -> AsyncClient:
        return AsyncClient(base_url, auth=DevPasswordAuth("dev-user", "dev123"))

    return make


# -- events ---------------------------------------------------------------------------


@pytest.mark.parametrize("sim_config", [SLOW])
def test_a_wait_returns_on_the_event_with_a_confirming_get(sim, client):
    alloc = client.allocations.create(sku=SKU, gpus_total=1)
    wait = Background(lambda: client.allocations.wait_for(alloc.id, timeout=600))
    eventually(lambda: streams_opened(sim) == 1 and gets_of(sim, alloc.id) == 1, "stream + GET")

    sim.clock.advance(2000)  # pending -> provisioning -> active, announced on the stream
    final = wait.join()

    assert final.status == "active" and final.connection is not None
    # the first GET, then one or two confirming GETs (both changes may come in one read)
    assert gets_of(sim, alloc.id) in (2, 3)
    assert streams_opened(sim) == 1


@pytest.mark.parametrize("sim_config", [SLOW])
def test_async_a_wait_returns_on_the_event_with_a_confirming_get(sim, async_client):
    async def main() -> str:
        async with async_client() as client:
            alloc = await client.allocations.create(sku=SKU, gpus_total=1)
            task = asyncio.create_task(client.allocations.wait_for(alloc.id, timeout=600))
            await eventually_async(
                lambda: streams_opened(sim) == 1 and gets_of(sim, alloc.id) == 1, "stream + GET"
            )
            sim.clock.advance(2000)
            final = await asyncio.wait_for(task, 20)
            assert gets_of(sim, alloc.id) in (2, 3)
            return str(final.status)

    assert asyncio.run(main()) == "active"


FROZEN = SimConfig(clock_speed=0)
"""No hints (nothing changes by itself): a polling waiter backs off, 0.25-0.5 s first."""


@pytest.mark.parametrize("sim_config", [FROZEN])
def test_a_refused_stream_falls_back_to_polling(sim, client):
    sim.faults.add(Fault(kind="status", status=404, path=STREAM, times=None))
    alloc = client.allocations.create(sku=SKU, gpus_total=1)

    wait = Background(lambda: client.allocations.wait_for(alloc.id, timeout=600))
    eventually(lambda: gets_of(sim, alloc.id) >= 2, "a second poll")
    sim.clock.advance(3)

    assert wait.join().status == "active"
    assert streams_opened(sim) >= 1  # it was tried, refused, and the wait went on


@pytest.mark.parametrize("sim_config", [FROZEN])
def test_async_a_refused_stream_falls_back_to_polling(sim, async_client):
    sim.faults.add(Fault(kind="status", status=403, path=STREAM, times=None))

    async def main() -> str:
        async with async_client() as client:
            alloc = await client.allocations.create(sku=SKU, gpus_total=1)
            task = asyncio.create_task(client.allocations.wait_for(alloc.id, timeout=600))
            await eventually_async(lambda: gets_of(sim, alloc.id) >= 2, "a second poll")
            sim.clock.advance(3)
            return str((await asyncio.wait_for(task, 20)).status)

    assert asyncio.run(main()) == "active"


def test_a_finished_wait_leaves_no_stream_reader_behind(client):
    alloc = client.allocations.create(sku=SKU, gpus_total=1)

    client.allocations.wait_for(alloc.id, timeout=60)

    eventually(
        lambda: not any(t.name == "gpuaas-waiter-events" for t in threading.enumerate()),
        "the reader thread ended",
    )


def test_async_an_app_instance_wait_follows_its_events(sim, async_client):
    async def main() -> str:
        async with async_client() as client:
            alloc = await client.allocations.create(sku=SKU, gpus_total=1)
            await client.allocations.wait_for(alloc.id, timeout=60)
            await client.load_context()
            inst = await client.apps.instances.create(
                app_slug="jupyter-cuda-dev",
                project_id=client.context.project_id,
                target_allocation_id=alloc.id,
            )
            running = await client.apps.instances.wait_for(inst.id, timeout=60)
            return str(running.status)

    assert asyncio.run(main()) == "running"
    assert streams_opened(sim) >= 2


# -- poll hints, faults, failures, timeouts -------------------------------------------


HINTED = SimConfig(clock_speed=1, provisioning_delay=1.0, activation_delay=1.0)


@pytest.mark.parametrize("sim_config", [HINTED])
def test_polling_honours_the_servers_hint_one_get_per_transition(sim, client):
    alloc = client.allocations.create(sku=SKU, gpus_total=1)

    final = client.allocations.wait_for(alloc.id, timeout=60, use_events=False)

    # pending (hint: 1 s) -> provisioning (hint: 1 s) -> active. Backoff alone
    # (0.25-0.5 s, then 0.5-1 s, ...) would have seen `pending` at least twice.
    assert final.status == "active"
    assert gets_of(sim, alloc.id) == 3


@pytest.mark.parametrize("sim_config", [HINTED])
def test_async_polling_honours_the_servers_hint(sim, async_client):
    async def main() -> str:
        async with async_client() as client:
            alloc = await client.allocations.create(sku=SKU, gpus_total=1)
            final = await client.allocations.wait_for(alloc.id, timeout=60, use_events=False)
            assert gets_of(sim, alloc.id) == 3
            return str(final.status)

    assert asyncio.run(main()) == "active"


def test_throttled_polls_do_not_end_the_wait(sim, base_url):
    with Client(base_url, auth=DevPasswordAuth("dev-user", "dev123"), max_retries=0) as client:
        alloc = client.allocations.create(sku=SKU, gpus_total=1)
        path = f"/v1/allocations/{alloc.id}"
        sim.faults.add(Fault(kind="status", status=429, method="GET", path=path, times=2))

        final = client.allocations.wait_for(alloc.id, timeout=60, use_events=False)

    assert final.status == "active"
    assert sim.faults.take("GET", path) is None  # both throttles were met and survived


def test_async_throttled_polls_do_not_end_the_wait(sim, base_url):
    async def main() -> str:
        auth = DevPasswordAuth("dev-user", "dev123")
        async with AsyncClient(base_url, auth=auth, max_retries=0) as client:
            alloc = await client.allocations.create(sku=SKU, gpus_total=1)
            path = f"/v1/allocations/{alloc.id}"
            sim.faults.add(Fault(kind="status", status=429, method="GET", path=path, times=2))
            return str((await client.allocations.wait_for(alloc.id, timeout=60)).status)

    assert asyncio.run(main()) == "active"


@pytest.mark.parametrize("sim_config", [SimConfig(clock_speed=50, failing_skus={SKU})])
def test_a_failure_raises_with_the_reason(client):
    alloc = client.allocations.create(sku=SKU, gpus_total=1)

    with pytest.raises(ResourceFailedError) as caught:
        client.allocations.wait_for(alloc.id, timeout=60)

    assert caught.value.state == "failed"
    assert caught.value.reason and "Provisioning failed" in caught.value.reason


@pytest.mark.parametrize("sim_config", [SimConfig(clock_speed=50, failing_skus={SKU})])
def test_async_a_failure_raises_with_the_reason(async_client):
    async def main() -> None:
        async with async_client() as client:
            alloc = await client.allocations.create(sku=SKU, gpus_total=1)
            await client.allocations.wait_for(alloc.id, timeout=60)

    with pytest.raises(ResourceFailedError, match="Provisioning failed"):
        asyncio.run(main())


@pytest.mark.parametrize("sim_config", [SimConfig(clock_speed=0)])
@pytest.mark.parametrize("use_events", [True, False])
def test_the_timeout_carries_the_last_state(client, use_events):
    alloc = client.allocations.create(sku=SKU, gpus_total=1)

    with pytest.raises(WaitTimeoutError) as caught:
        client.allocations.wait_for(alloc.id, timeout=0.5, use_events=use_events)

    assert caught.value.state == "pending"
    assert caught.value.resource.id == alloc.id


@pytest.mark.parametrize("sim_config", [SimConfig(clock_speed=0)])
def test_async_the_timeout_carries_the_last_state(async_client):
    async def main() -> None:
        async with async_client() as client:
            alloc = await client.allocations.create(sku=SKU, gpus_total=1)
            await client.allocations.wait_for(alloc.id, timeout=0.5)

    with pytest.raises(WaitTimeoutError, match="last state pending"):
        asyncio.run(main())


def test_an_app_instance_wait_follows_its_events(sim, client):
    alloc = client.allocations.wait_for(
        client.allocations.create(sku=SKU, gpus_total=1).id, timeout=60
    )
    inst = client.apps.instances.create(
        app_slug="jupyter-cuda-dev",
        project_id=client.context.project_id,
        target_allocation_id=alloc.id,
    )

    running = client.apps.instances.wait_for(inst.id, timeout=60)

    assert running.status == "running"
    assert streams_opened(sim) >= 1


# -- SSH ------------------------------------------------------------------------------


FROZEN_SSH = SimConfig(clock_speed=0, ssh_ready_delay=5)


@pytest.mark.parametrize("sim_config", [FROZEN_SSH])
def test_ssh_command_points_at_the_allocations_ssh_endpoint(sim, client):
    alloc = client.allocations.create(sku=SKU, gpus_total=1)
    with pytest.raises(AllocationNotActive):
        client.allocations.ssh_command(alloc.id)
    sim.clock.advance(3)

    line = client.allocations.ssh_command(alloc.id, identity_file="~/.ssh/id ed25519")

    port = sim.allocation_book.sshd.port_of(alloc.id)
    assert shlex.split(line) == [
        "ssh",
        "-p",
        str(port),
        "-i",
        "~/.ssh/id ed25519",
        "ubuntu@127.0.0.1",
    ]


@pytest.mark.parametrize("sim_config", [FROZEN_SSH])
def test_wait_for_ssh_returns_only_once_the_banner_answers(sim, client):
    alloc = client.allocations.create(sku=SKU, gpus_total=1)
    sim.clock.advance(3)  # active, but sshd needs 5 more simulated seconds

    with pytest.raises(WaitTimeoutError, match="closed without an SSH banner"):
        client.allocations.wait_for_ssh(alloc.id, timeout=0.5)

    sim.clock.advance(5)
    connection = client.allocations.wait_for_ssh(alloc.id, timeout=30)

    assert (connection.ssh_host, connection.ssh_port) == (
        "127.0.0.1",
        sim.allocation_book.sshd.port_of(alloc.id),
    )
    with socket.create_connection((connection.ssh_host, connection.ssh_port), 5) as sock:
        assert sock.recv(64) == BANNER


@pytest.mark.parametrize("sim_config", [FROZEN_SSH])
def test_async_wait_for_ssh_returns_only_once_the_banner_answers(sim, async_client):
    async def main() -> int:
        async with async_client() as client:
            alloc = await client.allocations.create(sku=SKU, gpus_total=1)
            sim.clock.advance(3)
            with pytest.raises(WaitTimeoutError, match="did not answer"):
                await client.allocations.wait_for_ssh(alloc.id, timeout=0.5)
            sim.clock.advance(5)
            connection = await client.allocations.wait_for_ssh(alloc.id, timeout=30)
            assert await client.allocations.ssh_command(alloc.id) == (
                f"ssh -p {connection.ssh_port} ubuntu@127.0.0.1"
            )
            return connection.ssh_port

    assert asyncio.run(main()) > 0


@pytest.mark.parametrize("sim_config", [FROZEN_SSH])
def test_the_ssh_listener_closes_when_the_allocation_is_released(sim, client):
    alloc = client.allocations.create(sku=SKU, gpus_total=1)
    sim.clock.advance(8)
    connection = client.allocations.wait_for_ssh(alloc.id, timeout=30)

    client.allocations.release(alloc.id)
    sim.clock.advance(10)

    eventually(lambda: refused(connection.ssh_host, connection.ssh_port), "listener closed")


@pytest.mark.parametrize("sim_config", [FROZEN_SSH])
def test_reset_and_close_close_every_ssh_listener(sim, client, base_url):
    first = client.allocations.create(sku=SKU, gpus_total=1)
    first_port = sim.allocation_book.sshd.port_of(first.id)
    sim.reset()
    assert refused("127.0.0.1", first_port)

    with Client(base_url, auth=DevPasswordAuth("dev-user", "dev123")) as fresh:
        second = fresh.allocations.create(sku=SKU, gpus_total=1)
    second_port = sim.allocation_book.sshd.port_of(second.id)
    sim.close()

    assert refused("127.0.0.1", second_port)


def refused(host: str, port: int | None) -> bool:
    assert port is not None
    try:
        socket.create_connection((host, port), 5).close()
    except ConnectionRefusedError:
        return True
    return False
