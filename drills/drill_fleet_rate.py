"""Fleet drill: 500 calls a second offered against a 100-a-second limit, by 3 hosts x 32 workers.

The platform allows 100 requests a second per caller (a bucket of 100, `100;w=1`); the
three hosts share one sign-in (a Redis token store), so the platform counts them as one.
Each worker offers its share of 500 calls a second for 10 seconds, three ways:

- no limiter: today's client, which only retries 429s after their Retry-After;
- `local`: each process paces itself to the policy it learns, one budget per process
  (the per-process baseline);
- `redis://`: every client draws on one budget in Redis.

Counted where the requests arrived: requests a second reaching the platform (all of them,
refused ones too), the busiest single second, the 429s the platform answered, and the
429s that reached a caller after the client's retries.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gpuaas_sim import SimConfig, Simulator, serve_in_thread
from tests.fleet.harness import RedisServer, hosts, measure, tally, write_profile

HOSTS, WORKERS, LIMIT, OFFERED, SECONDS = 3, 32, 100, 500, 10.0


def run(label: str, limiter: str | None, folder: Path, redis: RedisServer) -> None:
    redis.command("FLUSHALL")
    sim = Simulator(SimConfig(rate_limit_per_second=LIMIT, access_token_ttl=3600))
    measured = measure(sim)
    plan = {
        "mode": "rate",
        "per_worker": OFFERED / (HOSTS * WORKERS),
        "seconds": SECONDS,
        "sync_workers": WORKERS // 2,
        "async_workers": WORKERS // 2,
    }
    env = {"GPUAAS_RATE_LIMITER": limiter} if limiter else {}
    with serve_in_thread(sim) as server:

        def configure(home: Path) -> None:
            write_profile(home, server.base_url, token_store=redis.url)

        with hosts(HOSTS, folder / label, plan, configure, env) as fleet:
            began = time.monotonic()
            for host in fleet:
                host.send("go")
            answers = [host.receive() for host in fleet]
    requests, refused, span = measured.rate_window(since=began)
    ok, errors = tally(answers)
    surfaced = errors.pop("rate_limit_exceeded", 0)
    rate = requests / span if span else 0.0
    over = (rate / LIMIT - 1) * 100
    print(
        f"{label:<12} {rate:>8.1f}/s {over:>+7.1f}% {measured.busiest_second(began):>8} "
        f"{refused:>9} {surfaced:>9} {ok / span if span else 0:>8.1f}/s  {errors or ''}",
        flush=True,
    )


def main() -> None:
    print(
        f"{HOSTS} hosts x {WORKERS} workers offer {OFFERED}/s for {SECONDS:g} s against "
        f"a limit of {LIMIT}/s (one caller for the platform)"
    )
    print(
        f"{'limiter':<12} {'at server':>10} {'vs limit':>8} {'busiest s':>9} "
        f"{'429 sent':>9} {'429 seen':>9} {'calls ok':>10}"
    )
    with tempfile.TemporaryDirectory(prefix="drill-rate-") as temp:
        folder = Path(temp)
        redis = RedisServer.start(folder / "redis")
        try:
            run("none", None, folder, redis)
            run("local", "local", folder, redis)
            run("redis", redis.url, folder, redis)
        finally:
            redis.stop()
    print(
        "at server: requests a second that reached the platform, refused ones included; "
        "429 sent: refused by the platform; 429 seen: raised to a caller after retries"
    )


if __name__ == "__main__":
    main()
