"""Billing through the facade, sync and async, over real HTTP against the simulator.

The simulator's clock is frozen here and moved with `sim.clock.advance`, so amounts
are exact; tokens outlive the month the refund-window tests skip.
"""

import asyncio
import textwrap
from datetime import UTC, datetime, timedelta

import pytest

from gpuaas_sdk import AsyncClient
from gpuaas_sdk.auth import DevPasswordAuth
from gpuaas_sdk.errors import (
    ArgumentError,
    ChargeNotFound,
    InsufficientBalance,
    PaymentSessionNotFound,
    RefundWindowExceeded,
    ResourceFailedError,
    ValidationError,
)
from gpuaas_sim import SimConfig, Simulator

HOUR = 3600

# Copied verbatim from "Streaming usage and balance" on the SDK's reference page.
STREAMING_USAGE_AND_BALANCE = """
balance = client.billing.balance()
print(f"balance: {balance.amount_minor / 100:.2f} {balance.currency}")

for record in client.billing.usage(since="2026-04-01T00:00:00Z"):
    print(record.interval_start, record.allocation_id, record.cost_minor)
"""


@pytest.fixture
def sim_config() -> SimConfig:
    return SimConfig(clock_speed=0, access_token_ttl=10**9, refresh_token_ttl=10**9)


@pytest.fixture
def aclient(base_url):
    return AsyncClient(base_url, auth=DevPasswordAuth("dev-user", "dev123"))


def run_async(aclient, work):
    async def main():
        async with aclient:
            return await work(aclient)

    return asyncio.run(main())


def active_on_the_hour(client, sim: Simulator, gpus: int = 1) -> str:
    """An h200 allocation that turns active exactly on a clock hour (1 s + 2 s of delays)."""
    now = sim.clock.now()
    hour = now.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
    sim.clock.advance((hour - now).total_seconds() - 3)
    alloc = client.allocations.create(sku="h200-sxm-slice", gpus_total=gpus)
    sim.clock.advance(3)
    return alloc.id


def test_the_reference_pages_usage_example_runs_as_written(client, sim: Simulator, capsys):
    alloc_id = active_on_the_hour(client, sim)
    sim.clock.advance(2.5 * HOUR)

    exec(textwrap.dedent(STREAMING_USAGE_AND_BALANCE), {"client": client})

    lines = capsys.readouterr().out.splitlines()
    spent = 349 + 349 + 174
    assert lines[0] == f"balance: {(500_000 - spent) / 100:.2f} USD"
    records = [line.split(" ") for line in lines[1:]]
    assert [(r[-2], int(r[-1])) for r in records] == [
        (alloc_id, 349),
        (alloc_id, 349),
        (alloc_id, 174),
    ]
    starts = [datetime.fromisoformat(" ".join(r[:-2])) for r in records]
    assert starts == sorted(starts) and starts[1] - starts[0] == timedelta(hours=1)


def test_balance_falls_as_an_allocation_runs(client, sim: Simulator):
    active_on_the_hour(client, sim, gpus=2)
    start = client.billing.balance()

    sim.clock.advance(HOUR)
    after_an_hour = client.billing.balance()
    sim.clock.advance(HOUR)
    after_two = client.billing.balance()

    assert (start.amount_minor, start.currency, start.credit_limit_minor) == (500_000, "USD", 0)
    assert after_an_hour.amount_minor == 500_000 - 698
    assert after_two.amount_minor == 500_000 - 2 * 698
    assert after_two.updated_at > after_an_hour.updated_at
    assert sum(r.cost_minor for r in client.billing.usage()) == 2 * 698


def test_balance_falls_as_an_allocation_runs_async(client, aclient, sim: Simulator):
    active_on_the_hour(client, sim)

    async def work(c):
        before = await c.billing.balance()
        sim.clock.advance(HOUR)
        after = await c.billing.balance()
        records = [r async for r in c.billing.usage(since=datetime(2026, 4, 1, tzinfo=UTC))]
        return before, after, records

    before, after, records = run_async(aclient, work)

    assert before.amount_minor - after.amount_minor == 349
    assert [r.cost_minor for r in records] == [349]
    assert records[0].interval_end - records[0].interval_start == timedelta(hours=1)


