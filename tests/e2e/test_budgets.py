"""Spend limits through the facade (sync and async): `BudgetExceeded`'s typed attributes,
project budgets, spend grants, and the grant trial of 64 launchers (threads and processes;
`python -m drills.drill_grants` runs 200 of them, here two)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from drills import drill_grants as grant_drill
from drills._sim import faulty_simulator
from gpuaas_sdk import AsyncClient, Client
from gpuaas_sdk.auth import DevPasswordAuth
from gpuaas_sdk.errors import (
    BudgetExceeded,
    InsufficientPermissions,
    PaymentRequiredError,
    TokenInvalid,
)
from gpuaas_sim import Simulator

H200 = "h200-sxm-slice"


def tomorrow() -> datetime:
    return datetime.now(UTC) + timedelta(days=1)


def test_budget_exceeded_has_typed_attributes_and_suggests_what_fits(client: Client) -> None:
    client.projects.set_budget("prj-default", 1000)
    client.allocations.create(sku=H200, gpus_total=2)  # commits 698

    with pytest.raises(BudgetExceeded) as refused:
        client.allocations.create(sku=H200, gpus_total=2)
    fits = client.allocations.create(
        sku=H200, gpus_total=1, max_runtime_seconds=3000
    )  # 291 of 302 left
    budget = client.projects.get_budget("prj-default")

    error = refused.value
    assert isinstance(error, PaymentRequiredError)
    assert (error.headroom_minor, error.currency) == (302, "USD")
    assert (error.cap_minor, error.committed_minor, error.limit_kind) == (1000, 698, "project")
    assert error.largest_gpus_total == 0 and error.largest_count is None
    assert "at most 0 GPUs of h200-sxm-slice would fit" in str(error)
    assert fits.gpus_total == 1
    assert budget.monthly_budget_minor == 1000 and budget.headroom_minor == 1000 - 698 - 291


def test_a_fleet_refusal_names_the_largest_fleet_that_fits(client: Client) -> None:
    client.projects.set_budget("prj-default", 349 * 8 * 2 + 100)

    with pytest.raises(BudgetExceeded) as refused:
        client.allocations.create_fleet(count=4, sku=H200, gpus_total=8)

    assert refused.value.largest_count == 2
    fleet = client.allocations.create_fleet(count=refused.value.largest_count, gpu="h200:8")
    assert fleet.active_count == 2


def test_a_spend_grant_token_spends_within_its_grant(base_url: str, client: Client) -> None:
    created = client.spend_grants.create(
        name="ci", amount_minor=1000, expires_at=tomorrow(), allowed_skus=[H200]
    )

    with Client(base_url, auth=str(created.token)) as agent:
        whoami = agent.auth.whoami()
        agent.allocations.create(gpu="h200:2")
        with pytest.raises(BudgetExceeded) as over:
            agent.allocations.create(sku=H200, gpus_total=1)
        with pytest.raises(InsufficientPermissions):
            agent.allocations.create(sku="l40s-slice", gpus_total=1)
        with pytest.raises(InsufficientPermissions):
            list(agent.projects.list())
        seen = agent.spend_grants.get(created.grant.id)
        client.spend_grants.revoke(created.grant.id)
        with pytest.raises(TokenInvalid):
            agent.allocations.create(sku=H200, gpus_total=1)

    assert whoami.roles == ["spend_grant"]
    assert (over.value.limit_kind, over.value.headroom_minor) == ("spend_grant", 302)
    assert (seen.committed_minor, seen.remaining_minor) == (698, 302)
    assert str(created.token) not in repr(created)  # the token prints as <redacted>


def test_grants_and_budgets_async(base_url: str) -> None:
    async def scenario() -> tuple[int | None, str, int]:
        async with AsyncClient(base_url, auth=DevPasswordAuth("dev-user", "dev123")) as client:
            budget = await client.projects.set_budget("prj-default", 5000)
            created = await client.spend_grants.create(
                name="agent", amount_minor=500, expires_at=tomorrow(), allowed_skus=[H200]
            )
            grants = [g async for g in client.spend_grants.list()]
            async with AsyncClient(base_url, auth=str(created.token)) as agent:
                with pytest.raises(BudgetExceeded) as refused:
                    await agent.allocations.create(sku=H200, gpus_total=2)
                fits = refused.value.largest_gpus_total or 0
                allocation = await agent.allocations.create(sku=H200, gpus_total=fits)
            return budget.headroom_minor, grants[0].id, allocation.gpus_total

    headroom, grant_id, gpus = asyncio.run(scenario())

    assert headroom == 5000 and grant_id.startswith("sg-") and gpus == 1


# -- the trial ------------------------------------------------------------------------------


@pytest.fixture
def faulty() -> Iterator[tuple[Simulator, str]]:
    with faulty_simulator(grant_drill.FAULTS, seed=3, clock_speed=1.0) as running:
        yield running


def test_64_launchers_never_commit_more_than_the_grant(faulty: tuple[Simulator, str]) -> None:
    sim, base_url = faulty

    report = grant_drill.run_trials(sim, base_url, trials=2, processes=1, seed=3)

    assert report.violations == []
    assert report.trials == 2 and report.admitted > 0
    assert report.outcomes["budget_exceeded"] > 0  # the grant, not luck, stopped them
    assert 0 < report.most_committed <= grant_drill.GRANT_MINOR
