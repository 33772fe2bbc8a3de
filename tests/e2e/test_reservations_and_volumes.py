"""Reservations, block volumes and `allocations.push` through the facade (sync and async)."""

from __future__ import annotations

import asyncio
import hashlib
import os
import stat
from datetime import UTC, timedelta
from pathlib import Path

import pytest

from gpuaas_sdk import AsyncClient, Client
from gpuaas_sdk.auth import DevPasswordAuth
from gpuaas_sdk.errors import (
    AllocationNotFound,
    ArgumentError,
    PushError,
    ReservationNotActive,
    SKUUnavailable,
    VolumeInUse,
)
from gpuaas_sim import Simulator

H200 = "h200-sxm-slice"


def next_hour(sim: Simulator, hours: int = 1):  # type: ignore[no-untyped-def]
    return sim.clock.now().replace(minute=0, second=0, microsecond=0) + timedelta(hours=hours)


# -- reservations ---------------------------------------------------------------------------


def test_reserve_run_inside_and_cancel(client: Client, sim: Simulator) -> None:
    start = next_hour(sim)
    slots = client.reservations.availability(
        H200, 8, 2, earliest_start=start, latest_end=start + timedelta(hours=3)
    )
    reservation = client.reservations.create(
        sku=H200, gpus_total=8, region_code="us-buffalo-1", start=slots.slots[0].start,
        duration_hours=2,
    )  # fmt: skip
    with pytest.raises(ReservationNotActive):
        client.allocations.create(sku=H200, gpus_total=8, reservation_id=reservation.id)

    sim.clock.advance((start - sim.clock.now()).total_seconds())
    inside = client.allocations.create(sku=H200, gpus_total=8, reservation_id=reservation.id)
    listed = [r.id for r in client.reservations.list()]
    cancelled = client.reservations.cancel(reservation.id)

    assert [s.start for s in slots.slots] == [start, start + timedelta(hours=1)]
    assert str(reservation.status) == "scheduled" and reservation.total_minor == 349 * 8 * 2
    assert inside.reservation_id == reservation.id and inside.price_per_gpu_hour_minor == 0
    assert listed == [reservation.id]
    assert str(cancelled.status) == "cancelled"
    assert str(client.allocations.get(inside.id).status) in ("releasing", "released")


def test_reservations_async(base_url: str, sim: Simulator) -> None:
    start = next_hour(sim, 2)

    async def scenario() -> tuple[str, bool]:
        async with AsyncClient(base_url, auth=DevPasswordAuth("dev-user", "dev123")) as client:
            made = await client.reservations.create(
                sku=H200,
                gpus_total=64,
                region_code="us-buffalo-1",
                start=start.astimezone(UTC).isoformat(),
                duration_hours=1,
                auto_renew=True,
            )
            try:  # every GPU is promised for later: none is sold on demand now
                await client.allocations.create(sku=H200, gpus_total=1)
            except SKUUnavailable:
                refused = True
            else:
                refused = False
            return str((await client.reservations.get(made.id)).status), refused

    assert asyncio.run(scenario()) == ("scheduled", True)


# -- volumes ------------------------------------------------------------------------------


def test_volumes_attach_at_create_and_outlive_the_allocation(
    client: Client, sim: Simulator
) -> None:
    data = client.volumes.create(500, "us-buffalo-1", "datasets")
    ckpt = client.volumes.create(100, "us-buffalo-1", "checkpoints")

    allocation = client.allocations.create(sku=H200, gpus_total=1, volumes={"/data": data.id})
    attached = client.volumes.attach(ckpt.id, allocation_id=allocation.id, mount_point="/ckpt")
    with pytest.raises(VolumeInUse):
        client.volumes.delete(data.id)
    client.allocations.release(allocation.id)
    client.allocations.wait_for(allocation.id, states=("released",), timeout=60)
    after = client.volumes.get(data.id)
    client.volumes.delete(data.id)

    assert [(v.volume_id, v.mount_point) for v in allocation.volumes] == [(data.id, "/data")]
    assert str(attached.status) == "attached"
    assert str(after.status) == "available" and after.attachment is None
    assert [v.id for v in client.volumes.list()] == [ckpt.id]
    with pytest.raises(ArgumentError, match="mount points"):
        client.allocations.create(sku=H200, gpus_total=1, volumes={"data": ckpt.id})


