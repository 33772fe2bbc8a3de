"""Fleets: allocations launched together, all or nothing."""

from __future__ import annotations

from typing import Any

from ...platform.launch import Terms
from ..pagination import page_of
from ..poll_hints import poll_hint_headers
from ..registry import Call, Reply, operation


@operation("createFleet")
def create_fleet(call: Call) -> dict[str, Any]:
    sim, body = call.sim, call.body
    fleet = sim.launcher.create_fleet(
        call.caller,
        sku_id=body["sku"],
        gpus_total=body["gpus_total"],
        count=body["count"],
        min_count=body.get("min_count"),
        region_code=body.get("region_code"),
        project_id=body.get("project_id"),
        ssh_key_ids=tuple(body.get("ssh_key_ids", ())),
        terms=Terms.of(body),
    )
    return sim.fleets.render(fleet, sim.clock.now())


@operation("listFleets")
def list_fleets(call: Call) -> dict[str, Any]:
    fleets, now = call.sim.fleets, call.sim.clock.now()
    return page_of(
        call.query,
        fleets.visible_to(call.caller),
        kind="fleets",
        position=lambda f: f.seq,
        render=lambda f: fleets.render(f, now),
        descending=True,
    )


@operation("getFleet")
def get_fleet(call: Call) -> Reply:
    fleets, clock = call.sim.fleets, call.sim.clock
    fleet = fleets.get(call.caller, call.path["fleet_id"])
    now = clock.now()
    hints = poll_hint_headers(fleets.upcoming(fleet), now, clock.speed)
    return Reply(fleets.render(fleet, now), hints)


@operation("releaseFleet")
def release_fleet(call: Call) -> dict[str, Any]:
    fleets = call.sim.fleets
    fleet = fleets.release(call.caller, call.path["fleet_id"])
    return fleets.render(fleet, call.sim.clock.now())
