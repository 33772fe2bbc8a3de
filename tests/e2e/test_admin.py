"""`client.nodes`, `client.ops` and `client.audit` against the simulator, sync and async."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from gpuaas_sdk import AsyncClient, Client
from gpuaas_sdk.auth import DevPasswordAuth
from gpuaas_sdk.errors import (
    ArgumentError,
    InsufficientPermissions,
    InvalidState,
    NodeNotFound,
    SKUUnavailable,
)
from gpuaas_sim import Simulator
from gpuaas_sim.platform.identity import Principal

OPS = Principal("usr-ops", "human", "ops", "tnt-platform", None, ("platform_admin",), ())


@pytest.fixture
def sim(sim_config) -> Iterator[Simulator]:
    simulator = Simulator(sim_config)
    simulator.identity.add_user("ops", "ops-pw", OPS)
    yield simulator
    simulator.close()


@pytest.fixture
def admin(base_url: str) -> Iterator[Client]:
    with Client(base_url, auth=DevPasswordAuth("ops", "ops-pw")) as c:
        yield c


def test_non_admins_get_insufficient_permissions(client: Client) -> None:
    with pytest.raises(InsufficientPermissions):
        next(iter(client.nodes.list()))
    with pytest.raises(InsufficientPermissions):
        client.ops.overview()
    with pytest.raises(InsufficientPermissions):
        client.nodes.drain("node-buf1-h200-01", reason="no")
    with pytest.raises(InsufficientPermissions):
        list(client.audit.list())


def test_nodes_list_get_and_drain(admin: Client, client: Client) -> None:
    every = list(admin.nodes.list(page_size=4))
    helsinki = list(admin.nodes.list(region_code="eu-helsinki-1"))

    assert len(every) > 4
    assert {n.region_code for n in helsinki} == {"eu-helsinki-1"}
    assert admin.nodes.get(every[0].id).id == every[0].id
    with pytest.raises(NodeNotFound):
        admin.nodes.get("node-nope")

    allocation = client.allocations.create(
        sku="l40s-slice", gpus_total=2, region_code="eu-helsinki-1"
    )
    [busy] = [n for n in admin.nodes.list(region_code="eu-helsinki-1") if n.gpus_allocated]
    draining = admin.nodes.drain(busy.id, reason="Replace PSU (OPS-7)")
    assert str(draining.status) == "draining"
    assert draining.drain_reason == "Replace PSU (OPS-7)"
    with pytest.raises(InvalidState) as caught:
        admin.nodes.drain(busy.id, reason="again")
    assert caught.value.details["state"] == "draining"

    client.allocations.release(allocation.id)
    client.allocations.wait_for(allocation.id, states={"released"}, timeout=30)
    assert str(admin.nodes.get(busy.id).status) == "drained"
    assert [n.id for n in admin.nodes.list(status="drained")] == [busy.id]


def test_ops_overview_reflects_allocations(admin: Client, client: Client) -> None:
    before = admin.ops.overview()
    client.allocations.create(sku="h200-sxm-slice", gpus_total=3)

    after = admin.ops.overview()

    assert after.gpus_allocated == before.gpus_allocated + 3
    assert after.gpus_total == sum(n.gpus_total for n in admin.nodes.list())
    counts = after.allocations_by_status
    assert counts.pending + counts.provisioning + counts.active == 1
    assert after.nodes_by_status.ready == len(list(admin.nodes.list()))


def test_audit_export_filters_and_validates(admin: Client, client: Client) -> None:
    start = datetime.now(UTC) - timedelta(minutes=1)
    webhook = client.webhooks.create(url="http://127.0.0.1:9/h", event_types=["*"]).webhook
    admin.nodes.drain("node-buf1-h200-01", reason="firmware")

    events = list(admin.audit.list(since=start, page_size=1))

    assert [(e.action, e.resource_id) for e in events] == [
        ("webhook.create", webhook.id),
        ("node.drain", "node-buf1-h200-01"),
    ]
    assert [e.action for e in admin.audit.list(actor_id="usr-ops")] == ["node.drain"]
    assert list(admin.audit.list(since="2000-01-01T00:00:00Z", until="2000-01-02T00:00:00Z")) == []
    with pytest.raises(ArgumentError):
        admin.audit.list(since="2026-04-02T00:00:00Z", until="2026-04-01T00:00:00Z")
    with pytest.raises(ArgumentError):
        admin.audit.list(since=datetime(2026, 4, 1))  # no offset: ambiguous


def test_the_async_client_administers(base_url: str) -> None:
    async def scenario() -> tuple[int, str, list[str], int]:
        async with AsyncClient(base_url, auth=DevPasswordAuth("ops", "ops-pw")) as admin:
            nodes = [n async for n in admin.nodes.list(page_size=5)]
            node = await admin.nodes.get(nodes[-1].id)
            drained = await admin.nodes.drain(node.id, reason="async drain")
            actions = [e.action async for e in admin.audit.list(action="node.drain")]
            overview = await admin.ops.overview()
            return len(nodes), str(drained.status), actions, overview.nodes_by_status.drained

    count, status, actions, drained = asyncio.run(scenario())

    assert count > 5
    assert status == "drained"
    assert actions == ["node.drain"]
    assert drained == 1


def test_allocations_show_up_in_the_audit_log(admin: Client, client: Client) -> None:
    allocation = client.allocations.create(sku="l40s-slice", gpus_total=1)
    client.allocations.release(allocation.id)

    events = list(admin.audit.list(actor_id="usr-dev-user"))

    assert [(e.action, e.resource_id, str(e.outcome)) for e in events] == [
        ("allocation.create", allocation.id, "success"),
        ("allocation.release", allocation.id, "success"),
    ]


def test_drained_capacity_is_refused_async(base_url: str) -> None:
    async def scenario() -> list[str]:
        async with (
            AsyncClient(base_url, auth=DevPasswordAuth("ops", "ops-pw")) as admin,
            AsyncClient(base_url, auth=DevPasswordAuth("dev-user", "dev123")) as dev,
        ):
            helsinki = [n async for n in admin.nodes.list(region_code="eu-helsinki-1")]
            for node in helsinki:
                if node.gpu_model == "NVIDIA L40S":
                    await admin.nodes.drain(node.id, reason="rack move")
            with pytest.raises(SKUUnavailable):
                await dev.allocations.create(
                    sku="l40s-slice", gpus_total=1, region_code="eu-helsinki-1"
                )
            placed = await dev.allocations.create(sku="l40s-slice", gpus_total=1)
            return [placed.region_code]

    assert asyncio.run(scenario()) == ["us-buffalo-1"]
