"""A service account's monthly spend cap through the facade, sync and async: the typed
`BudgetExceeded` carries the headroom, and a request shrunk to fit it succeeds."""

from __future__ import annotations

import asyncio
import uuid

import pytest

from gpuaas_sdk import AsyncClient, Client
from gpuaas_sdk.auth import ServiceAccountAuth
from gpuaas_sdk.errors import BudgetExceeded, PaymentRequiredError
from gpuaas_sim import SimConfig

H200_GPU_HOUR = 349  # minor units, the seed price


@pytest.fixture
def sim_config() -> SimConfig:
    # jwt-bearer assertions are checked against the platform's clock: keep it real-time.
    return SimConfig(clock_speed=1)


def capped_account(client: Client, cap_minor: int) -> ServiceAccountAuth:
    """What an admin does once: an account with a cap, and a generated key for it."""
    account = client.service_accounts.create(
        name=f"ci-{uuid.uuid4().hex[:8]}",
        principal_kind="service",
        monthly_spend_cap_minor=cap_minor,
    )
    created = client.service_accounts.keys.create(account.id)
    return ServiceAccountAuth(account.id, created.key.id, str(created.private_key_pem))


def test_budget_error_gives_the_headroom_to_shrink_the_request(
    base_url: str, client: Client
) -> None:
    with Client(base_url, auth=capped_account(client, cap_minor=1000)) as bot:
        with pytest.raises(BudgetExceeded) as refused:
            bot.allocations.create(sku="h200-sxm-slice", gpus_total=4)  # 1396 per hour
        error = refused.value
        headroom = error.details["headroom_minor"]
        fitting = headroom // H200_GPU_HOUR
        allocation = bot.allocations.create(sku="h200-sxm-slice", gpus_total=fitting)

    assert isinstance(error, PaymentRequiredError)
    assert error.status_code == 402
    assert error.code == "budget_exceeded"
    assert error.details["cap_minor"] == 1000
    assert error.details["spent_minor"] == 0
    assert error.details["currency"] == "USD"
    assert (headroom, fitting) == (1000, 2)
    assert allocation.gpus_total == 2


def test_budget_error_async(base_url: str, client: Client) -> None:
    auth = capped_account(client, cap_minor=500)

    async def scenario() -> tuple[int, int]:
        async with AsyncClient(base_url, auth=auth) as bot:
            try:
                await bot.allocations.create(sku="h200-sxm-slice", gpus_total=2)
            except BudgetExceeded as error:
                headroom = int(error.details["headroom_minor"])
            else:
                raise AssertionError("a create past the cap was accepted")
            fitting = headroom // H200_GPU_HOUR
            allocation = await bot.allocations.create(sku="h200-sxm-slice", gpus_total=fitting)
            return headroom, allocation.gpus_total

    assert asyncio.run(scenario()) == (500, 1)
