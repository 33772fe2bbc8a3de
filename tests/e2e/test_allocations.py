"""The allocation lifecycle through the facade, sync and async, over real HTTP."""

import asyncio
import os
import subprocess
import sys
from pathlib import Path

import pytest
from gpuaas_api.api.allocations import get_allocation

from gpuaas_sdk import AsyncClient
from gpuaas_sdk.auth import DevPasswordAuth
from gpuaas_sdk.errors import AllocationNotActive, ResourceFailedError, SKUNotFound, ValidationError
from gpuaas_sim import SimConfig

ROOT = Path(__file__).resolve().parents[2]


def test_create_wait_mint_and_release(client):
    alloc = client.allocations.create(
        sku="h200-sxm-slice", gpus_total=2, region_code="us-buffalo-1"
    )

    active = client.allocations.wait_for(alloc.id, states={"active"}, timeout=30)
    token = client.allocations.mint_terminal_token(alloc.id)
    released = client.allocations.release(alloc.id)
    gone = client.allocations.wait_for(alloc.id, states={"released"}, timeout=30)

    assert active.connection is not None and active.connection.ssh_port > 0
    assert token.expires_in > 0 and alloc.id in token.ws_url
    assert released.status in {"releasing", "released"}
    assert gone.status == "released" and gone.connection is None


def test_a_terminal_token_needs_an_active_allocation(client):
    alloc = client.allocations.create(sku="h200-sxm-slice", gpus_total=1)
    client.allocations.release(alloc.id)

    with pytest.raises(AllocationNotActive):
        client.allocations.mint_terminal_token(alloc.id)


def test_bad_requests_come_back_as_typed_errors(client):
    with pytest.raises(SKUNotFound):
        client.allocations.create(sku="no-such-sku", gpus_total=1)
    with pytest.raises(ValidationError) as caught:
        client.allocations.create(sku="h200-sxm-slice", gpus_total=0)
    assert caught.value.details["errors"]


def test_lists_walk_every_page(client):
    ids = {client.allocations.create(sku="h200-sxm-slice", gpus_total=1).id for _ in range(5)}

    listed = [a.id for a in client.allocations.list(page_size=2)]

    assert set(listed) == ids and len(listed) == 5


def test_the_generated_layer_works_through_the_clients_auth(client):
    alloc = client.allocations.create(sku="h200-sxm-slice", gpus_total=1)

    fetched = get_allocation.sync(client=client.raw, allocation_id=alloc.id)

    assert fetched is not None and fetched.id == alloc.id


class TestFailingProvisioning:
    @pytest.fixture
    def sim_config(self):
        return SimConfig(clock_speed=50, failing_skus=frozenset({"h200-sxm-slice"}))

    def test_a_waiter_fails_fast_with_the_reason(self, client):
        alloc = client.allocations.create(sku="h200-sxm-slice", gpus_total=1)

        with pytest.raises(ResourceFailedError) as caught:
            client.allocations.wait_for(alloc.id, states={"active"}, timeout=30)

        assert caught.value.state == "failed"
        assert caught.value.reason

    def test_a_waiter_that_asks_for_failed_returns_it(self, client):
        alloc = client.allocations.create(sku="h200-sxm-slice", gpus_total=1)

        final = client.allocations.wait_for(alloc.id, states={"active", "failed"}, timeout=30)

        assert final.status == "failed" and final.failure_reason


def test_the_async_client_runs_the_same_lifecycle(base_url):
    async def lifecycle() -> tuple[str, str, str]:
        async with AsyncClient(base_url, auth=DevPasswordAuth("dev-user", "dev123")) as client:
            context = await client.load_context()
            allocs = await asyncio.gather(
                *(client.allocations.create(sku="h200-sxm-slice", gpus_total=1) for _ in range(4))
            )
            finals = await asyncio.gather(
                *(client.allocations.wait_for(a.id, timeout=30) for a in allocs)
            )
            listed = [a.id async for a in client.allocations.list(page_size=3)]
            assert sorted(listed) == sorted(a.id for a in allocs)
            released = await client.allocations.release(allocs[0].id)
            return (
                context.project_id or "",
                {str(f.status) for f in finals}.pop(),
                str(released.status),
            )

    project, state, released = asyncio.run(lifecycle())

    assert project == "prj-default"
    assert state == "active"
    assert released in {"releasing", "released"}


def test_the_quickstart_example_runs(env):
    result = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "quickstart.py")],
        capture_output=True,
        text=True,
        timeout=120,
        env=os.environ.copy(),
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert "logged in as dev-user" in result.stdout
    assert "active: ssh -p" in result.stdout
    assert "released allocation" in result.stdout


def test_find_chooses_the_cheapest_sku_and_its_placement_can_be_allocated(client):
    placement = client.catalog.find("gpu:80gb:2")

    assert placement is not None
    alloc = client.allocations.create(
        sku=placement.sku.id, gpus_total=placement.gpus_total, region_code=placement.region_code
    )
    assert alloc.sku == placement.sku.id
    assert all(
        s.price_per_gpu_hour_minor >= placement.sku.price_per_gpu_hour_minor
        for s in client.catalog.list_skus(min_gpu_memory_gb=80)
    )
    assert client.catalog.find("h200:9") is None


def test_the_smoke_check_reports_health_identity_and_balance(env):
    result = subprocess.run(
        [sys.executable, "-m", "gpuaas_sdk"],
        capture_output=True,
        text=True,
        timeout=60,
        env=os.environ.copy(),
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("health: ok")
    assert lines[1].startswith("whoami: dev-user (human) in tenant tnt-acme")
    assert lines[2].startswith("balance: ") and lines[2].endswith(" USD")


def test_the_smoke_check_fails_clearly_without_credentials(monkeypatch, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("GPUAAS_")}
    env["XDG_CONFIG_HOME"] = str(tmp_path)

    result = subprocess.run(
        [sys.executable, "-m", "gpuaas_sdk"], capture_output=True, text=True, env=env, check=False
    )

    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.startswith("credentials: FAILED: no GPUaaS credentials found")
