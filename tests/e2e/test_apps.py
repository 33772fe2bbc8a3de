"""`client.apps` end to end, sync and async, over real HTTP against the simulator."""

import asyncio
import textwrap
import threading
import time
from collections.abc import Iterator

import pytest

from gpuaas_sdk import AsyncClient, Client
from gpuaas_sdk.auth import DevPasswordAuth
from gpuaas_sdk.errors import (
    AppNotEntitled,
    AppNotFound,
    ArgumentError,
    InsufficientPermissions,
    InvalidState,
    ResourceFailedError,
)
from gpuaas_sim import SimConfig

# The reference page's "App-instance lifecycle", verbatim.
APP_INSTANCE_LIFECYCLE = """
inst = client.apps.instances.create(
    app_slug="jupyter-cuda-dev",
    project_id=client.context.project_id,
    target_allocation_id=alloc.id,
)
client.apps.instances.wait_for(inst.id, states={"running", "failed"})

# add a worker member (e.g. Slurm)
client.apps.instances.members.add(
    instance_id=inst.id,
    allocation_id=alloc2.id,
    role="worker",
)

# stream events
for ev in client.apps.instances.events(inst.id, follow=True):
    print(ev.event_type, ev.payload)
"""


@pytest.fixture
def admin(base_url: str) -> Iterator[Client]:
    with Client(base_url, auth=DevPasswordAuth("admin-user", "admin123")) as c:
        yield c


def active(client: Client):
    alloc = client.allocations.create(sku="h200-sxm-slice", gpus_total=1)
    return client.allocations.wait_for(alloc.id, states={"active"}, timeout=30)


def test_the_seed_example_runs_as_written(client, capsys):
    namespace = {"client": client, "alloc": active(client), "alloc2": active(client)}
    release_when_running = threading.Thread(target=release_once_running, args=(client,))
    release_when_running.start()

    exec(compile(textwrap.dedent(APP_INSTANCE_LIFECYCLE), "<seed example>", "exec"), namespace)
    release_when_running.join()

    # The follow loop printed the app's events and ended when the instance was released.
    printed = capsys.readouterr().out
    assert "kernel.started" in printed and "member.ready" in printed
    inst = client.apps.instances.get(namespace["inst"].id)
    assert inst.status == "released"
    running = [
        e for e in client.apps.instances.history(inst.id) if getattr(e, "status", "") == "running"
    ]
    assert running


