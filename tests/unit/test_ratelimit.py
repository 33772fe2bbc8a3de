"""The pacing rules: what an answer teaches, how slots are handed out, the transport."""

import asyncio

import httpx
import pytest

import gpuaas_sdk._core.ratelimit as ratelimit_module
from gpuaas_sdk import AsyncClient, Client, LocalRateLimiter
from gpuaas_sdk._core.ratelimit import Bucket, Feedback, feedback_of
from gpuaas_sdk.errors import RateLimitExceeded

from .conftest import BASE, envelope
from .test_auth import PRINCIPAL, FakeClock

POLICY = httpx.Headers({"X-RateLimit-Policy": "100;w=1", "X-RateLimit-Remaining": "90"})


def test_the_policy_header_gives_the_rate_and_a_tenth_of_the_limit_as_burst():
    assert feedback_of(200, POLICY) == Feedback(rate=100.0, burst=10.0, remaining=90)
    assert feedback_of(200, httpx.Headers({"X-RateLimit-Policy": "6000;w=60"})).rate == 100.0
    assert feedback_of(200, httpx.Headers({"X-RateLimit-Policy": "3;w=60"})).burst == 1.0


def test_unreadable_headers_teach_nothing():
    assert feedback_of(
        200, httpx.Headers({"X-RateLimit-Policy": "lots", "X-RateLimit-Remaining": "-1"})
    ) == (Feedback())


def test_a_429_pauses_for_its_retry_after_preferring_milliseconds():
    assert (
        feedback_of(429, httpx.Headers({"Retry-After": "1", "Retry-After-Ms": "250"})).pause == 0.25
    )
    assert feedback_of(429, httpx.Headers({})).pause == 1.0
    assert feedback_of(503, httpx.Headers({"Retry-After": "5"})).pause is None


def test_nothing_is_paced_until_a_policy_is_known():
    bucket = Bucket()
    assert [bucket.reserve(0.0, 60) for _ in range(50)] == [0.0] * 50


def test_slots_are_spaced_at_the_rate_after_the_burst():
    bucket = Bucket()
    bucket.observe(0.0, Feedback(rate=100.0, burst=10.0))
    waits = [bucket.reserve(0.0, 60) for _ in range(12)]
    assert waits[:10] == [0.0] * 10
    assert waits[10:] == pytest.approx([0.01, 0.02])
    assert bucket.reserve(1.0, 60) == 0.0  # a second later the bucket has refilled


def test_a_low_remainder_trims_the_burst_and_a_429_is_a_debt_to_pay_back():
    bucket = Bucket()
    bucket.observe(0.0, Feedback(rate=100.0, burst=10.0))
    bucket.observe(0.0, Feedback(remaining=2))
    assert [bucket.reserve(0.0, 60) for _ in range(3)] == pytest.approx([0.0, 0.0, 0.01])
    bucket.observe(0.0, Feedback(pause=0.5))
    assert bucket.reserve(0.0, 60) == pytest.approx(0.51)


def test_a_wait_past_the_maximum_reserves_nothing():
    bucket = Bucket()
    bucket.observe(0.0, Feedback(rate=1.0, burst=1.0, pause=30.0))
    assert bucket.reserve(0.0, 10) == pytest.approx(-31.0)
    assert bucket.tokens == pytest.approx(-30.0)


def test_only_news_is_worth_telling():
    bucket = Bucket(rate=100.0, burst=10.0)
    assert not bucket.worth_telling(Feedback(rate=100.0, burst=10.0, remaining=50))
    assert bucket.worth_telling(Feedback(rate=50.0, burst=5.0))
    assert bucket.worth_telling(Feedback(remaining=3))
    assert bucket.worth_telling(Feedback(pause=1.0))
    assert not bucket.worth_telling(Feedback(rate=50.0, burst=5.0), learn=False)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    fake = FakeClock()
    monkeypatch.setattr(ratelimit_module.time, "monotonic", fake)
    return fake


