"""Quotes that bind, GPU shorthand with a price cap, holds and capacity watches, through the
facade (sync and async) against the simulator."""

from __future__ import annotations

import asyncio
import threading

import pytest

from gpuaas_sdk import AsyncClient, Client
from gpuaas_sdk.auth import DevPasswordAuth
from gpuaas_sdk.errors import (
    ArgumentError,
    HoldExpired,
    PriceCapExceeded,
    QuoteExpired,
    QuoteMismatch,
    SKUUnavailable,
    WaitTimeoutError,
)
from gpuaas_sim import Simulator

H200, H100 = "h200-sxm-slice", "h100-sxm-slice"


def auth() -> DevPasswordAuth:
    return DevPasswordAuth("dev-user", "dev123")


# -- quotes -------------------------------------------------------------------------------


def test_a_quote_binds_and_usage_names_it(client: Client, sim: Simulator) -> None:
    quote = client.catalog.quote(H200, 8, 24, region_code="us-buffalo-1")
    sim.pricing.set_price(H200, 499)

    allocation = client.allocations.create(sku=H200, gpus_total=8, quote_id=quote.id)
    client.allocations.wait_for(allocation.id)
    sim.clock.advance(600)
    records = list(client.billing.usage(allocation_id=allocation.id))

    assert quote.price_per_gpu_hour_minor == 349 and quote.total_minor == 349 * 8 * 24
    assert client.catalog.get_quote(quote.id).id == quote.id
    assert allocation.price_per_gpu_hour_minor == 349 and allocation.quote_id == quote.id
    assert records and {r.quote_id for r in records} == {quote.id}
    assert client.catalog.get_sku(H200).price_per_gpu_hour_minor == 499


def test_a_quote_refused_with_typed_errors(client: Client, sim: Simulator) -> None:
    quote = client.catalog.quote(H200, 8, 1)

    with pytest.raises(QuoteMismatch) as mismatch:
        client.allocations.create(sku=H200, gpus_total=4, quote_id=quote.id)
    sim.clock.advance(15 * 60)
    with pytest.raises(QuoteExpired) as expired:
        client.allocations.create(sku=H200, gpus_total=8, quote_id=quote.id)

    assert mismatch.value.details["request"]["gpus_total"] == 4
    assert expired.value.details["quote_id"] == quote.id


def test_quotes_async(base_url: str, sim: Simulator) -> None:
    async def scenario() -> tuple[int, str | None]:
        async with AsyncClient(base_url, auth=auth()) as client:
            quote = await client.catalog.quote(H100, 8, 2)
            sim.pricing.set_price(H100, 1)
            allocation = await client.allocations.create(sku=H100, gpus_total=8, quote_id=quote.id)
            return allocation.price_per_gpu_hour_minor, allocation.quote_id

    price, quote_id = asyncio.run(scenario())

    assert price == 249 and quote_id is not None


# -- shorthand and price caps ---------------------------------------------------------------


def test_gpu_shorthand_picks_the_cheapest_sku_with_room(client: Client) -> None:
    allocation = client.allocations.create(gpu="h100:8")
    cheapest_40gb = client.allocations.create(gpu="gpu:40gb:2")

    assert (allocation.sku, allocation.gpus_total) == (H100, 8)
    assert (cheapest_40gb.sku, cheapest_40gb.gpus_total) == ("l40s-slice", 2)
    with pytest.raises(ArgumentError, match="either sku= or gpu="):
        client.allocations.create(sku=H200, gpu="h200:1")


def test_a_price_cap_refuses_rather_than_pays_more(client: Client, sim: Simulator) -> None:
    sim.pricing.set_price(H200, 420)

    with pytest.raises(PriceCapExceeded) as refused:
        client.allocations.create(sku=H200, gpus_total=1, max_price_per_gpu_hour_minor=400)
    with pytest.raises(SKUUnavailable, match="400 minor units per GPU-hour or less"):
        client.allocations.create(gpu="h200:8", max_price_per_gpu_hour_minor=400)
    capped = client.allocations.create(gpu="h200:1", max_price_per_gpu_hour_minor=420)

    assert refused.value.details["price_per_gpu_hour_minor"] == 420
    assert capped.price_per_gpu_hour_minor == 420
    assert len(sim.allocations) == 1