def release_once_running(client: Client) -> None:
    """Plays the user who closes the notebook: releases the instance once it has a worker."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        for inst in client.apps.instances.list():
            ready = [m for m in client.apps.instances.members.list(inst.id) if m.role == "worker"]
            if inst.status == "running" and ready and ready[0].status == "ready":
                client.apps.instances.release(inst.id)
                return
        time.sleep(0.05)


def test_stop_start_and_release(client):
    alloc = active(client)
    inst = client.apps.instances.create(
        app_slug="slurm-cluster", project_id="prj-default", target_allocation_id=alloc.id
    )
    client.apps.instances.wait_for(inst.id, timeout=30)

    client.apps.instances.stop(inst.id)
    stopped = client.apps.instances.wait_for(inst.id, states={"stopped"}, timeout=30)
    client.apps.instances.start(inst.id)
    running = client.apps.instances.wait_for(inst.id, states={"running"}, timeout=30)
    released = client.apps.instances.release(inst.id)

    assert stopped.status == "stopped" and stopped.endpoints == []
    assert running.status == "running"
    assert released.status == "released"
    assert list(client.apps.instances.members.list(inst.id)) == []
    assert [i.id for i in client.apps.instances.list(status="released")] == [inst.id]
    with pytest.raises(InvalidState):
        client.apps.instances.start(inst.id)


def test_an_app_needing_an_entitlement_is_refused_until_granted(client, admin):
    alloc = active(client)

    def create():
        return client.apps.instances.create(
            app_slug="triton-inference", project_id="prj-default", target_allocation_id=alloc.id
        )

    with pytest.raises(AppNotEntitled) as refused:
        create()
    with pytest.raises(InsufficientPermissions):
        client.apps.entitlements.grant("triton-inference", project_id="prj-default")
    grant = admin.apps.entitlements.grant("triton-inference", project_id="prj-default")
    inst = create()
    listed = list(client.apps.entitlements.list("triton-inference"))
    admin.apps.entitlements.revoke("triton-inference", grant.id)

    assert refused.value.status_code == 403 and refused.value.details["app_slug"]
    assert inst.status == "pending"
    assert [e.id for e in listed] == [grant.id]
    with pytest.raises(AppNotEntitled):
        create()


def test_the_waiter_fails_fast_when_the_head_allocation_goes(client):
    alloc = active(client)
    inst = client.apps.instances.create(
        app_slug="jupyter-cuda-dev", project_id="prj-default", target_allocation_id=alloc.id
    )
    client.apps.instances.wait_for(inst.id, states={"running"}, timeout=30)
    client.allocations.release(alloc.id)

    with pytest.raises(ResourceFailedError) as caught:
        client.apps.instances.wait_for(inst.id, states={"stopped"}, timeout=30)

    assert caught.value.state == "failed"
    assert alloc.id in caught.value.reason
    assert alloc.id in str(caught.value)


class TestFailingApp:
    @pytest.fixture
    def sim_config(self):
        return SimConfig(clock_speed=50, failing_apps=frozenset({"jupyter-cuda-dev"}))

    def test_the_waiter_raises_with_the_failure_reason(self, client):
        alloc = active(client)
        inst = client.apps.instances.create(
            app_slug="jupyter-cuda-dev", project_id="prj-default", target_allocation_id=alloc.id
        )

        with pytest.raises(ResourceFailedError) as caught:
            client.apps.instances.wait_for(inst.id, states={"running"}, timeout=30)

        assert caught.value.state == "failed"
        assert "exited during startup" in caught.value.reason


def test_event_history_holds_the_status_changes_in_order(client):
    alloc = active(client)
    inst = client.apps.instances.create(
        app_slug="jupyter-cuda-dev", project_id="prj-default", target_allocation_id=alloc.id
    )
    running = client.apps.instances.wait_for(inst.id, timeout=30)
    client.apps.instances.release(inst.id)

    history = list(client.apps.instances.history(inst.id, page_size=2))
    statuses = [e.status for e in history if e.type_ == "app_instance.status_changed"]
    kernel = [e for e in history if e.type_ == "app.event" and e.event_type == "kernel.started"]
    since_running = list(client.apps.instances.history(inst.id, since=running.updated_at))

    assert statuses == ["pending", "starting", "running", "released"]
    assert [int(e.id) for e in history] == sorted(int(e.id) for e in history)
    assert kernel and kernel[0].payload.additional_properties == {"kernel": "python3"}
    assert since_running[0].type_ == "app_instance.status_changed"
    assert since_running[0].status == "running"
    with pytest.raises(ArgumentError):
        client.apps.instances.history(inst.id, since="2026-04-01T00:00:00")


def test_catalog_artifacts_and_registration(client, admin):
    slugs = [m.slug for m in client.apps.catalog.list(page_size=1)]
    jupyter = client.apps.catalog.get("jupyter-cuda-dev")
    artifacts = list(client.apps.artifacts.list("jupyter-cuda-dev"))
    oldest = artifacts[-1]

    promoted = admin.apps.artifacts.promote("jupyter-cuda-dev", oldest.id, channel="dev")
    made = admin.apps.catalog.register(
        slug="vllm-serve",
        name="vLLM",
        version="0.6.0",
        category="inference",
        image="registry.example.com/vllm:0.6.0",
        ports=[{"name": "http", "port": 8000, "protocol": "http"}],
        roles=["head"],
    )

    assert {"jupyter-cuda-dev", "slurm-cluster", "triton-inference"} <= set(slugs)
    assert jupyter.entitlement_required is False
    assert [a.version for a in artifacts] == ["1.5.0-rc1", "1.4.0", "1.3.2"]
    assert promoted.channels == ["dev"]
    assert [a.id for a in client.apps.artifacts.list("jupyter-cuda-dev", channel="dev")] == [
        oldest.id
    ]
    assert client.apps.catalog.get("vllm-serve").ports[0].port == made.ports[0].port == 8000
    with pytest.raises(AppNotFound):
        client.apps.catalog.get("no-such-app")
    with pytest.raises(InsufficientPermissions):
        client.apps.artifacts.promote("jupyter-cuda-dev", oldest.id, channel="stable")


# -- async --------------------------------------------------------------------------


async def async_active(client: AsyncClient):
    alloc = await client.allocations.create(sku="h200-sxm-slice", gpus_total=1)
    return await client.allocations.wait_for(alloc.id, states={"active"}, timeout=30)


def test_async_the_seed_example_lifecycle_and_events(base_url):
    async def main():
        async with AsyncClient(base_url, auth=DevPasswordAuth("dev-user", "dev123")) as client:
            await client.load_context()
            alloc, alloc2 = await asyncio.gather(async_active(client), async_active(client))
            inst = await client.apps.instances.create(
                app_slug="jupyter-cuda-dev",
                project_id=client.context.project_id,
                target_allocation_id=alloc.id,
            )
            await client.apps.instances.wait_for(inst.id, states={"running", "failed"})
            member = await client.apps.instances.members.add(
                instance_id=inst.id, allocation_id=alloc2.id, role="worker"
            )
            await client.apps.instances.stop(inst.id)
            stopped = await client.apps.instances.wait_for(inst.id, states={"stopped"}, timeout=30)
            await client.apps.instances.start(inst.id)
            await client.apps.instances.wait_for(inst.id, timeout=30)
            await client.apps.instances.members.remove(instance_id=inst.id, allocation_id=alloc2.id)
            released = await client.apps.instances.release(inst.id)
            history = [e async for e in client.apps.instances.history(inst.id, page_size=3)]
            return member, stopped, released, history

    member, stopped, released, history = asyncio.run(main())

    assert member.role == "worker" and member.status == "joining"
    assert stopped.status == "stopped" and released.status == "released"
    assert [e.status for e in history if e.type_ == "app_instance.status_changed"] == [
        "pending", "starting", "running", "stopping", "stopped", "starting", "running", "released",
    ]  # fmt: skip


def test_async_entitlement_gating_and_failing_fast(base_url):
    async def main():
        auth = DevPasswordAuth("dev-user", "dev123")
        async with (
            AsyncClient(base_url, auth=auth) as client,
            AsyncClient(base_url, auth=DevPasswordAuth("admin-user", "admin123")) as admin,
        ):
            alloc = await async_active(client)
            with pytest.raises(AppNotEntitled):
                await client.apps.instances.create(
                    app_slug="triton-inference",
                    project_id="prj-default",
                    target_allocation_id=alloc.id,
                )
            grant = await admin.apps.entitlements.grant(
                "triton-inference", project_id="prj-default"
            )
            listed = [e.id async for e in client.apps.entitlements.list("triton-inference")]
            inst = await client.apps.instances.create(
                app_slug="triton-inference", project_id="prj-default", target_allocation_id=alloc.id
            )
            await client.apps.instances.wait_for(inst.id, timeout=30)
            await client.allocations.release(alloc.id)
            with pytest.raises(ResourceFailedError) as caught:
                await client.apps.instances.wait_for(inst.id, states={"stopped"}, timeout=30)
            await admin.apps.entitlements.revoke("triton-inference", grant.id)
            catalog = [m.slug async for m in client.apps.catalog.list()]
            artifacts = await client.apps.artifacts.list("triton-inference")
            return grant, listed, caught.value, catalog, artifacts

    grant, listed, failure, catalog, artifacts = asyncio.run(main())

    assert listed == [grant.id]
    assert failure.state == "failed" and failure.reason
    assert "triton-inference" in catalog
    assert [a.version for a in artifacts] == ["24.08", "24.07"]
