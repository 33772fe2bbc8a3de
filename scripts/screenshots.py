"""Take the pictures of the simulator's pages that docs/simulator.md shows.

    .venv/bin/python scripts/screenshots.py        # writes docs/images/{terminal,playground}.png

Runs a simulator in this process, drives Debian's Chromium headless through Playwright
(as tests/browser does: `make setup browser-setup` first), and plays a short session:
an allocation with `nvidia-smi` in its browser terminal; a few SDK calls, a stored file
and a 503 storm ridden out by the SDK's retries on the playground.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from playwright.sync_api import Page, expect, sync_playwright

from gpuaas_sdk import Client
from gpuaas_sdk.auth import DevPasswordAuth
from gpuaas_sim import SimConfig, Simulator, serve_in_thread
from gpuaas_sim.web import assets

ROOT = Path(__file__).resolve().parent.parent
IMAGES = ROOT / "docs" / "images"
CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]


def terminal(page: Page, client: Client, sim: Simulator) -> None:
    alloc = client.allocations.create(sku="h200-sxm-slice", gpus_total=2)
    client.allocations.wait_for(alloc.id, timeout=30)
    sim.clock.set_speed(0)
    page.set_viewport_size({"width": 980, "height": 620})
    page.goto(client.allocations.mint_terminal_token(alloc.id).page_url)
    expect(page.get_by_role("status")).to_have_text("Connected")
    page.locator("#terminal").click()
    page.keyboard.type("nvidia-smi\n")
    expect(page.locator(".xterm-rows")).to_contain_text("Processes:")
    page.keyboard.type("echo ready\n")
    page.wait_for_timeout(300)  # the cursor settles: a picture, not an assertion
    page.screenshot(path=IMAGES / "terminal.png")
    sim.clock.set_speed(50)


def playground(page: Page, client: Client, tmp: Path) -> None:
    page.set_viewport_size({"width": 1280, "height": 1000})
    page.goto(f"{client.base_url}/_sim/playground")
    expect(page.get_by_role("status").first).to_have_text("Live")
    client.allocations.create(sku="h100-sxm-slice", gpus_total=1, region_code="eu-helsinki-1")
    weights = tmp / "weights.bin"
    weights.write_bytes(b"\0" * 300_000)
    client.storage.mkdir(path="/models/")
    client.storage.upload(local_path=weights, remote_path="/models/weights.bin")
    page.get_by_role("button", name="503 storm").click()
    expect(page.get_by_text("503 (3 left)")).to_be_visible()
    list(client.catalog.list_skus())  # retried through the storm
    expect(page.locator("#requests tr", has_text="503")).to_have_count(3)
    page.get_by_role("button", name="Slow responses").click()
    expect(page.get_by_text("+1.5 s")).to_be_visible()
    page.screenshot(path=IMAGES / "playground.png", full_page=True)


def main() -> int:
    if not assets.xterm_bundled():
        print("xterm.js is not bundled: run `make setup` first", file=sys.stderr)
        return 1
    IMAGES.mkdir(parents=True, exist_ok=True)
    sim = Simulator(SimConfig(clock_speed=50, control_api=True, playground=True))
    with serve_in_thread(sim) as server, sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        page = browser.new_context(color_scheme="dark", device_scale_factor=1).new_page()
        with Client(server.base_url, auth=DevPasswordAuth("dev-user", "dev123")) as client:
            terminal(page, client, sim)
            page.goto("about:blank")
            page.context.close()
            page = browser.new_context(color_scheme="light").new_page()
            with tempfile.TemporaryDirectory() as tmp:
                playground(page, client, Path(tmp))
            page.goto("about:blank")  # ends the page's live feed before the server stops
        browser.close()
    sim.close()
    print(f"wrote {IMAGES / 'terminal.png'} and {IMAGES / 'playground.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
