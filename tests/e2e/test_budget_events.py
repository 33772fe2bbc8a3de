"""Budget events reach webhooks and the event stream: a refused create and spend crossing 80 %
of a service account's cap, against the simulator over HTTP, sync and async."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterator

import pytest

from gpuaas_sdk import AsyncClient, Client, verify_webhook
from gpuaas_sdk.auth import DevPasswordAuth, ServiceAccountAuth
from gpuaas_sdk.errors import BudgetExceeded
from gpuaas_sdk.types import BudgetExceeded as BudgetExceededEvent  # not the error
from gpuaas_sdk.types import BudgetExceededReason, BudgetThresholdReached
from gpuaas_sim import SimConfig, Simulator

from .test_webhooks import Receiver

BUDGET_TYPES = ["budget.threshold_reached", "budget.exceeded"]


@pytest.fixture
def sim_config() -> SimConfig:
    # Assertions are checked on the platform's clock: keep it real-time, advance it by hand.
    return SimConfig(clock_speed=1, webhook_poll_interval=0.01)


@pytest.fixture
def sim(sim_config: SimConfig) -> Iterator[Simulator]:
    simulator = Simulator(sim_config)
    yield simulator
    simulator.close()


def capped_account(client: Client, cap_minor: int = 1000) -> ServiceAccountAuth:
    account = client.service_accounts.create(
        name=f"ci-{uuid.uuid4().hex[:8]}", principal_kind="agent", monthly_spend_cap_minor=cap_minor
    )
    created = client.service_accounts.rotate(account.id)
    return ServiceAccountAuth(account.id, created.key.id, str(created.private_key_pem))


def test_a_refusal_and_the_threshold_are_delivered_to_a_webhook_and_the_stream(
    base_url: str, client: Client, sim: Simulator
) -> None:
    with Receiver() as receiver:
        hook = client.webhooks.create(url=receiver.url, event_types=BUDGET_TYPES)
        auth = capped_account(client)
        with Client(base_url, auth=auth) as bot:
            with pytest.raises(BudgetExceeded):
                bot.allocations.create(sku="h200-sxm-slice", gpus_total=4)  # 1396 an hour
            [refusal] = receiver.wait_for(1)
            bot.allocations.create(sku="h200-sxm-slice", gpus_total=2)  # 698 an hour fits
            sim.clock.advance(3 + 3600 * 1.5)  # 80 % of 1000 after 69 minutes of it
            delivered = receiver.wait_for(2)
        stream = client.events.stream(types=BUDGET_TYPES, last_event_id="0")
        streamed = [next(stream), next(stream)]

    verify_webhook(refusal.body, refusal.headers, hook.secret, path=refusal.path)
    assert refusal.event["type"] == "budget.exceeded"
    assert refusal.event["service_account_id"] == auth.sa_id
    assert (refusal.event["reason"], refusal.event["estimated_cost_minor"]) == (
        "create_refused",
        1396,
    )
    reached = delivered[1].event
    assert (reached["type"], reached["threshold_percent"]) == ("budget.threshold_reached", 80)
    assert [type(e) for e in streamed] == [BudgetExceededEvent, BudgetThresholdReached]
    exceeded = streamed[0]
    assert isinstance(exceeded, BudgetExceededEvent)
    assert exceeded.reason == BudgetExceededReason.CREATE_REFUSED
    assert [e.id for e in streamed] == [refusal.event["id"], reached["id"]]


def test_the_async_stream_sees_the_spend_pass_the_threshold_and_the_cap(
    base_url: str, client: Client, sim: Simulator
) -> None:
    auth = capped_account(client)
    with Client(base_url, auth=auth) as bot:
        bot.allocations.create(sku="h200-sxm-slice", gpus_total=2)
    sim.clock.advance(3 + 2 * 3600)

    async def scenario() -> list[object]:
        dev = DevPasswordAuth("dev-user", "dev123")
        async with AsyncClient(base_url, auth=dev) as watcher:
            events = watcher.events.stream(types=BUDGET_TYPES, last_event_id="0")
            return [await anext(events), await anext(events)]

    reached, exceeded = asyncio.run(scenario())

    assert isinstance(reached, BudgetThresholdReached)
    assert isinstance(exceeded, BudgetExceededEvent)
    assert reached.service_account_id == exceeded.service_account_id == auth.sa_id
    assert exceeded.reason == BudgetExceededReason.SPEND_CROSSED_CAP
    assert exceeded.spent_minor > exceeded.cap_minor == 1000
    assert reached.occurred_at < exceeded.occurred_at
