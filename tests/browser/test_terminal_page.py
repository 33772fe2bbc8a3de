"""The browser terminal page (`page_url` of a terminal token) in a real Chromium.

xterm.js renders with its DOM renderer, so what the shell wrote is in `.xterm-rows`,
one element per screen row. The simulator's clock is frozen once the allocation is
active, so a token lives its full minute however slow the machine is.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from gpuaas_sdk import Client, Terminal
from gpuaas_sim import Simulator
from gpuaas_sim.web import terminal_page

from .conftest import Console, wait_until

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("xterm_bundled")]


@pytest.fixture
def alloc(client: Client, sim: Simulator) -> str:
    created = client.allocations.create(sku="h200-sxm-slice", gpus_total=2)
    client.allocations.wait_for(created.id, timeout=30)
    sim.clock.set_speed(0)
    return created.id


def screen_rows(page: Page, pattern: str):
    """The rows of the terminal whose whole text matches `pattern`."""
    return page.locator(".xterm-rows > div", has_text=re.compile(rf"^{pattern}\s*$"))


def open_terminal(page: Page, client: Client, alloc: str) -> None:
    page.goto(client.allocations.mint_terminal_token(alloc).page_url)
    expect(page.get_by_role("status")).to_have_text("Connected")
    expect(page.locator(".xterm-rows")).to_contain_text(f"ubuntu@{alloc}:~$")


def test_typing_a_command_shows_its_output(
    page: Page, console: Console, client: Client, alloc: str
) -> None:
    token = client.allocations.mint_terminal_token(alloc)
    page.goto(token.page_url)
    expect(page.get_by_role("status")).to_have_text("Connected")

    page.locator("#terminal").click()
    page.keyboard.type("echo ready")
    page.keyboard.press("Enter")

    expect(screen_rows(page, "ready")).to_have_count(1)  # the output, not the echoed line
    expect(page).to_have_title(f"Terminal · {alloc} · GPUaaS")
    assert token.token not in page.url  # read from the fragment, then dropped from it
    assert console.errors == []  # xterm.js loads and runs under the page's CSP


def test_a_resize_of_the_window_reaches_the_shell(
    page: Page, client: Client, alloc: str, sim: Simulator
) -> None:
    page.set_viewport_size({"width": 1200, "height": 800})
    open_terminal(page, client, alloc)
    box = page.locator("#terminal")
    first = (int(box.get_attribute("data-cols") or 0), int(box.get_attribute("data-rows") or 0))
    (shell,) = sim.terminals.of(alloc)
    wait_until(lambda: (shell.cols, shell.rows) == first, f"the first size {first} on the server")

    page.set_viewport_size({"width": 640, "height": 420})

    expect(box).not_to_have_attribute("data-cols", str(first[0]))
    resized = (int(box.get_attribute("data-cols") or 0), int(box.get_attribute("data-rows") or 0))
    assert resized[0] < first[0] and resized[1] < first[1]
    wait_until(lambda: (shell.cols, shell.rows) == resized, f"the new size {resized} on the server")
    page.locator("#terminal").click()
    page.keyboard.type("stty size\n")
    expect(screen_rows(page, f"{resized[1]} {resized[0]}")).to_have_count(1)


def test_the_shell_exiting_is_said_on_the_page(page: Page, client: Client, alloc: str) -> None:
    open_terminal(page, client, alloc)

    page.locator("#terminal").click()
    page.keyboard.type("exit 3\n")

    expect(page.get_by_role("status")).to_have_text("Session ended (status 3)")
    expect(page.locator(".xterm-rows")).to_contain_text("[the shell exited with status 3]")


def test_an_expired_link_says_so_instead_of_a_blank_page(
    page: Page, console: Console, client: Client, alloc: str, sim: Simulator
) -> None:
    token = client.allocations.mint_terminal_token(alloc)
    sim.clock.advance(token.expires_in + 1)

    page.goto(token.page_url)

    expect(page.get_by_role("alert")).to_contain_text("This terminal link has expired")
    expect(page.get_by_role("alert")).to_contain_text("client.allocations.connect")
    expect(page.get_by_role("status")).to_have_text("Not connected")
    expect(page.locator("#terminal")).to_be_hidden()
    assert console.errors == []


def test_a_used_link_says_it_was_used(page: Page, client: Client, alloc: str) -> None:
    url = client.allocations.mint_terminal_token(alloc).page_url
    page.goto(url)
    expect(page.get_by_role("status")).to_have_text("Connected")

    page.goto("about:blank")
    page.goto(url)

    expect(page.get_by_role("alert")).to_contain_text("already used or is not valid")


def test_the_page_without_a_link_says_what_it_needs(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/terminal/alloc-anything")

    expect(page.get_by_role("alert")).to_contain_text("This page needs a terminal link")


def test_without_bundled_xterm_the_page_says_what_to_install_and_spares_the_token(
    page: Page,
    console: Console,
    client: Client,
    alloc: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(terminal_page, "xterm_bundled", lambda: False)
    token = client.allocations.mint_terminal_token(alloc)

    page.goto(token.page_url)

    expect(page.get_by_role("alert")).to_contain_text("The browser terminal is not installed here")
    expect(page.get_by_role("alert")).to_contain_text("make setup")
    expect(page.get_by_role("status")).to_have_text("Not available")
    assert console.errors == []
    with Terminal.connect(client.raw.get_httpx_client(), token.ws_url, (80, 24)) as term:
        assert term.run("echo unused") == ("unused\r\n", 0)  # the link's token was not spent
