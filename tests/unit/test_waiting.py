"""Waiters poll until a wanted state, fail fast on failure, and time out clearly."""

import itertools
import random
from types import SimpleNamespace

import httpx
import pytest
from gpuaas_api.exceptions import AllocationNotActive

from gpuaas_sdk._core.headers import retry_after
from gpuaas_sdk._waiters.waiter import Waiter
from gpuaas_sdk.errors import ResourceFailedError, WaitTimeoutError

from .conftest import allocation_json, envelope


def test_a_waiter_returns_the_resource_once_it_reaches_a_wanted_state(api, client, sleeps):
    api.get("/v1/allocations/a").mock(
        side_effect=[
            httpx.Response(200, json=allocation_json("a", "pending")),
            httpx.Response(200, json=allocation_json("a", "provisioning")),
            httpx.Response(200, json=allocation_json("a", "active")),
        ]
    )

    final = client.allocations.wait_for("a", states={"active", "failed"}, timeout=600)

    assert final.status == "active"
    assert len(sleeps) == 2 and sleeps[0] <= 0.5 and sleeps[1] <= 1.0  # jittered, growing backoff


def test_a_failure_state_not_waited_for_raises_with_its_reason(api, client, sleeps):
    failed = allocation_json("a", "failed") | {"failure_reason": "node health check failed"}
    api.get("/v1/allocations/a").mock(return_value=httpx.Response(200, json=failed))

    with pytest.raises(ResourceFailedError) as caught:
        client.allocations.wait_for("a", states={"active"})

    assert caught.value.state == "failed"
    assert caught.value.reason == "node health check failed"
    assert "node health check failed" in str(caught.value)


def test_a_throttled_poll_does_not_end_the_wait(api, make_client, sleeps):
    client = make_client(max_retries=0)
    api.get("/v1/allocations/a").mock(
        side_effect=[
            envelope("rate_limit_exceeded", status=429, **{"Retry-After": "1"}),
            httpx.Response(200, json=allocation_json("a", "active")),
        ]
    )

    assert client.allocations.wait_for("a").status == "active"


def test_the_timeout_error_carries_the_last_state_seen(api, client):
    api.get("/v1/allocations/a").mock(
        return_value=httpx.Response(200, json=allocation_json("a", "provisioning"))
    )

    with pytest.raises(WaitTimeoutError) as caught:
        client.allocations.wait_for("a", timeout=0.3)

    assert caught.value.state == "provisioning"
    assert caught.value.resource.id == "a"
    assert "did not reach active within 0.3s (last state provisioning)" in str(caught.value)


def test_waiting_for_released_passes_through_releasing(api, client, sleeps):
    api.get("/v1/allocations/a").mock(
        side_effect=[
            httpx.Response(200, json=allocation_json("a", "releasing")),
            httpx.Response(200, json=allocation_json("a", "released")),
        ]
    )

    assert client.allocations.wait_for("a", states={"released"}).status == "released"


def test_waiting_for_active_fails_fast_once_the_allocation_is_being_released(api, client, sleeps):
    api.get("/v1/allocations/a").mock(
        return_value=httpx.Response(200, json=allocation_json("a", "releasing"))
    )

    with pytest.raises(ResourceFailedError, match="is releasing"):
        client.allocations.wait_for("a", states={"active"})


# -- the state machine: poll hints, jitter, the deadline ----------------------------


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def make_waiter(clock: FakeClock, timeout: float = 60.0, **kwargs) -> Waiter:
    return Waiter(
        kind="allocation",
        resource_id="a",
        states=frozenset({"active"}),
        failure_states=frozenset({"failed"}),
        timeout=timeout,
        state_of=lambda r: r.status,
        reason_of=lambda r: None,
        clock=clock,
        **kwargs,
    )


def pending() -> SimpleNamespace:
    return SimpleNamespace(status="pending")


