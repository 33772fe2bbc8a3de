"""Readiness in one call (active -> SSH answers -> the app runs) and allocation logs, sync and
async, against the simulator over loopback."""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import Callable, Iterable

import pytest
from gpuaas_api.models import AllocationLogLine

from gpuaas_sdk import AsyncClient, Client
from gpuaas_sdk.auth import DevPasswordAuth
from gpuaas_sdk.errors import ReadinessTimeoutError, WaitTimeoutError
from gpuaas_sim import SimConfig, Simulator
from gpuaas_sim.runtime.sshd import BANNER

SKU = "h200-sxm-slice"
NO_SSH = SimConfig(clock_speed=50, ssh_ready_delay=1_000_000)
"""Active at once, but its SSH port never answers."""
NEVER = SimConfig(clock_speed=1, provisioning_delay=10_000)


@pytest.fixture
def async_client(base_url: str) -> Callable[[], AsyncClient]:
    return lambda: AsyncClient(base_url, auth=DevPasswordAuth("dev-user", "dev123"))


def banner_of(host: str, port: int) -> bytes:
    with socket.create_connection((host, port), timeout=5) as sock:
        return sock.recv(64)


# -- wait_until_ready ---------------------------------------------------------------------


def test_ready_means_active_and_ssh_answers(client: Client) -> None:
    alloc = client.allocations.create(sku=SKU, gpus_total=1)

    assert alloc.wait_until_ready(timeout=30) is alloc

    assert alloc.status == "active" and alloc.connection is not None
    assert banner_of(alloc.connection.ssh_host, alloc.connection.ssh_port) == BANNER


def test_ready_can_include_an_app_instance(client: Client) -> None:
    alloc = client.allocations.create(sku=SKU, gpus_total=1).wait_until_ready(timeout=30)
    inst = client.apps.instances.create(
        app_slug="jupyter-cuda-dev",
        project_id=client.load_context().project_id,
        target_allocation_id=alloc.id,
    )

    alloc.wait_until_ready(app=inst, timeout=30)

    assert inst.status == "running"  # the instance's handle was refreshed too
    assert (
        client.allocations.create(sku=SKU, gpus_total=1)
        .wait_until_ready(ssh=False, app=None, timeout=30)
        .status
        == "active"
    )


@pytest.mark.parametrize("sim_config", [NO_SSH])
def test_a_timeout_says_which_stage_it_reached(client: Client) -> None:
    alloc = client.allocations.create(sku=SKU, gpus_total=1)

    with pytest.raises(TimeoutError) as caught:
        alloc.wait_until_ready(timeout=1.0)

    error = caught.value
    assert isinstance(error, ReadinessTimeoutError) and isinstance(error, WaitTimeoutError)
    assert (error.stage, error.waiting_for, error.state) == ("active", "ssh", "active")
    assert "reached 'active' and waited for 'ssh'" in str(error)


@pytest.mark.parametrize("sim_config", [NEVER])
def test_a_timeout_while_provisioning_reports_the_allocation_state(client: Client) -> None:
    alloc = client.allocations.create(sku=SKU, gpus_total=1)

    with pytest.raises(ReadinessTimeoutError) as caught:
        alloc.wait_until_ready(timeout=0.5)

    assert (caught.value.stage, caught.value.waiting_for) == ("allocated", "active")
    assert caught.value.state == "pending"


@pytest.mark.parametrize("sim_config", [NO_SSH])
def test_async_readiness_and_its_timeout(async_client: Callable[[], AsyncClient]) -> None:
    async def main() -> ReadinessTimeoutError:
        async with async_client() as client:
            alloc = await client.allocations.create(sku=SKU, gpus_total=1)
            assert (await alloc.wait_until_ready(ssh=False, timeout=30)).status == "active"
            with pytest.raises(ReadinessTimeoutError) as caught:
                await alloc.wait_until_ready(timeout=1.0)
            return caught.value

    error = asyncio.run(main())
    assert (error.stage, error.waiting_for, error.state) == ("active", "ssh", "active")


def test_async_ready_with_ssh_and_an_app(async_client: Callable[[], AsyncClient]) -> None:
    async def main() -> tuple[bytes, str]:
        async with async_client() as client:
            alloc = await client.allocations.create(sku=SKU, gpus_total=1)
            await alloc.wait_until_ready(timeout=30)
            assert alloc.connection is not None
            context = await client.load_context()
            inst = await client.apps.instances.create(
                app_slug="jupyter-cuda-dev",
                project_id=context.project_id,
                target_allocation_id=alloc.id,
            )
            await alloc.wait_until_ready(app=inst.id, timeout=30)
            banner = await asyncio.to_thread(
                banner_of, alloc.connection.ssh_host, alloc.connection.ssh_port
            )
            return banner, str((await inst.refresh()).status)

    assert asyncio.run(main()) == (BANNER, "running")


# -- logs -----------------------------------------------------------------------------------


def test_logs_follow_the_boot_until_the_release(client: Client, sim: Simulator) -> None:
    alloc = client.allocations.create(sku=SKU, gpus_total=1, lease_seconds=600)
    followed: list[str] = []
    follower = threading.Thread(
        target=lambda: followed.extend(shown(alloc.logs(follow=True))), daemon=True
    )
    follower.start()

    alloc.wait_until_ready(timeout=30)
    alloc.release()
    follower.join(20)

    assert not follower.is_alive(), "following ends with the allocation"
    assert followed[0].startswith("pending: Accepted: 1 x h200-sxm-slice")
    assert "active: sshd: accepting connections for ubuntu" in followed
    assert followed[-1] == "released: Released: GPUs wiped and returned to the pool"
    assert shown(client.allocations.logs(alloc.id)) == followed
    assert shown(alloc.logs(tail=2)) == followed[-2:]
    assert shown(alloc.logs(follow=True, tail=1)) == followed[-1:]


def shown(lines: Iterable[AllocationLogLine]) -> list[str]:
    return [f"{line.status}: {line.line}" for line in lines]


def test_async_logs(async_client: Callable[[], AsyncClient]) -> None:
    async def main() -> tuple[list[str], list[str]]:
        async with async_client() as client:
            alloc = await client.allocations.create(sku=SKU, gpus_total=1)
            follow = asyncio.create_task(_collect(alloc.logs(follow=True)))
            await alloc.wait_until_ready(timeout=30)
            await alloc.release()
            followed = await asyncio.wait_for(follow, 20)
            tail = await _collect(client.allocations.logs(alloc.id, tail=3))
            return followed, tail

    followed, tail = asyncio.run(main())
    assert followed[0].startswith("Accepted:") and followed[-1].startswith("Released:")
    assert tail == followed[-3:]


async def _collect(lines) -> list[str]:  # type: ignore[no-untyped-def]
    return [line.line async for line in lines]
