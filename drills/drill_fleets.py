"""Fleet trials: every fleet ends complete, or with nothing left and nothing billed.

Under faults: 30% of node placements fail (`placement_drop`), and 10% of the fleet
requests are answered with a 5xx (5% 503, 5% 500), 5% of the creates are executed
but their answer is cut (`drop`: only the idempotency key keeps a retry from making a
second fleet). Each trial launches a fleet of 4 x 8 H200 with the SDK
(`allocations.create_fleet`), `min_count` 4 (all or nothing) or, every third trial, 3,
then checks the simulator's books:

- exactly one fleet was created for the call;
- a fleet the SDK returned is `active` with at least `min_count` members active, and
  its members whose placement failed hold nothing;
- a fleet the SDK reported failed has no member that was ever active (so nothing was
  billed: the platform's minimum for a failed fleet is zero) and none left holding GPUs.

`python -m drills.drill_fleets [--trials 200] [--seed 0]` prints the figures.
"""

from __future__ import annotations

import argparse
import time
from dataclasses import dataclass, field

from gpuaas_sdk import Client
from gpuaas_sdk.auth import DevPasswordAuth
from gpuaas_sdk.errors import ResourceFailedError
from gpuaas_sim import Simulator
from gpuaas_sim.platform.allocations import HOLDING_STATES

from ._sim import faulty_simulator, percent

SKU = "h200-sxm-slice"
FAULTS = [
    {"kind": "placement_drop", "probability": 0.3},
    {"path": "/v1/fleets*", "status": 503, "retry_after": 0, "probability": 0.05},
    {"path": "/v1/fleets*", "status": 500, "probability": 0.05},
    {"method": "POST", "path": "/v1/fleets", "kind": "drop", "probability": 0.05},
]


@dataclass
class FleetReport:
    trials: int = 0
    complete: int = 0
    failed_clean: int = 0
    violations: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def lines(self) -> list[str]:
        return [
            f"fleet trials: {self.trials} (placements dropped 30%, fleet requests 10% 5xx,"
            " creates 5% dropped)",
            f"  complete (>= min_count active):        {self.complete}"
            f" ({percent(self.complete, self.trials)})",
            f"  failed, nothing left, nothing billed:  {self.failed_clean}"
            f" ({percent(self.failed_clean, self.trials)})",
            f"  violations:                            {len(self.violations)}",
            f"  time: {self.seconds:.1f} s ({self.seconds / max(1, self.trials):.2f} s a trial)",
            *(f"  ! {v}" for v in self.violations[:20]),
        ]


def run_trials(sim: Simulator, base_url: str, trials: int) -> FleetReport:
    report = FleetReport()
    started = time.monotonic()
    with Client(base_url, auth=DevPasswordAuth("dev-user", "dev123")) as client:
        for trial in range(trials):
            min_count = 3 if trial % 3 == 2 else 4
            _one_trial(sim, client, trial, min_count, report)
    report.seconds = time.monotonic() - started
    return report


def _one_trial(
    sim: Simulator, client: Client, trial: int, min_count: int, report: FleetReport
) -> None:
    report.trials += 1
    before = set(sim.fleets.fleets)
    try:
        fleet = client.allocations.create_fleet(
            sku=SKU, gpus_total=8, count=4, min_count=min_count, timeout=120
        )
    except ResourceFailedError as failure:
        fleet_id = getattr(failure.resource, "id", None)
        came_up = False
    else:
        fleet_id, came_up = fleet.id, True
    made = set(sim.fleets.fleets) - before
    if made != {fleet_id}:
        report.violations.append(
            f"trial {trial}: fleets created {sorted(made)}, SDK saw {fleet_id}"
        )
        return
    record = sim.fleets.fleets[fleet_id]
    members = [sim.allocations[a] for a in record.allocation_ids]
    now = sim.clock.now()
    if came_up:
        active = [m for m in members if m.status_at(now) == "active"]
        lost = [m for m in members if m.timeline[-1].status == "failed"]
        if len(active) < min_count or any(m.holds_gpus_at(now) for m in lost):
            report.violations.append(
                f"trial {trial}: fleet {fleet_id} returned with {len(active)} active"
                f" of min {min_count}"
            )
        else:
            report.complete += 1
        client.fleets.release(fleet_id)
        return
    ever_active = [m.id for m in members if any(t.status == "active" for t in m.timeline)]
    still_holding = [m.id for m in members if m.timeline[-1].status in HOLDING_STATES]
    if ever_active or still_holding or record.came_up:
        report.violations.append(
            f"trial {trial}: failed fleet {fleet_id} left active {ever_active},"
            f" holding {still_holding}"
        )
    else:
        report.failed_clean += 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=200)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    with faulty_simulator(FAULTS, seed=args.seed) as (sim, base_url):
        report = run_trials(sim, base_url, args.trials)
    print("\n".join(report.lines()))
    raise SystemExit(1 if report.violations else 0)


if __name__ == "__main__":
    main()
