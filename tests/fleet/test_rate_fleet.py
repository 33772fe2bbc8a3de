"""Hosts drawing on one rate budget in Redis stay within the platform's limit together.

Two host processes share one sign-in (so the platform counts them as one caller) and
`GPUAAS_RATE_LIMITER=redis://...`; together they offer three times the limit. Whatever
the machine's load, the budget can only let fewer requests through, never more: the
count at the platform is bounded by the client's burst plus the rate over the time the
requests took to arrive (plus the few sent before the first answer taught the policy).
"""

import time
from pathlib import Path

import pytest
import redis

from .harness import Measured, hosts, tally, write_profile

LIMIT = 20  # requests a second
WORKERS = {"sync_workers": 2, "async_workers": 2}
SECONDS = 3.0


@pytest.mark.sim_config(rate_limit_per_second=LIMIT, access_token_ttl=3600)
def test_a_redis_budget_keeps_the_fleet_within_the_limit_and_no_429_surfaces(
    measured: Measured, base_url: str, redis_url: str, folder: Path
) -> None:
    plan = {"mode": "rate", "per_worker": 3 * LIMIT / 8, "seconds": SECONDS, **WORKERS}

    def configure(home: Path) -> None:
        write_profile(home, base_url, token_store=redis_url)

    env = {"GPUAAS_RATE_LIMITER": redis_url}
    with hosts(2, folder, plan, configure, env) as fleet:
        began = time.monotonic()
        for host in fleet:
            host.send("go")
        answers = [host.receive() for host in fleet]

    ok, errors = tally(answers)
    assert errors == {}  # no 429 (nor anything else) reached a caller
    requests, _, _ = measured.rate_window(since=began)
    span = max(when for when, _ in measured.hits) - began
    burst, unpaced = LIMIT // 10, 8  # the first answers teach the policy to 8 workers
    assert requests <= burst + LIMIT * span + unpaced
    assert ok > 0
    budget = redis.Redis.from_url(redis_url, decode_responses=True)
    assert float(budget.hget("gpuaas:{fleet}:rate", "rate")) == LIMIT  # the profile's budget
    budget.close()