@pytest.mark.parametrize(
    ("headers", "seconds"),
    [
        ({"retry-after-ms": "1234", "retry-after": "2"}, 1.234),
        ({"retry-after": "3"}, 3.0),
        ({"retry-after-ms": "soon", "retry-after": "2"}, 2.0),
        ({"retry-after": "Wed, 21 Oct 2026 07:28:00 GMT"}, 0.0),  # a date gone by: no wait
        ({}, None),
    ],
)
def test_the_poll_hint_prefers_milliseconds_and_ignores_what_it_cannot_read(headers, seconds):
    assert retry_after(headers) == seconds


def test_without_a_hint_the_delay_is_jittered_exponential_backoff_capped_at_max_delay():
    random.seed(7)
    clock = FakeClock()
    waiter = make_waiter(clock, timeout=10_000, initial_delay=0.5, max_delay=4.0)
    ceilings = [0.5, 1.0, 2.0, 4.0, 4.0, 4.0]
    delays = []
    for ceiling in ceilings:
        waiter.reached(pending())
        delay = waiter.next_delay()
        assert ceiling / 2 <= delay <= ceiling
        delays.append(delay)
    assert len(set(delays)) == len(delays)  # jittered: no two waits alike


def test_a_hint_sets_the_next_poll_exactly_and_is_used_once():
    clock = FakeClock()
    waiter = make_waiter(clock, initial_delay=0.5)
    waiter.reached(pending(), hint=2.75)
    assert waiter.next_delay() == 2.75
    waiter.reached(pending())  # no hint on this answer: back to backoff
    assert 0.25 <= waiter.next_delay() <= 0.5


def test_while_following_events_a_safety_poll_is_no_earlier_than_the_hint_or_the_backoff():
    clock = FakeClock()
    waiter = make_waiter(clock, initial_delay=0.5)
    waiter.reached(pending(), hint=3.0)
    assert waiter.next_delay(following_events=True) == 3.0
    waiter.reached(pending(), hint=0.001)
    assert 0.5 <= waiter.next_delay(following_events=True) <= 1.0


def test_no_wait_goes_past_the_deadline_and_the_last_check_happens_at_it():
    clock = FakeClock()
    waiter = make_waiter(clock, timeout=5.0)
    clock.now += 4.0
    waiter.reached(pending(), hint=30.0)
    assert waiter.next_delay() == pytest.approx(1.0)  # the hint is cut at the deadline
    clock.now += 1.0
    waiter.reached(pending())  # the check at the deadline
    with pytest.raises(WaitTimeoutError, match="within 5s \\(last state pending\\)") as caught:
        waiter.next_delay()
    assert caught.value.state == "pending"


def test_a_missed_poll_forgets_the_hint_and_is_named_in_the_timeout():
    clock = FakeClock()
    waiter = make_waiter(clock, timeout=1.0, initial_delay=0.5)
    waiter.reached(pending(), hint=0.9)
    waiter.missed(RuntimeError("429 rate_limit_exceeded"))
    assert 0.25 <= waiter.next_delay() <= 0.5
    clock.now += 1.0
    with pytest.raises(WaitTimeoutError, match="last poll error: 429 rate_limit_exceeded"):
        waiter.next_delay()


def test_wait_for_sleeps_exactly_the_servers_hint_between_polls(api, client, sleeps):
    api.get("/v1/allocations/a").mock(
        side_effect=[
            httpx.Response(
                200,
                json=allocation_json("a", "pending"),
                headers={"Retry-After": "2", "Retry-After-Ms": "1234"},
            ),
            httpx.Response(200, json=allocation_json("a", "active")),
        ]
    )

    assert client.allocations.wait_for("a", use_events=False).status == "active"
    assert sleeps == [1.234]


def test_an_unknown_stream_falls_back_to_polling_without_an_error(api, client, sleeps):
    api.get("/v1/events/stream").mock(return_value=envelope("not_found", status=404))
    api.get("/v1/allocations/a").mock(
        side_effect=[
            httpx.Response(200, json=allocation_json("a", "provisioning")),
            httpx.Response(200, json=allocation_json("a", "active")),
        ]
    )

    assert client.allocations.wait_for("a").status == "active"
    assert len(sleeps) == 1  # polled on the backoff schedule


