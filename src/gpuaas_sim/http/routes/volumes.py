"""Block volumes: create, list, get, delete (attaching is an allocation's: `allocations.py`)."""

from __future__ import annotations

from typing import Any

from ..pagination import page_of
from ..registry import Call, operation


@operation("createVolume")
def create_volume(call: Call) -> dict[str, Any]:
    sim, body = call.sim, call.body
    project = sim.allocation_book.project_of(call.caller, body.get("project_id"))
    volume = sim.volumes.create(
        call.caller,
        name=body["name"],
        size_gb=body["size_gb"],
        region_code=body["region_code"],
        project_id=project,
    )
    return sim.volumes.render(volume, sim.clock.now())


@operation("listVolumes")
def list_volumes(call: Call) -> dict[str, Any]:
    volumes, now = call.sim.volumes, call.sim.clock.now()
    return page_of(
        call.query,
        volumes.visible_to(call.caller),
        kind="volumes",
        position=lambda v: v.seq,
        render=lambda v: volumes.render(v, now),
        descending=True,
    )


@operation("getVolume")
def get_volume(call: Call) -> dict[str, Any]:
    volumes = call.sim.volumes
    return volumes.render(volumes.get(call.caller, call.path["volume_id"]), call.sim.clock.now())


@operation("deleteVolume")
def delete_volume(call: Call) -> None:
    call.sim.volumes.delete(call.caller, call.path["volume_id"])
