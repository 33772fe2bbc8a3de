"""`BrowserOIDCAuth` with a person at a real Chromium: wrong passwords, Cancel, the terminal.

The SDK opens the sign-in URL; the test plays the person in Chromium on that page
(typing, pressing buttons) until the browser lands on the SDK's loopback listener.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from gpuaas_sdk import Client
from gpuaas_sdk.auth import BrowserLoginRefused, BrowserOIDCAuth, FileTokenStore
from gpuaas_sim.platform.oidc import MAX_FAILED_SIGN_INS

pytestmark = pytest.mark.browser

Person = Callable[[Page], None]


def type_password(password: str) -> Person:
    def sign_in(page: Page) -> None:
        page.get_by_label("Username").fill("dev-user")
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Sign in").click()

    return sign_in


def press_cancel(page: Page) -> None:
    page.get_by_role("button", name="Cancel").click()


def at_the_browser(page: Page, *steps: Person) -> Callable[[str], None]:
    """An `open_url` that loads the URL in Chromium, runs the person's steps, and waits
    for the browser to land back on the SDK's loopback listener."""

    def open_url(url: str) -> None:
        page.goto(url)
        for step in steps:
            step(page)
        page.wait_for_url("http://127.0.0.1:*/callback?*")

    return open_url


def test_a_wrong_password_shows_the_form_again_and_the_right_one_signs_in(
    page: Page, base_url, tmp_path: Path
) -> None:
    def wrong_then_right(page: Page) -> None:
        type_password("not-the-password")(page)
        left = MAX_FAILED_SIGN_INS - 1
        expect(page.get_by_role("alert")).to_have_text(
            f"The username or password is wrong. Try again ({left} attempts left)."
        )
        expect(page.get_by_label("Username")).to_have_value("dev-user")
        expect(page.get_by_label("Password")).to_have_value("")
        expect(page.get_by_label("Password")).to_be_focused()
        assert '"error"' not in page.content()  # a page, not the API's error envelope
        page.get_by_label("Password").fill("dev123")
        page.get_by_label("Password").press("Enter")

    store = FileTokenStore(tmp_path / "tokens.json")
    auth = BrowserOIDCAuth(open_url=at_the_browser(page, wrong_then_right), token_store=store)
    with Client(base_url, auth=auth) as client:
        assert client.auth.whoami().display_name == "dev-user"

    expect(page).to_have_title("Signed in to GPUaaS · GPUaaS")
    expect(page.get_by_role("heading")).to_have_text("Signed in to GPUaaS")
    expect(page.get_by_text("You can close this tab")).to_be_visible()


def test_cancel_fails_the_sign_in_at_once_and_the_tab_says_so(page: Page, base_url) -> None:
    auth = BrowserOIDCAuth(open_url=at_the_browser(page, press_cancel), timeout=600)
    with Client(base_url, auth=auth) as client, pytest.raises(BrowserLoginRefused) as raised:
        client.auth.whoami()

    assert raised.value.error == "access_denied"
    assert raised.value.description == "The sign-in was cancelled."
    expect(page.get_by_role("heading")).to_have_text("Not signed in")
    expect(page.get_by_text("The sign-in was cancelled.")).to_be_visible()
    expect(page.get_by_text("You can close this tab")).to_be_visible()


def test_too_many_wrong_passwords_end_the_sign_in(page: Page, base_url) -> None:
    wrong = [type_password(f"guess-{n}") for n in range(MAX_FAILED_SIGN_INS)]
    auth = BrowserOIDCAuth(open_url=at_the_browser(page, *wrong), timeout=600)
    with Client(base_url, auth=auth) as client, pytest.raises(BrowserLoginRefused) as raised:
        client.auth.whoami()

    assert raised.value.description == "Too many failed sign-in attempts."
    expect(page.get_by_text("Too many failed sign-in attempts.")).to_be_visible()


SIGN_IN = textwrap.dedent(
    """
    import sys
    from gpuaas_sdk import Client
    from gpuaas_sdk.auth import BrowserOIDCAuth, FileTokenStore

    auth = BrowserOIDCAuth(token_store=FileTokenStore(sys.argv[2]), timeout=120)
    with Client(sys.argv[1], auth=auth) as client:
        print(client.auth.whoami().display_name)
    """
)


def browser_launcher(tmp_path: Path) -> tuple[Path, Path]:
    """A program for `$BROWSER` that hands the URL it is given to the test (in a file)."""
    handed = tmp_path / "opened-url"
    launcher = tmp_path / "browser"
    launcher.write_text(
        f"#!{sys.executable}\nimport sys, pathlib\n"
        f"pathlib.Path({str(handed)!r}).write_text(sys.argv[1])\n"
    )
    launcher.chmod(launcher.stat().st_mode | stat.S_IXUSR)
    return launcher, handed


def test_the_terminal_shows_the_url_and_the_wait_while_the_browser_signs_in(
    page: Page, base_url, tmp_path: Path
) -> None:
    launcher, handed = browser_launcher(tmp_path)
    store = tmp_path / "tokens.json"
    program = subprocess.Popen(
        [sys.executable, "-c", SIGN_IN, base_url, str(store)],
        env={**os.environ, "BROWSER": str(launcher)},  # what `webbrowser.open` runs
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while not handed.exists() and program.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert handed.exists(), "the SDK did not open a browser"
        url = handed.read_text()
        at_the_browser(page, type_password("dev123"))(url)
        landed = page.url
        out, err = program.communicate(timeout=60)
    finally:
        program.kill()

    assert (program.returncode, out) == (0, "dev-user\n"), err
    assert err.startswith("A browser was opened to sign in to GPUaaS. If it did not open, visit")
    assert f"\n    {url}\n" in err  # the URL alone on its line, to copy
    assert "Waiting up to 2 min for the sign-in to finish in the browser (Ctrl-C to stop)" in err
    code = landed.split("code=", 1)[1].split("&", 1)[0]
    tokens = FileTokenStore(store).load()
    assert tokens is not None
    for secret in (code, tokens.access_token, tokens.refresh_token):
        assert secret not in err


KEEPING = textwrap.dedent(
    """
    import sys
    from gpuaas_sdk import Client
    from gpuaas_sdk.auth import BrowserOIDCAuth

    with Client(sys.argv[1], auth=BrowserOIDCAuth(tenant_hint="acme", timeout=120)) as client:
        print(client.auth.whoami().display_name)
    """
)


def test_the_next_process_reuses_the_browser_sign_in_kept_in_the_default_store(
    page: Page, base_url, tmp_path: Path
) -> None:
    launcher, handed = browser_launcher(tmp_path)
    env = {**os.environ, "BROWSER": str(launcher), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    first = subprocess.Popen(
        [sys.executable, "-c", KEEPING, base_url],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while not handed.exists() and first.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert handed.exists(), "the SDK did not open a browser"
        at_the_browser(page, type_password("dev123"))(handed.read_text())
        out, err = first.communicate(timeout=60)
    finally:
        first.kill()
    handed.unlink()

    second = subprocess.run(
        [sys.executable, "-c", KEEPING, base_url],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert (first.returncode, out) == (0, "dev-user\n"), err
    assert (second.returncode, second.stdout) == (0, "dev-user\n"), second.stderr
    assert not handed.exists(), "the second process opened the browser again"
    assert second.stderr == ""
    store = tmp_path / "config" / "gpuaas" / "tokens.json"
    assert stat.S_IMODE(store.stat().st_mode) == 0o600
