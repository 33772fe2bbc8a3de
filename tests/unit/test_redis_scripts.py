"""The Lua scripts, run by fakeredis (fast, no server): the lock, the fenced save, and the
rate bucket giving the same answers as the Python rules it transcribes. The fleet tests
run them on a real redis-server."""

import fakeredis
import pytest

from gpuaas_sdk._auth.token_store import Lease, StoredTokens
from gpuaas_sdk._core.ratelimit import Bucket, Feedback
from gpuaas_sdk._redis.scripts import (
    LOCK,
    OBSERVE,
    RENEW,
    RESERVE,
    SAVE,
    UNLOCK,
    Pacing,
    reservation,
    save_args,
    token_keys,
    tokens_from,
)


@pytest.fixture
def redis() -> fakeredis.FakeRedis:
    return fakeredis.FakeRedis(decode_responses=True)


def test_the_lock_is_exclusive_and_every_lease_gets_a_higher_fence(redis):
    lock, unlock = redis.register_script(LOCK), redis.register_script(UNLOCK)
    _, key, fence = token_keys("gpuaas", "fleet")

    assert lock(keys=[key, fence], args=["a", 10_000]) == 1
    assert lock(keys=[key, fence], args=["b", 10_000]) == 0  # held
    assert unlock(keys=[key], args=["b"]) == 0  # not b's to give back
    assert unlock(keys=[key], args=["a"]) == 1
    assert lock(keys=[key, fence], args=["b", 10_000]) == 2


def test_only_the_holder_renews_its_lease(redis):
    lock, renew = redis.register_script(LOCK), redis.register_script(RENEW)
    _, key, fence = token_keys("gpuaas", "fleet")
    lock(keys=[key, fence], args=["a", 1_000])

    assert renew(keys=[key], args=["a", 60_000]) == 1
    assert redis.pttl(key) > 1_000
    assert renew(keys=[key], args=["b", 60_000]) == 0


def test_a_write_from_an_older_lease_is_refused(redis):
    save = redis.register_script(SAVE)
    tokens, _, _ = token_keys("gpuaas", "fleet")
    newer, older = StoredTokens("at-2", "rt-2", 2000.0), StoredTokens("at-1", "rt-1", 1000.0)

    assert save(keys=[tokens], args=save_args(newer, Lease("fleet", 2, "b"))) == 1
    assert save(keys=[tokens], args=save_args(older, Lease("fleet", 1, "a"))) == 0
    assert tokens_from(redis.hgetall(tokens)) == newer
    # A write without a lease (a user's own `save`) keeps the fence it found.
    paused = StoredTokens("at-2", "rt-2", 2000.0, retry_refresh_at=1500.0, refresh_backoff=5.0)
    assert save(keys=[tokens], args=save_args(paused, None)) == 1
    assert redis.hget(tokens, "fence") == "2"
    assert tokens_from(redis.hgetall(tokens)) == paused


def test_an_entry_that_cannot_be_read_is_no_tokens(redis):
    assert tokens_from({}) is None
    assert tokens_from({"access_token": "at", "expires_at": "soon"}) is None


ANSWERS = [
    (0.00, None),
    (0.00, Feedback(rate=100.0, burst=10.0)),
    (0.00, None),
    (0.05, Feedback(remaining=3)),
    (0.05, None),
    (0.06, Feedback(pause=0.25)),
    (0.10, None),
    (0.50, Feedback(rate=20.0, burst=2.0, remaining=1)),
    (0.90, None),
]


def test_the_rate_script_gives_the_python_rules_answers(redis):
    """Slots reserved between the answers of ANSWERS, by both, at the same instants."""
    reserve, observe = redis.register_script(RESERVE), redis.register_script(OBSERVE)
    bucket = Bucket()
    for now, feedback in ANSWERS:
        pacing = Pacing(rate=None, burst=None, max_wait=60, now=1000 + now)
        if feedback is not None:
            bucket.observe(1000 + now, feedback)
            observe(keys=["b"], args=pacing.observe_args(feedback))
        for _ in range(4):
            expected = bucket.reserve(1000 + now, 60)
            wait, rate, burst = reservation(reserve(keys=["b"], args=pacing.reserve_args()))
            assert wait == pytest.approx(expected, abs=1e-9)
            assert (rate, burst) == (bucket.rate, bucket.burst)


def test_a_fixed_budget_ignores_the_policy_and_a_long_wait_reserves_nothing(redis):
    reserve, observe = redis.register_script(RESERVE), redis.register_script(OBSERVE)
    pacing = Pacing(rate=1.0, burst=1.0, max_wait=5, now=1000.0)
    observe(keys=["b"], args=pacing.observe_args(Feedback(rate=500.0, burst=50.0, pause=30)))

    wait, rate, _ = reservation(reserve(keys=["b"], args=pacing.reserve_args()))
    assert (wait, rate) == (pytest.approx(-31.0), 1.0)
    wait, _, _ = reservation(reserve(keys=["b"], args=pacing.reserve_args()))
    assert wait == pytest.approx(-31.0)  # the refused one took nothing
