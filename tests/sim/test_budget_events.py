"""Budget events: a capped service account's spend crossing 80 % and 100 % of its cap, and a
create refused with 402, each announced once per crossing (docs/simulator-rules.md)."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

import pytest
from gpuaas_api.models import BudgetExceeded, BudgetThresholdReached
from starlette.testclient import TestClient

from gpuaas_sim import Simulator
from gpuaas_sim.platform.allocations import month_start

from .conftest import Api, error_of
from .test_sa_token import assertion, exchange

PRICE = 349  # h200-sxm-slice, minor units per GPU-hour
CAP = 1000
ACTIVE_AFTER = timedelta(seconds=3)  # provisioning_delay + activation_delay


@pytest.fixture(autouse=True)
def mid_month(sim: Simulator) -> None:
    """Start on the 10th of next month, so no test's hours of spend span a month's end."""
    tenth = month_start(month_start(sim.clock.now()) + timedelta(days=32)) + timedelta(days=9)
    sim.clock.advance((tenth - sim.clock.now()).total_seconds())


def capped_bot(
    client: TestClient, auth: dict[str, str], sim: Simulator, cap: int = CAP
) -> tuple[Api, str]:
    """A service account with a monthly cap, signed in: its side of the API, and its id."""
    body = {"name": f"bot-{uuid.uuid4().hex[:8]}", "principal_kind": "agent"}
    account = client.post(
        "/v1/service-accounts", json={**body, "monthly_spend_cap_minor": cap}, headers=auth
    ).json()
    key = client.post(f"/v1/service-accounts/{account['id']}/keys", json={}, headers=auth).json()
    signer = {
        "sa_id": account["id"],
        "key_id": key["key"]["id"],
        "pem": key["private_key_pem"],
        "algorithm": "RS256",
    }
    now = int(sim.clock.now().timestamp())  # assertions are checked on the platform's clock
    claims = {"iat": now, "exp": now + 300}
    token = exchange(client, assertion(signer, claims=claims)).json()["access_token"]
    return Api(client, {"Authorization": f"Bearer {token}"}), account["id"]


def budget_events(sim: Simulator) -> list[dict[str, Any]]:
    return sim.events.after(sim.clock.now(), where=lambda e: e["type"].startswith("budget."))


def parsed(time: str) -> datetime:
    return datetime.fromisoformat(time.replace("Z", "+00:00"))


def crossing(active: datetime, gpus: int, amount: int) -> datetime:
    """When an allocation of `gpus` GPUs active since `active` has accrued `amount`."""
    return active + timedelta(hours=amount / (PRICE * gpus))


def test_spend_crossing_the_threshold_and_the_cap_is_announced_once_each(
    client: TestClient, auth: dict[str, str], sim: Simulator
) -> None:
    bot, account_id = capped_bot(client, auth, sim)
    created = sim.clock.now()
    assert bot.create(gpus_total=2).status_code == 201  # 698 an hour: within the cap
    sim.clock.advance(ACTIVE_AFTER.total_seconds() + 600)
    assert budget_events(sim) == []  # 10 minutes: 116 spent

    sim.clock.advance(2 * 3600)
    events = budget_events(sim)
    sim.clock.advance(5 * 3600)  # far past both: nothing more to announce

    assert budget_events(sim) == events
    reached, exceeded = events
    BudgetThresholdReached.from_dict(reached)  # the contract's shapes
    BudgetExceeded.from_dict(exceeded)
    assert int(reached["id"]) < int(exceeded["id"])
    assert reached["type"] == "budget.threshold_reached"
    assert (reached["service_account_id"], reached["tenant_id"]) == (account_id, "tnt-acme")
    assert (reached["threshold_percent"], reached["cap_minor"]) == (80, CAP)
    assert 800 <= reached["spent_minor"] <= 801
    assert exceeded["type"] == "budget.exceeded"
    assert (exceeded["reason"], exceeded["estimated_cost_minor"]) == ("spend_crossed_cap", None)
    assert 1000 < exceeded["spent_minor"] <= 1001
    active = created + ACTIVE_AFTER
    for event, amount in ((reached, 800), (exceeded, 1001)):
        late = parsed(event["occurred_at"]) - crossing(active, 2, amount)
        assert timedelta(seconds=-1) <= late <= timedelta(seconds=1)  # when it happened


def test_a_refused_create_announces_the_cap_once_and_the_spend_does_not_repeat_it(
    client: TestClient, auth: dict[str, str], sim: Simulator
) -> None:
    bot, account_id = capped_bot(client, auth, sim)

    refusals = [bot.create(gpus_total=4), bot.create(gpus_total=3)]  # 1396 and 1047 an hour
    [announced] = budget_events(sim)
    assert bot.create(gpus_total=2).status_code == 201
    sim.clock.advance(ACTIVE_AFTER.total_seconds() + 3 * 3600)  # spend passes 80 % and 100 %

    assert [(r.status_code, error_of(r)["code"]) for r in refusals] == [
        (402, "budget_exceeded")
    ] * 2
    assert announced["type"] == "budget.exceeded"
    assert announced["service_account_id"] == account_id
    assert (announced["reason"], announced["estimated_cost_minor"]) == ("create_refused", 1396)
    assert (announced["spent_minor"], announced["cap_minor"]) == (0, CAP)
    assert [e["type"] for e in budget_events(sim)] == [
        "budget.exceeded",
        "budget.threshold_reached",
    ]


def test_a_new_month_announces_its_crossings_again(
    client: TestClient, auth: dict[str, str], sim: Simulator
) -> None:
    bot, _ = capped_bot(client, auth, sim)
    assert bot.create(gpus_total=2).status_code == 201
    sim.clock.advance(ACTIVE_AFTER.total_seconds() + 2 * 3600)
    assert len(budget_events(sim)) == 2

    next_month = month_start(month_start(sim.clock.now()) + timedelta(days=32))
    sim.clock.advance((next_month - sim.clock.now()).total_seconds() + 2 * 3600)

    again = budget_events(sim)[2:]
    assert [e["type"] for e in again] == ["budget.threshold_reached", "budget.exceeded"]
    late = parsed(again[0]["occurred_at"]) - crossing(next_month, 2, 800)
    # The month's spend is the accrued cost now less the accrued cost at the month's start,
    # each whole minor units: up to one unit (5.2 s of 698 an hour) early.
    unit = timedelta(hours=1 / (PRICE * 2))
    assert -unit - timedelta(seconds=1) <= late <= timedelta(seconds=1)


@pytest.mark.sim_config(budget_threshold_percent=50)
def test_the_threshold_is_a_setting_of_the_platform(
    client: TestClient, auth: dict[str, str], sim: Simulator
) -> None:
    bot, _ = capped_bot(client, auth, sim)
    assert bot.create(gpus_total=2).status_code == 201
    sim.clock.advance(ACTIVE_AFTER.total_seconds() + 3600)  # 698 spent: past 500, under 1000

    [reached] = budget_events(sim)
    assert (reached["threshold_percent"], reached["spent_minor"]) == (50, 500)


def test_accounts_without_a_cap_and_humans_announce_nothing(
    client: TestClient, auth: dict[str, str], sim: Simulator
) -> None:
    Api(client, auth).create(gpus_total=8)
    uncapped = {"name": "free-bot", "principal_kind": "agent"}
    assert client.post("/v1/service-accounts", json=uncapped, headers=auth).status_code == 201
    sim.clock.advance(24 * 3600)

    assert budget_events(sim) == []


def test_bad_threshold_settings_are_refused() -> None:
    from gpuaas_sim import SimConfig

    for percent in (0, 101):
        with pytest.raises(ValueError, match="budget_threshold_percent"):
            SimConfig(budget_threshold_percent=percent)