def test_usage_filters_and_pages_lazily(client, sim: Simulator):
    h200 = active_on_the_hour(client, sim)
    l40s = client.allocations.create(sku="l40s-slice", gpus_total=1).id
    sim.clock.advance(3 * HOUR)
    everything = list(client.billing.usage())
    second_hour = everything[2].interval_start

    paged = client.billing.usage(page_size=2)

    assert [r.id for r in paged] == [r.id for r in everything] and len(everything) == 6
    assert len(paged.first_page()) == 2
    assert {r.allocation_id for r in client.billing.usage(allocation_id=l40s)} == {l40s}
    assert {r.allocation_id for r in client.billing.usage(sku="h200-sxm-slice")} == {h200}
    window = client.billing.usage(since=second_hour, until=second_hour + timedelta(hours=1))
    assert {r.interval_start for r in window} == {second_hour}
    as_text = client.billing.usage(since=second_hour.isoformat().replace("+00:00", "Z"))
    assert [r.id for r in as_text] == [r.id for r in everything if r.interval_start >= second_hour]


@pytest.mark.parametrize(
    ("kwargs", "named"),
    [
        ({"since": "last tuesday"}, "since"),
        ({"until": "2026-13-01T00:00:00Z"}, "until"),
        ({"since": datetime(2026, 4, 1)}, "since"),  # naive: which zone?
        ({"since": "2026-04-02T00:00:00Z", "until": "2026-04-01T00:00:00Z"}, "since"),
    ],
)
def test_bad_usage_windows_are_argument_errors(client, sim: Simulator, kwargs, named):
    sent = len(sim.requests_log)

    with pytest.raises(ArgumentError, match=named):
        client.billing.usage(**kwargs)

    assert len(sim.requests_log) == sent


def test_payment_session_completes_and_credits_the_balance(client, sim: Simulator):
    session = client.billing.payment_sessions.create(amount_minor=50_000, currency="USD")

    assert str(session.status) == "open"
    assert session.checkout_url.startswith("http://127.0.0.1:")
    assert session.checkout_url.endswith(f"/checkout/{session.id}")
    sim.clock.advance(5)
    done = client.billing.payment_sessions.wait_for(session.id, timeout=5)
    assert str(done.status) == "completed" and done.completed_at is not None
    assert client.billing.payment_sessions.get(session.id).completed_at == done.completed_at
    assert client.billing.balance().amount_minor == 550_000


def test_payment_session_completes_async(aclient, sim: Simulator):
    async def work(c):
        session = await c.billing.payment_sessions.create(amount_minor=1_000, currency="USD")
        opened = await c.billing.payment_sessions.get(session.id)
        sim.clock.advance(5)
        done = await c.billing.payment_sessions.wait_for(session.id, timeout=5)
        return opened, done, await c.billing.balance()

    opened, done, balance = run_async(aclient, work)

    assert str(opened.status) == "open"
    assert str(done.status) == "completed"
    assert balance.amount_minor == 501_000


@pytest.mark.parametrize(
    "sim_config",
    [SimConfig(clock_speed=0, access_token_ttl=10**9, payment_completion_delay=None)],
)
def test_waiting_on_a_session_that_expires_fails_fast(client, sim: Simulator):
    session = client.billing.payment_sessions.create(amount_minor=1_000, currency="USD")
    sim.clock.advance(HOUR)

    with pytest.raises(ResourceFailedError) as caught:
        client.billing.payment_sessions.wait_for(session.id, timeout=5)

    assert caught.value.state == "expired"
    assert client.billing.balance().amount_minor == 500_000


def test_payment_session_errors_are_typed(client):
    with pytest.raises(PaymentSessionNotFound):
        client.billing.payment_sessions.get("ps-nope")
    with pytest.raises(ValidationError):
        client.billing.payment_sessions.create(amount_minor=1_000, currency="EUR")


