"""Real-browser fixtures: Debian's Chromium, headless, driven by Playwright.

One Chromium for all the tests of this folder (Playwright gives it a fresh temporary
profile), a fresh context and page per test, and the simulator served over real HTTP
on loopback. The browser lives for this package, not the whole session: while
Playwright's sync driver runs, the main thread has a running event loop, so every
`asyncio.run` in a later test would fail.
Chromium is never downloaded: `make test` installs Debian's package, and a missing
one fails these tests with what to do, instead of skipping them.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Playwright, sync_playwright

from gpuaas_sdk import Client
from gpuaas_sdk.auth import DevPasswordAuth
from gpuaas_sim import SimConfig, Simulator, serve_in_thread
from gpuaas_sim.web import assets

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--no-sandbox",  # CI runs as root
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WAIT_MS = 15_000
"""The longest Playwright waits for a page or an element before it gives up."""


@pytest.fixture(scope="package")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="package")
def chromium(playwright: Playwright) -> Iterator[Browser]:
    if not CHROMIUM.is_file():
        pytest.fail(
            f"the browser tests need Debian's Chromium at {CHROMIUM}: run `make browser-setup` "
            "(as root it installs it), or `apt-get install -y --no-install-recommends chromium`",
            pytrace=False,
        )
    browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
    yield browser
    browser.close()


class Console:
    """What the page reported as broken: console errors (CSP violations too), uncaught errors."""

    def __init__(self, page: Page) -> None:
        self.errors: list[str] = []
        page.on("console", self._message)
        page.on("pageerror", lambda error: self.errors.append(str(error)))

    def _message(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.errors.append(message.text)


@pytest.fixture
def page(chromium: Browser) -> Iterator[Page]:
    context = chromium.new_context()
    context.set_default_timeout(WAIT_MS)
    yield context.new_page()
    context.close()


@pytest.fixture
def console(page: Page) -> Console:
    """The page's console, listened to from before the test loads anything."""
    return Console(page)


@pytest.fixture
def sim_config() -> SimConfig:
    """The simulator's settings; a module overrides this fixture to change them."""
    return SimConfig(clock_speed=50)


@pytest.fixture
def sim(sim_config: SimConfig) -> Iterator[Simulator]:
    simulator = Simulator(sim_config)
    yield simulator
    simulator.close()


@pytest.fixture
def base_url(sim: Simulator) -> Iterator[str]:
    with serve_in_thread(sim) as server:
        yield server.base_url


@pytest.fixture
def client(base_url: str) -> Iterator[Client]:
    with Client(base_url, auth=DevPasswordAuth("dev-user", "dev123")) as signed_in:
        yield signed_in


@pytest.fixture
def xterm_bundled() -> None:
    """The terminal page's xterm.js, which `make setup` copies into the package."""
    if not assets.xterm_bundled():
        pytest.fail(
            "the terminal page's xterm.js is not bundled into src/gpuaas_sim/static/assets/"
            "vendor/: run `make setup` (npm ci, then scripts/bundle_web.py)",
            pytrace=False,
        )


def wait_until(check: Callable[[], bool], what: str, timeout: float = WAIT_MS / 1000) -> None:
    """Poll `check` until it holds; fail saying `what` was awaited (no timing is asserted)."""
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            pytest.fail(f"gave up after {timeout:g}s waiting for {what}")
        time.sleep(0.02)