# -- holds --------------------------------------------------------------------------------


def test_a_create_inside_a_hold_always_succeeds(client: Client) -> None:
    hold = client.catalog.hold(H200, 16, "us-buffalo-1", 300)
    for _ in range(6):
        client.allocations.create(sku=H200, gpus_total=8)  # everything else taken
    with pytest.raises(SKUUnavailable):
        client.allocations.create(sku=H200, gpus_total=1)

    inside = [client.allocations.create(sku=H200, gpus_total=8, hold_id=hold.id) for _ in "ab"]
    used = client.catalog.get_hold(hold.id)

    assert {a.hold_id for a in inside} == {hold.id}
    assert (str(used.status), used.gpus_remaining) == ("used", 0)
    assert [h.id for h in client.catalog.list_holds()] == [hold.id]
    with pytest.raises(HoldExpired):
        client.allocations.create(sku=H200, gpus_total=1, hold_id=hold.id)


def test_holds_expire_and_release_async(base_url: str, sim: Simulator) -> None:
    async def scenario() -> tuple[str, str]:
        async with AsyncClient(base_url, auth=auth()) as client:
            short = await client.catalog.hold(H100, 8, "eu-helsinki-1", 5)
            other = await client.catalog.hold(H100, 8, "us-buffalo-1", 300)
            sim.clock.advance(5)
            released = await client.catalog.release_hold(other.id)
            return str((await client.catalog.get_hold(short.id)).status), str(released.status)

    assert asyncio.run(scenario()) == ("expired", "released")


# -- capacity watches -----------------------------------------------------------------------


def fill_h100_in_buffalo(client: Client) -> list[str]:
    return [
        client.allocations.create(sku=H100, gpus_total=8, region_code="us-buffalo-1").id
        for _ in range(4)
    ]


def release_soon(client: Client, allocation_id: str, gate: threading.Event) -> threading.Thread:
    def release() -> None:
        gate.wait(30)
        client.allocations.release(allocation_id)

    thread = threading.Thread(target=release, daemon=True)
    thread.start()
    return thread


def test_wait_for_capacity_wakes_on_the_event(client: Client, sim: Simulator) -> None:
    taken = fill_h100_in_buffalo(client)
    gate = threading.Event()
    releaser = release_soon(client, taken[0], gate)
    seen: list[str | None] = []

    def progress(report: object) -> None:
        seen.append(getattr(report, "state", None))
        gate.set()  # the waiter is watching: now free the GPUs

    watch = client.catalog.wait_for_capacity(
        H100, 8, region="us-buffalo-1", timeout=60, progress=progress
    )
    releaser.join()

    assert str(watch.status) == "available"
    assert (watch.available_region_code, watch.available_gpus) == ("us-buffalo-1", 8)
    assert seen[0] == "watching"
    assert any(r.path == "/v1/events/stream" for r in sim.requests_log)


def test_wait_for_capacity_async_and_its_timeout(base_url: str, client: Client) -> None:
    fill_h100_in_buffalo(client)

    async def scenario() -> None:
        async with AsyncClient(base_url, auth=auth()) as agent:
            free = await agent.catalog.wait_for_capacity(H100, 8, timeout=30)  # Helsinki
            assert free.available_region_code == "eu-helsinki-1"
            with pytest.raises(WaitTimeoutError):
                await agent.catalog.wait_for_capacity(H100, 8, region="us-buffalo-1", timeout=1)
            watches = [w async for w in agent.catalog.list_capacity_watches()]
            assert [str(w.status) for w in watches] == ["cancelled", "available"]

    asyncio.run(scenario())