def charge(client, sim: Simulator) -> str:
    """The id of a closed one-hour charge of a released allocation."""
    alloc_id = active_on_the_hour(client, sim)
    sim.clock.advance(HOUR)
    client.allocations.release(alloc_id)
    (record,) = client.billing.usage(allocation_id=alloc_id)
    return record.id


def test_refund_credits_the_balance_and_is_listed(client, sim: Simulator):
    record_id = charge(client, sim)
    before = client.billing.balance().amount_minor

    refund = client.billing.refunds.create(
        usage_record_id=record_id, amount_minor=300, reason="Image failed to boot"
    )
    sim.clock.advance(2)

    assert str(refund.status) == "pending" and refund.usage_record_id == record_id
    assert client.billing.balance().amount_minor == before + 300
    listed = list(client.billing.refunds.list(usage_record_id=record_id))
    assert [(r.id, str(r.status)) for r in listed] == [(refund.id, "succeeded")]
    with pytest.raises(ValidationError) as caught:
        client.billing.refunds.create(usage_record_id=record_id, amount_minor=50, reason="more")
    assert caught.value.details["refundable_minor"] == 49
    with pytest.raises(ChargeNotFound):
        client.billing.refunds.create(usage_record_id="use-0", amount_minor=1, reason="x")


def test_refund_outside_the_window_is_refused(client, sim: Simulator):
    record_id = charge(client, sim)
    sim.clock.advance(31 * 24 * HOUR)

    with pytest.raises(RefundWindowExceeded) as caught:
        client.billing.refunds.create(usage_record_id=record_id, amount_minor=1, reason="late")

    assert caught.value.status_code == 409
    assert caught.value.details["window_days"] == 30
    assert list(client.billing.refunds.list()) == []


def test_refund_outside_the_window_is_refused_async(client, aclient, sim: Simulator):
    record_id = charge(client, sim)
    sim.clock.advance(31 * 24 * HOUR)

    async def work(c):
        with pytest.raises(RefundWindowExceeded):
            await c.billing.refunds.create(usage_record_id=record_id, amount_minor=1, reason="x")
        return [r async for r in c.billing.refunds.list()]

    assert run_async(aclient, work) == []


def test_a_retried_refund_is_made_once(client, sim: Simulator):
    record_id = charge(client, sim)

    first = client.billing.refunds.create(
        usage_record_id=record_id, amount_minor=100, reason="x", idempotency_key="rf-1"
    )
    again = client.billing.refunds.create(
        usage_record_id=record_id, amount_minor=100, reason="x", idempotency_key="rf-1"
    )

    assert again.id == first.id
    assert [r.id for r in client.billing.refunds.list()] == [first.id]


LOW_BALANCE = SimConfig(
    clock_speed=0, access_token_ttl=10**9, refresh_token_ttl=10**9, initial_balance_minor=2_000
)


@pytest.mark.parametrize("sim_config", [LOW_BALANCE])
def test_a_top_up_lets_a_refused_create_through(client, sim: Simulator):
    with pytest.raises(InsufficientBalance) as refused:
        client.allocations.create(sku="h200-sxm-slice", gpus_total=8)  # 2792 per hour
    session = client.billing.payment_sessions.create(amount_minor=5_000, currency="USD")
    sim.clock.advance(5)
    client.billing.payment_sessions.wait_for(session.id, timeout=5)

    allocation = client.allocations.create(sku="h200-sxm-slice", gpus_total=8)

    assert refused.value.details["balance_minor"] == 2_000
    assert allocation.gpus_total == 8


@pytest.mark.parametrize("sim_config", [LOW_BALANCE])
def test_a_top_up_lets_a_refused_create_through_async(aclient, sim: Simulator):
    async def work(c):
        try:
            await c.allocations.create(sku="h200-sxm-slice", gpus_total=8)
        except InsufficientBalance:
            refused = True
        else:
            refused = False
        session = await c.billing.payment_sessions.create(amount_minor=5_000, currency="USD")
        sim.clock.advance(5)
        await c.billing.payment_sessions.wait_for(session.id, timeout=5)
        allocation = await c.allocations.create(sku="h200-sxm-slice", gpus_total=8)
        return refused, allocation.gpus_total

    assert run_async(aclient, work) == (True, 8)