def test_a_fixed_rate_is_kept_whatever_the_answers_say(clock):
    limiter = LocalRateLimiter(rate=2, burst=1)
    limiter.observe(200, POLICY)
    assert limiter.reserve() == 0.0
    assert limiter.reserve() == pytest.approx(0.5)


def test_a_slot_beyond_max_wait_is_refused_without_sending(clock):
    limiter = LocalRateLimiter(rate=1, burst=1, max_wait=5)
    limiter.observe(429, httpx.Headers({"Retry-After": "30"}))
    with pytest.raises(RateLimitExceeded, match="nothing was sent"):
        limiter.reserve()


def test_bad_settings_are_refused_with_what_is_wrong():
    with pytest.raises(ValueError, match="rate must be positive"):
        LocalRateLimiter(rate=0)
    with pytest.raises(ValueError, match="burst must be at least 1"):
        LocalRateLimiter(rate=5, burst=0.5)


def test_the_client_paces_every_attempt_and_learns_from_the_answers(api, monkeypatch):
    slept: list[float] = []
    retried: list[float] = []
    monkeypatch.setattr("gpuaas_sdk._core._sync.ratelimit.sleep", slept.append)
    monkeypatch.setattr("gpuaas_sdk._core._sync.http.sleep", retried.append)
    api.get("/v1/auth/whoami").mock(
        side_effect=[
            httpx.Response(200, json=PRINCIPAL, headers={"X-RateLimit-Policy": "2;w=1"}),
            envelope("rate_limit_exceeded", status=429, **{"Retry-After-Ms": "700"}),
            httpx.Response(200, json=PRINCIPAL),
        ]
    )
    limiter = LocalRateLimiter()
    with Client(BASE, auth="t", rate_limiter=limiter) as client:
        client.auth.whoami()  # unpaced: it teaches 2 a second, a burst of 1
        client.auth.whoami()  # refused: the retry waits for the pause, paid as a debt

    assert retried == [0.7]
    # The limiter took the pause as a debt of 1.4 slots: the retry's slot is 0.7 s past it.
    assert slept == [pytest.approx(1.2, abs=0.05)]
    assert limiter.bucket.rate == 2.0


def test_the_async_client_paces_too(api, monkeypatch):
    slept: list[float] = []

    async def fake_sleep(seconds: float) -> None:
        slept.append(seconds)

    monkeypatch.setattr("gpuaas_sdk._core._async.ratelimit.async_sleep", fake_sleep)
    answer = httpx.Response(200, json=PRINCIPAL, headers={"X-RateLimit-Policy": "1;w=1"})
    api.get("/v1/auth/whoami").mock(return_value=answer)

    async def main() -> None:
        async with AsyncClient(BASE, auth="t", rate_limiter=LocalRateLimiter()) as client:
            for _ in range(4):
                await client.auth.whoami()

    asyncio.run(main())
    # The first taught 1 a second (a burst of 1), the second took the burst, the next two
    # waited for their slots (the fake sleep lets no time pass: 1 s, then 2 s).
    assert slept == [pytest.approx(1.0, abs=0.05), pytest.approx(2.0, abs=0.05)]


def test_local_names_one_budget_for_the_whole_process():
    from gpuaas_sdk._fleet import rate_limiter_from

    assert rate_limiter_from("local") is rate_limiter_from("LOCAL")
    assert isinstance(rate_limiter_from("local"), LocalRateLimiter)


def test_what_a_url_names_is_made_once_per_process():
    from gpuaas_sdk._fleet import rate_limiter_from, token_store_from

    url = "redis://127.0.0.1:6390/0"  # nothing is connected until a call needs it
    assert token_store_from(url) is token_store_from(url)
    assert rate_limiter_from(url, "a") is rate_limiter_from(url, "a")
    assert rate_limiter_from(url, "a") is not rate_limiter_from(url, "b")
    assert "secret" not in repr(token_store_from("redis://:secret@127.0.0.1:6390/0"))
