"""Fleet drill: 3 hosts x 32 workers through 20 token rotations on one Redis token store.

Each host is a process with its own config folder (a profile naming the Redis store);
half its workers are threads with a `Client`, half are tasks with an `AsyncClient`, a
client each. Before every round the platform expires every access token, so all 96
workers need a new one at once. Counted at the platform: sign-ins, refreshes and refused
refreshes (a replayed refresh token: `invalid_credentials`, which revokes the sign-in).
The baseline gives each host its own token file holding a copy of one sign-in.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gpuaas_sim import SimConfig, Simulator, serve_in_thread
from tests.fleet.harness import (
    Measured,
    RedisServer,
    hosts,
    measure,
    round_of,
    tally,
    write_profile,
)

HOSTS, WORKERS, ROTATIONS, BASELINE_ROTATIONS = 3, 32, 20, 5
PLAN = {"mode": "rounds", "calls": 1, "sync_workers": WORKERS // 2, "async_workers": WORKERS // 2}


def shared(folder: Path, redis_url: str) -> None:
    sim = Simulator(SimConfig())
    measured = measure(sim)
    with serve_in_thread(sim) as server:

        def configure(home: Path) -> None:
            write_profile(home, server.base_url, token_store=redis_url)

        with hosts(HOSTS, folder / "shared", PLAN, configure) as fleet:
            answers = round_of(fleet)
            for _ in range(ROTATIONS):
                sim.identity.expire_access_tokens()
                answers += round_of(fleet)
    ok, errors = tally(answers)
    report("Redis token store", ROTATIONS, measured, ok, errors)


def baseline(folder: Path) -> None:
    sim = Simulator(SimConfig())
    measured = measure(sim)
    first = folder / "baseline" / "host-0" / "gpuaas" / "tokens.json"
    with serve_in_thread(sim) as server:

        def configure(home: Path) -> None:
            write_profile(home, server.base_url)
            if home.name != "host-0":
                (home / "gpuaas" / "tokens.json").write_bytes(first.read_bytes())

        one = {**PLAN, "sync_workers": 1, "async_workers": 0}
        with hosts(1, folder / "baseline", one, configure) as seed:
            round_of(seed)  # one sign-in, kept in host-0's file and copied to the others
        with hosts(HOSTS, folder / "baseline", PLAN, configure) as fleet:
            answers: list[dict[str, object]] = []
            for _ in range(BASELINE_ROTATIONS):
                sim.identity.expire_access_tokens()
                answers += round_of(fleet)
    ok, errors = tally(answers)
    report("baseline: a token file per host", BASELINE_ROTATIONS, measured, ok, errors)


def report(title: str, rotations: int, m: Measured, ok: int, errors: dict[str, int]) -> None:
    print(f"{title}: {HOSTS} hosts x {WORKERS} workers, {rotations} rotations")
    each = m.refreshes / rotations
    print(f"  refreshes at the platform      {m.refreshes:>6}  ({each:.2f} a rotation)")
    print(f"  refused refreshes (replayed)   {m.refused_refreshes:>6}")
    print(f"  sign-ins                       {m.logins:>6}")
    print(f"  calls that succeeded           {ok:>6}")
    print(f"  errors that reached a caller   {sum(errors.values()):>6}  {errors or ''}", flush=True)


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="drill-tokens-") as temp:
        folder = Path(temp)
        redis = RedisServer.start(folder / "redis")
        try:
            shared(folder, redis.url)
        finally:
            redis.stop()
        baseline(folder)


if __name__ == "__main__":
    main()
