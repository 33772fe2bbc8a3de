"""Spend-grant trials: launchers racing one grant never commit more than it holds.

Each trial: a spend grant of 100.00 (10,000 minor units, H200 and L40S), and 64
launchers using its token at once: threads of this process and of worker processes,
each creating allocations (1 to 4 GPUs, some with a 30-minute `max_runtime_seconds`)
until the grant refuses them, while the simulator cuts 20% of the create answers after
doing the work (`drop`: the SDK's idempotency keys make its retries safe). Then the
simulator's books must show the grant's spent plus committed within 10,000, and the sum
of what every admitted allocation committed too. The simulator is reset between trials.

`python -m drills.drill_grants [--trials 200] [--processes 2] [--seed 0]` prints the figures.
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from gpuaas_sdk import Client, RetryPolicy
from gpuaas_sdk.auth import DevPasswordAuth
from gpuaas_sdk.errors import SDKError
from gpuaas_sim import Simulator

from ._sim import faulty_simulator, percent

GRANT_MINOR = 10_000
LAUNCHERS = 64
SKUS = ("h200-sxm-slice", "l40s-slice")
FAULTS = [{"method": "POST", "path": "/v1/allocations", "kind": "drop", "probability": 0.2}]
RETRY = RetryPolicy(max_retries=5, initial_backoff=0.05, max_backoff=0.5)
"""Launchers retry dropped creates quickly (the same key each time), so trials stay short."""


@dataclass
class GrantReport:
    trials: int = 0
    admitted: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)
    most_committed: int = 0
    violations: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def lines(self) -> list[str]:
        per = self.admitted / max(1, self.trials)
        return [
            f"grant trials: {self.trials} ({LAUNCHERS} launchers each, threads and processes,"
            " 20% of create answers dropped)",
            f"  grant: {GRANT_MINOR} minor units; most committed in a trial:"
            f" {self.most_committed} ({percent(self.most_committed, GRANT_MINOR)} of it)",
            f"  allocations admitted: {self.admitted} ({per:.1f} a trial)",
            "  launcher outcomes: "
            + ", ".join(f"{name} {count}" for name, count in sorted(self.outcomes.items())),
            f"  trials over the grant: {len(self.violations)}",
            f"  time: {self.seconds:.1f} s ({self.seconds / max(1, self.trials):.2f} s a trial)",
            *(f"  ! {v}" for v in self.violations[:20]),
        ]


# -- one launcher -------------------------------------------------------------------------


def launch_until_refused(base_url: str, token: str, seed: int) -> Counter[str]:
    """Create allocations with the grant's token until it refuses; what each call came to."""
    rng = random.Random(seed)
    seen: Counter[str] = Counter()
    with Client(base_url, auth=token, retry=RETRY) as agent:
        for _ in range(4):
            runtime = rng.choice([None, 1800])
            try:
                agent.allocations.create(
                    sku=rng.choice(SKUS),
                    gpus_total=rng.randint(1, 4),
                    max_runtime_seconds=runtime,
                )
            except SDKError as error:
                seen[error.code] += 1
                if error.code == "budget_exceeded":
                    break
            else:
                seen["created"] += 1
    return seen


def launch_in_threads(base_url: str, token: str, seeds: list[int]) -> Counter[str]:
    results: list[Counter[str]] = []
    lock = threading.Lock()
    start = threading.Barrier(len(seeds))

    def run(seed: int) -> None:
        start.wait()
        seen = launch_until_refused(base_url, token, seed)
        with lock:
            results.append(seen)

    threads = [threading.Thread(target=run, args=(s,)) for s in seeds]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(results, Counter())


def _worker(tasks: Any, answers: Any) -> None:
    """A worker process: launches its share of each trial, in threads, until told to stop."""
    while (task := tasks.get()) is not None:
        base_url, token, seeds = task
        answers.put(dict(launch_in_threads(base_url, token, seeds)))


# -- trials -------------------------------------------------------------------------------


class Workers:
    """Worker processes kept for all trials (spawned once: starting a process costs ~1 s)."""

    def __init__(self, count: int) -> None:
        context = multiprocessing.get_context("spawn")
        self.tasks = context.Queue()
        self.answers = context.Queue()
        self.processes = [
            context.Process(target=_worker, args=(self.tasks, self.answers), daemon=True)
            for _ in range(count)
        ]
        for process in self.processes:
            process.start()

    def close(self) -> None:
        for _ in self.processes:
            self.tasks.put(None)
        for process in self.processes:
            process.join(timeout=30)


def run_trials(
    sim: Simulator, base_url: str, trials: int, processes: int = 2, seed: int = 0
) -> GrantReport:
    report = GrantReport()
    workers = Workers(processes)
    started = time.monotonic()
    try:
        for trial in range(trials):
            _one_trial(sim, base_url, workers, trial, seed, report)
    finally:
        workers.close()
    report.seconds = time.monotonic() - started
    return report


def _one_trial(
    sim: Simulator, base_url: str, workers: Workers, trial: int, seed: int, report: GrantReport
) -> None:
    sim.reset()
    report.trials += 1
    with Client(base_url, auth=DevPasswordAuth("dev-user", "dev123")) as owner:
        created = owner.spend_grants.create(
            name=f"drill-{trial}",
            amount_minor=GRANT_MINOR,
            expires_at=datetime.now(UTC) + timedelta(days=1),
            allowed_skus=SKUS,
        )
    token, grant_id = str(created.token), created.grant.id
    seeds = [seed * 1_000_000 + trial * LAUNCHERS + n for n in range(LAUNCHERS)]
    share = LAUNCHERS // (len(workers.processes) + 1) if workers.processes else LAUNCHERS
    remote, local = seeds[: share * len(workers.processes)], seeds[share * len(workers.processes) :]
    for n in range(len(workers.processes)):
        workers.tasks.put((base_url, token, remote[n * share : (n + 1) * share]))
    outcomes = launch_in_threads(base_url, token, local)
    for _ in workers.processes:
        outcomes.update(workers.answers.get(timeout=300))
    report.outcomes.update(outcomes)

    now = sim.clock.now()
    mine = [a for a in list(sim.allocations.values()) if a.created_by == grant_id]
    spent, committed = sim.admission.grant_usage(
        grant_id, sim.grants.grants[grant_id].created_at, now
    )
    admitted_commitments = sum(a.commitment_minor for a in mine)
    report.admitted += len(mine)
    report.most_committed = max(report.most_committed, spent + committed, admitted_commitments)
    if spent + committed > GRANT_MINOR or admitted_commitments > GRANT_MINOR:
        report.violations.append(
            f"trial {trial}: spent {spent} + committed {committed}"
            f" (admitted {admitted_commitments}) > {GRANT_MINOR}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=200)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    with faulty_simulator(FAULTS, seed=args.seed, clock_speed=1.0) as (sim, base_url):
        report = run_trials(sim, base_url, args.trials, args.processes, args.seed)
    print("\n".join(report.lines()))
    raise SystemExit(1 if report.violations else 0)


if __name__ == "__main__":
    main()