def test_volumes_async(base_url: str) -> None:
    async def scenario() -> tuple[str, str]:
        async with AsyncClient(base_url, auth=DevPasswordAuth("dev-user", "dev123")) as client:
            volume = await client.volumes.create(10, "eu-helsinki-1", "scratch")
            allocation = await client.allocations.create(
                sku="l40s-slice", gpus_total=1, region_code="eu-helsinki-1"
            )
            await client.volumes.attach(volume.id, allocation_id=allocation.id, mount_point="/s")
            detached = await client.volumes.detach(volume.id, allocation_id=allocation.id)
            return str(detached.status), str((await client.volumes.get(volume.id)).status)

    assert asyncio.run(scenario()) == ("available", "available")


# -- push -----------------------------------------------------------------------------------


def tree(root: Path) -> dict[str, bytes]:
    files = {"train.py": b"print('train')\n", "conf/model.yaml": b"layers: 32\n"}
    for name, content in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(content)
    return files


def test_push_through_storage(client: Client, tmp_path: Path) -> None:
    files = tree(tmp_path)
    allocation = client.allocations.create(sku=H200, gpus_total=1)

    result = client.allocations.push(allocation.id, tmp_path, "/storage/runs/7")

    assert (result.via, result.files, result.bytes) == ("storage", 2, 26)
    for name, content in files.items():
        stored = client.storage.stat(f"/runs/7/{name}")
        assert stored.sha256 == hashlib.sha256(content).hexdigest()
    with pytest.raises(AllocationNotFound):
        client.allocations.push("alloc-00000000", tmp_path, "/storage/x")


def test_push_through_storage_async(base_url: str, tmp_path: Path) -> None:
    tree(tmp_path)

    async def scenario() -> int:
        async with AsyncClient(base_url, auth=DevPasswordAuth("dev-user", "dev123")) as client:
            allocation = await client.allocations.create(sku=H200, gpus_total=1)
            pushed = await client.allocations.push(allocation.id, tmp_path, "/storage/a")
            return pushed.files

    assert asyncio.run(scenario()) == 2


def fake_tool(folder: Path, name: str, exit_status: int) -> Path:
    """A stand-in for rsync on PATH that records its arguments (we own no sshd to push to)."""
    record = folder / f"{name}.args"
    script = folder / name
    script.write_text(
        f'#!/bin/sh\nprintf "%s\\n" "$@" > "{record}"\n'
        f'echo "{name}: connection refused" >&2\nexit {exit_status}\n'
    )
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return record


def test_push_over_ssh_runs_rsync_with_the_connection(
    client: Client, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source, tools = tmp_path / "src", tmp_path / "bin"
    source.mkdir()
    tools.mkdir()
    tree(source)
    monkeypatch.setenv("PATH", f"{tools}{os.pathsep}{os.environ['PATH']}")
    allocation = client.allocations.create(sku=H200, gpus_total=1)
    connection = client.allocations.wait_for(allocation.id).connection
    assert connection is not None
    record = fake_tool(tools, "rsync", 0)

    result = client.allocations.push(allocation.id, source, "/workspace", identity_file="k")

    argv = record.read_text().splitlines()
    assert result.via == "ssh" and result.files == 2
    assert argv[:2] == ["-a", "-e"]
    assert argv[2] == f"ssh -p {connection.ssh_port} -o StrictHostKeyChecking=accept-new -i k"
    assert argv[3:] == [f"{source}{os.sep}", f"ubuntu@{connection.ssh_host}:/workspace/"]

    fake_tool(tools, "rsync", 12)
    with pytest.raises(PushError, match="exit status 12: rsync: connection refused"):
        client.allocations.push(allocation.id, source, "/workspace")
    with pytest.raises(ArgumentError, match="outside it"):
        client.allocations.push(allocation.id, source, "/workspace", via="storage")
