"""`RetryPolicy.next_delay`: the decision the retry transports make after every attempt."""

import httpx
import pytest

from gpuaas_sdk import RetryPolicy
from gpuaas_sdk._core.retry import Outcome


def answer(status: int, **headers: str) -> httpx.Response:
    return httpx.Response(status, headers=headers)


def test_backoff_is_jittered_under_a_doubling_ceiling_capped_at_max_backoff():
    policy = RetryPolicy(max_retries=10, initial_backoff=0.5, max_backoff=3.0, total_timeout=1e9)
    for attempt, ceiling in [(1, 0.5), (2, 1.0), (3, 2.0), (4, 3.0), (9, 3.0)]:
        delays = [policy.next_delay(Outcome(attempt, 0.0, answer(503)), True) for _ in range(200)]
        assert all(d is not None and 0 <= d <= ceiling for d in delays)
        assert max(d for d in delays if d is not None) > ceiling / 2  # spread, not a constant


def test_retry_after_is_used_as_is_and_one_beyond_the_cap_ends_the_call():
    policy = RetryPolicy(max_retry_after=5)
    assert policy.next_delay(Outcome(1, 0.0, answer(429, **{"Retry-After": "2"})), True) == 2.0
    assert policy.next_delay(Outcome(1, 0.0, answer(429, **{"Retry-After": "30"})), True) is None


@pytest.mark.parametrize(
    ("outcome", "may_resend", "retried"),
    [
        (Outcome(1, 0.0, answer(200)), True, False),
        (Outcome(1, 0.0, answer(404)), True, False),
        (Outcome(1, 0.0, answer(503)), False, False),  # a POST without an Idempotency-Key
        (Outcome(4, 0.0, answer(503)), True, False),  # max_retries (3) spent
        (Outcome(1, 119.9, answer(503, **{"Retry-After": "1"})), True, False),  # past the deadline
        (Outcome(1, 0.0, error=httpx.ConnectError("refused")), False, True),  # never sent
        (Outcome(1, 0.0, error=httpx.ReadError("reset")), False, False),
        (Outcome(1, 0.0, error=httpx.ReadError("reset")), True, True),
        (Outcome(1, 0.0, error=ValueError("a bug")), True, False),
    ],
)
def test_what_is_retried(outcome, may_resend, retried):
    assert (RetryPolicy().next_delay(outcome, may_resend) is not None) is retried