def test_ssh_command_quotes_every_part(api, client):
    connection = {
        "private_ip": "10.0.0.2",
        "ssh_host": "ssh.example.com",
        "ssh_port": 2222,
        "ssh_user": "ubuntu",
    }
    api.get("/v1/allocations/a/connection").mock(return_value=httpx.Response(200, json=connection))

    line = client.allocations.ssh_command("a", identity_file="/keys/my key")

    assert line == "ssh -p 2222 -i '/keys/my key' ubuntu@ssh.example.com"


def test_ssh_command_of_an_allocation_that_is_not_active_is_a_typed_error(api, client):
    api.get("/v1/allocations/a/connection").mock(
        return_value=envelope("allocation_not_active", status=409)
    )

    with pytest.raises(AllocationNotActive):
        client.allocations.ssh_command("a")


def test_an_empty_identity_file_is_refused(api, client):
    connection = {"private_ip": "10.0.0.2", "ssh_host": "h", "ssh_port": 22, "ssh_user": "u"}
    api.get("/v1/allocations/a/connection").mock(return_value=httpx.Response(200, json=connection))

    with pytest.raises(ValueError, match="identity_file must be a path"):
        client.allocations.ssh_command("a", identity_file="")


def test_progress_reports_every_look_with_state_changes_elapsed_time_and_next_check(
    api, client, sleeps
):
    api.get("/v1/allocations/a").mock(
        side_effect=[
            httpx.Response(200, json=allocation_json("a", "pending")),
            httpx.Response(200, json=allocation_json("a", "pending")),
            httpx.Response(200, json=allocation_json("a", "provisioning")),
            httpx.Response(200, json=allocation_json("a", "active")),
        ]
    )
    seen = []

    client.allocations.wait_for("a", use_events=False, progress=seen.append)

    assert [(p.state, p.changed) for p in seen] == [
        ("pending", True),
        ("pending", False),
        ("provisioning", True),
        ("active", True),
    ]
    assert all(p.kind == "allocation" and p.resource_id == "a" for p in seen)
    assert [p.next_check_in for p in seen[:-1]] == sleeps  # the next check is the sleep taken
    assert seen[-1].next_check_in is None  # done: no next check
    assert all(b.elapsed >= a.elapsed for a, b in itertools.pairwise(seen))


def test_progress_reports_a_failed_look_with_its_error_and_the_wait_goes_on(
    api, make_client, sleeps
):
    client = make_client(max_retries=0)
    api.get("/v1/allocations/a").mock(
        side_effect=[
            httpx.Response(200, json=allocation_json("a", "pending")),
            envelope("service_unavailable", status=503),
            httpx.Response(200, json=allocation_json("a", "active")),
        ]
    )
    seen = []

    client.allocations.wait_for("a", use_events=False, progress=seen.append)

    failed = seen[1]
    assert failed.error is not None and failed.error.status_code == 503
    assert (failed.state, failed.changed) == ("pending", False)  # the last state seen
    assert seen[-1].state == "active" and seen[-1].error is None


def test_each_state_change_is_logged_at_info_once(api, client, sleeps, caplog):
    api.get("/v1/allocations/a").mock(
        side_effect=[
            httpx.Response(200, json=allocation_json("a", "pending")),
            httpx.Response(200, json=allocation_json("a", "pending")),
            httpx.Response(200, json=allocation_json("a", "active")),
        ]
    )

    with caplog.at_level("INFO", logger="gpuaas_sdk"):
        client.allocations.wait_for("a", use_events=False)

    changes = [r.getMessage() for r in caplog.records if r.getMessage().startswith("allocation a")]
    assert len(changes) == 2
    assert changes[0].startswith("allocation a is pending (after ")
    assert changes[1].startswith("allocation a: pending -> active (after ")


def test_a_wait_that_times_out_reports_its_last_look_with_no_next_check(api, client):
    api.get("/v1/allocations/a").mock(
        return_value=httpx.Response(200, json=allocation_json("a", "provisioning"))
    )
    seen = []

    with pytest.raises(WaitTimeoutError):
        client.allocations.wait_for("a", timeout=0.2, use_events=False, progress=seen.append)

    assert seen[0].state == "provisioning" and seen[0].changed
    assert seen[-1].next_check_in is None
