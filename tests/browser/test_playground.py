"""The playground (`gpuaas-sim --playground`) in a real Chromium, driven with the SDK.

Waits are Playwright's `expect` with the browser tests' generous timeout: the page
updates from its live feed within about a second, and nothing here times it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import httpx
import pytest
from playwright.sync_api import Locator, Page, expect

from gpuaas_sdk import Client
from gpuaas_sim import SimConfig

from .conftest import Console

pytestmark = pytest.mark.browser


@pytest.fixture
def sim_config() -> SimConfig:
    return SimConfig(clock_speed=50, control_api=True, playground=True)


@pytest.fixture
def playground(page: Page, console: Console, base_url: str) -> Iterator[Page]:
    """The page, open and live; left before the server stops, so its feed ends first."""
    page.goto(f"{base_url}/_sim/playground")
    expect(page.locator("#live")).to_have_text("Live")
    yield page
    page.goto("about:blank")
    assert console.errors == []  # the inline script and style pass the page's CSP


LOG_COLUMNS = {"method": 2, "path": 3, "status": 4}


def logged(page: Page, **cells: str) -> Locator:
    """The request log's rows whose named cells (method, path, status) read exactly so."""
    rows = page.locator("#requests tr")
    for name, text in cells.items():
        cell = page.locator(
            f"td:nth-child({LOG_COLUMNS[name]})", has_text=re.compile(f"^{re.escape(text)}$")
        )
        rows = rows.filter(has=cell)
    return rows


def test_a_503_storm_is_ridden_out_by_the_sdk_and_logged(playground: Page, client: Client) -> None:
    client.auth.whoami()  # signed in before the storm: the storm meets the call below

    playground.get_by_role("button", name="503 storm").click()
    expect(playground.locator("#faults")).to_contain_text("any /v1/*: 503 (3 left)")
    retries_before = client.transport_stats["retries"]
    skus = list(client.catalog.list_skus())

    assert [s.id for s in skus][:1] == ["h200-sxm-slice"]  # the call went through
    assert client.transport_stats["retries"] - retries_before == 3
    expect(logged(playground, path="/v1/catalog/skus", status="503")).to_have_count(3)
    expect(logged(playground, path="/v1/catalog/skus", status="200")).to_have_count(1)
    expect(playground.locator("#faults")).to_have_text("Nothing: the platform behaves.")


def test_an_allocation_created_with_the_sdk_appears_live(playground: Page, client: Client) -> None:
    allocations = playground.get_by_role("table", name="Allocations")
    expect(allocations).to_contain_text("None yet")

    created = client.allocations.create(sku="h200-sxm-slice", gpus_total=2)

    row = allocations.get_by_role("row").filter(has_text=created.id)
    expect(row).to_contain_text("h200-sxm-slice")
    expect(row).to_contain_text("active")  # then it follows the allocation's states
    events = playground.get_by_role("table", name="Platform events")
    expect(events.get_by_role("row").filter(has_text=created.id)).to_have_count(3)
    expect(logged(playground, method="POST", path="/v1/allocations", status="201")).to_have_count(1)


def test_the_page_never_shows_a_secret(playground: Page, base_url: str, client: Client) -> None:
    grant = httpx.post(
        f"{base_url}/v1/auth/login", json={"username": "dev-user", "password": "dev123"}
    ).json()
    bearer = {"Authorization": f"Bearer {grant['access_token']}"}
    created = httpx.post(
        f"{base_url}/v1/allocations?trace=1",
        json={"sku": "h200-sxm-slice", "gpus_total": 1},
        headers=bearer,
    ).json()
    client.allocations.wait_for(created["id"], timeout=30)
    terminal = client.allocations.mint_terminal_token(created["id"])
    path = f"/v1/allocations/{created['id']}/terminal-token"
    expect(logged(playground, path=path, status="201")).to_have_count(1)
    expect(playground.get_by_role("table", name="Allocations")).to_contain_text("active")

    shown = playground.content()
    for secret in (
        grant["access_token"],
        grant["refresh_token"],
        "dev123",
        terminal.token,
        "trace=1",  # no query string either
    ):
        assert secret not in shown


def test_the_clock_buttons_move_the_simulated_time(playground: Page) -> None:
    playground.get_by_label("Speed").select_option("0")
    expect(playground.get_by_label("Speed")).to_have_value("0")
    before = playground.locator("#now").get_attribute("datetime")

    playground.get_by_role("button", name="+1 day").click()

    expect(playground.locator("#now")).not_to_have_attribute("datetime", before or "")
    after = playground.locator("#now").get_attribute("datetime") or ""
    assert after[:10] > (before or "")[:10]  # a later day
