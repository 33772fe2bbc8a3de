"""Browser sign-in (OIDC code + PKCE) end to end, and tokens shared through the token store.

The "browser" is a function given the authorize URL: it loads the sign-in page, posts
the form with the dev user's password (or presses Cancel) and follows the redirect to
the SDK's loopback listener, as a person's browser would. `tests/browser` does the same
in a real Chromium.
"""

from __future__ import annotations

import asyncio
import json
import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
from gpuaas_api.http_stack import httpx

from gpuaas_sdk import AsyncClient, Client
from gpuaas_sdk.auth import BrowserLoginError, BrowserLoginRefused, BrowserOIDCAuth, FileTokenStore
from gpuaas_sim import SimConfig, Simulator, serve_in_thread
from gpuaas_sim.platform.oidc import MAX_FAILED_SIGN_INS


class Browser:
    """Signs in on the page it is sent to; counts how often it was needed.

    `passwords` are typed in turn (the last one ends the sign-in); `cancel` presses
    Cancel instead. `landing` keeps the text of the listener's page.
    """

    def __init__(
        self,
        *,
        state: str | None = None,
        passwords: tuple[str, ...] = ("dev123",),
        cancel: bool = False,
    ) -> None:
        self.opened: list[str] = []
        self.landing = ""
        self._state = state
        self._passwords = passwords
        self._cancel = cancel

    def __call__(self, url: str) -> None:
        self.opened.append(url)
        page = httpx.get(url)
        assert page.status_code == 200 and "<form" in page.text
        form = dict(parse_qsl(urlsplit(url).query))
        if self._state is not None:
            form["state"] = self._state
        parts = urlsplit(url)
        action = f"{parts.scheme}://{parts.netloc}{parts.path}"
        if self._cancel:
            answer = httpx.post(action, data={**form, "action": "cancel"})
        else:
            for password in self._passwords:
                typed = {"username": "dev-user", "password": password, "action": "sign_in"}
                answer = httpx.post(action, data={**form, **typed})
        assert answer.status_code == 303, answer.text
        callback = httpx.get(answer.headers["location"])  # the SDK's loopback listener
        assert callback.status_code == 200
        self.landing = callback.text


def no_browser(url: str) -> None:
    raise AssertionError("a browser sign-in was not expected")


@pytest.fixture
def store(tmp_path: Path) -> FileTokenStore:
    return FileTokenStore(tmp_path / "gpuaas" / "tokens.json")


def test_a_browser_sign_in_gives_a_client_that_knows_the_user(base_url, store) -> None:
    browser = Browser()
    auth = BrowserOIDCAuth(open_browser=False, open_url=browser, token_store=store)
    with Client(base_url, auth=auth) as client:
        assert client.auth.whoami().display_name == "dev-user"
        client.auth.whoami()

    assert len(browser.opened) == 1
    query = dict(parse_qsl(urlsplit(browser.opened[0]).query))
    assert query["code_challenge_method"] == "S256"
    assert query["client_id"] == "gpuaas-sdk"
    assert query["redirect_uri"].startswith("http://127.0.0.1:")
    assert stat.S_IMODE(os.stat(store.path).st_mode) == 0o600
    assert store.load() is not None


def test_the_async_client_signs_in_without_blocking_its_loop(base_url, store) -> None:
    async def main() -> str:
        auth = BrowserOIDCAuth(open_browser=False, open_url=Browser(), token_store=store)
        async with AsyncClient(base_url, auth=auth) as client:
            ticks = 0

            async def ticker() -> None:
                nonlocal ticks
                while True:
                    ticks += 1
                    await asyncio.sleep(0.001)

            task = asyncio.create_task(ticker())
            whoami = await client.auth.whoami()
            task.cancel()
            assert ticks > 1  # the loop kept running during the sign-in
            return whoami.display_name

    assert asyncio.run(main()) == "dev-user"


def test_a_stored_login_is_used_by_the_next_client_without_a_browser(base_url, store) -> None:
    with Client(base_url, auth=BrowserOIDCAuth(open_url=Browser(), token_store=store)) as client:
        client.auth.whoami()
    with Client(base_url, auth=BrowserOIDCAuth(open_url=no_browser, token_store=store)) as client:
        assert client.auth.whoami().display_name == "dev-user"


def test_a_refresh_rotation_is_persisted(sim: Simulator, base_url, store) -> None:
    browser = Browser()
    with Client(base_url, auth=BrowserOIDCAuth(open_url=browser, token_store=store)) as client:
        client.auth.whoami()
        first = store.load()
        sim.identity.expire_access_tokens()
        client.auth.whoami()  # token_expired: refreshed, with rotation
        second = store.load()

    assert first is not None and second is not None
    assert second.refresh_token != first.refresh_token
    assert second.access_token != first.access_token
    assert len(browser.opened) == 1


def test_without_a_browser_the_url_is_printed_and_the_wait_times_out(
    base_url, capsys: pytest.CaptureFixture[str]
) -> None:
    auth = BrowserOIDCAuth(open_browser=False, timeout=0.3)
    with Client(base_url, auth=auth) as client, pytest.raises(BrowserLoginError) as raised:
        client.auth.whoami()

    assert raised.value.code == "login_timeout"
    printed = capsys.readouterr().err
    assert "Open this URL in a browser to sign in to GPUaaS" in printed
    assert f"{base_url}/v1/auth/oidc/authorize?" in printed
    assert "code_challenge_method=S256" in printed
    assert "Waiting up to 0.3 s for the sign-in" in printed


def test_a_redirect_with_another_state_is_refused(base_url) -> None:
    browser = Browser(state="forged-by-someone-else")
    auth = BrowserOIDCAuth(open_url=browser)
    with Client(base_url, auth=auth) as client, pytest.raises(BrowserLoginError) as raised:
        client.auth.whoami()
    assert raised.value.code == "login_state_mismatch"
    assert "Not signed in" in browser.landing


def test_the_listener_page_says_the_sign_in_worked(base_url, store) -> None:
    browser = Browser()
    with Client(base_url, auth=BrowserOIDCAuth(open_url=browser, token_store=store)) as client:
        client.auth.whoami()
    assert "Signed in to GPUaaS" in browser.landing
    assert "close this tab" in browser.landing


def test_a_cancelled_sign_in_fails_at_once_with_the_reason(base_url, store) -> None:
    browser = Browser(cancel=True)
    auth = BrowserOIDCAuth(open_url=browser, token_store=store, timeout=600)
    with Client(base_url, auth=auth) as client, pytest.raises(BrowserLoginRefused) as raised:
        client.auth.whoami()

    refused = raised.value
    assert isinstance(refused, BrowserLoginError)  # what callers already catch
    assert (refused.code, refused.error) == ("login_refused", "access_denied")
    assert refused.description == "The sign-in was cancelled."
    assert refused.details == {
        "error": "access_denied",
        "error_description": "The sign-in was cancelled.",
    }
    assert "Not signed in" in browser.landing
    assert "The sign-in was cancelled." in browser.landing
    assert "close this tab" in browser.landing
    assert store.load() is None


def test_too_many_wrong_passwords_end_the_sign_in(base_url) -> None:
    browser = Browser(passwords=("wrong",) * MAX_FAILED_SIGN_INS)
    auth = BrowserOIDCAuth(open_url=browser, timeout=600)
    with Client(base_url, auth=auth) as client, pytest.raises(BrowserLoginRefused) as raised:
        client.auth.whoami()
    assert raised.value.error == "access_denied"
    assert raised.value.description == "Too many failed sign-in attempts."
    assert "Too many failed sign-in attempts." in browser.landing


def test_a_wrong_password_then_the_right_one_signs_in(base_url) -> None:
    browser = Browser(passwords=("wrong", "dev123"))
    with Client(base_url, auth=BrowserOIDCAuth(open_url=browser, timeout=600)) as client:
        assert client.auth.whoami().display_name == "dev-user"


def test_an_error_description_is_kept_to_the_characters_oauth_allows(base_url) -> None:
    def provider_of_odd_text(url: str) -> None:
        redirect = dict(parse_qsl(urlsplit(url).query))
        odd = {"error": "access_denied", "error_description": 'no\x1b[31m "way"\nreally'}
        httpx.get(redirect["redirect_uri"], params={**odd, "state": redirect["state"]})

    auth = BrowserOIDCAuth(open_url=provider_of_odd_text)
    with Client(base_url, auth=auth) as client, pytest.raises(BrowserLoginRefused) as raised:
        client.auth.whoami()
    assert raised.value.description == "no[31m wayreally"


def test_the_url_and_the_wait_are_printed_when_a_browser_opened(
    base_url, store, capsys: pytest.CaptureFixture[str]
) -> None:
    browser = Browser()
    with Client(base_url, auth=BrowserOIDCAuth(open_url=browser, token_store=store)) as client:
        client.auth.whoami()

    captured = capsys.readouterr()
    assert captured.out == ""
    assert f"\n    {browser.opened[0]}\n" in captured.err
    assert "Waiting up to 5 min for the sign-in to finish in the browser" in captured.err
    tokens = store.load()
    assert tokens is not None
    assert tokens.access_token not in captured.err
    assert tokens.refresh_token not in captured.err
    assert "code=" not in captured.err


WORKER = textwrap.dedent(
    """
    import sys, time
    from gpuaas_sdk import Client
    from gpuaas_sdk.auth import BrowserOIDCAuth, FileTokenStore

    def no_browser(url):
        raise SystemExit("a new sign-in was needed: a refresh token was burnt")

    base_url, path, calls = sys.argv[1], sys.argv[2], int(sys.argv[3])
    auth = BrowserOIDCAuth(open_url=no_browser, token_store=FileTokenStore(path), timeout=5)
    with Client(base_url, auth=auth, max_retries=0) as client:
        for _ in range(calls):
            client.auth.whoami()
            time.sleep(0.02)
    """
)


@pytest.mark.parametrize("sim_config", [SimConfig(clock_speed=1, access_token_ttl=1)])
def test_two_processes_sharing_a_store_never_burn_each_others_refresh_token(
    base_url, store, sim_config
) -> None:
    with Client(base_url, auth=BrowserOIDCAuth(open_url=Browser(), token_store=store)) as client:
        client.auth.whoami()
    first_refresh = store.load()

    workers = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, base_url, str(store.path), "80"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outcomes = [(w.wait(timeout=60), w.communicate()[1]) for w in workers]

    assert [code for code, _ in outcomes] == [0, 0], outcomes
    final = store.load()
    assert final is not None and first_refresh is not None
    assert final.refresh_token != first_refresh.refresh_token  # they did refresh
    assert set(json.loads(store.path.read_text())) == {"default"}
    with Client(base_url, auth=BrowserOIDCAuth(open_url=no_browser, token_store=store)) as client:
        assert client.auth.whoami().display_name == "dev-user"  # the family is intact


# -- kept between runs by default ----------------------------------------------------------

SIGN_IN_AS_A_PROGRAM = textwrap.dedent(
    """
    import sys
    from gpuaas_sdk import Client
    from gpuaas_sdk.auth import BrowserOIDCAuth

    base_url, keep = sys.argv[1], sys.argv[2] == "keep"
    options = {} if keep else {"token_store": None}
    auth = BrowserOIDCAuth(tenant_hint="acme", timeout=60, **options)
    with Client(base_url, auth=auth) as client:
        print(client.auth.whoami().display_name)
    """
)

PERSON_AT_A_BROWSER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from urllib.parse import parse_qsl, urlsplit

    import httpx

    url = sys.argv[1]
    with Path(sys.argv[0]).with_suffix(".opened").open("a") as opened:
        print(url, file=opened)
    parts = urlsplit(url)
    form = {**dict(parse_qsl(parts.query)), "action": "sign_in"}
    form.update(username="dev-user", password="dev123")
    answer = httpx.post(f"{parts.scheme}://{parts.netloc}{parts.path}", data=form)
    httpx.get(answer.headers["location"])  # back to the program's loopback listener
    """
)


def run_program(base_url: str, browser: Path, *, keep: bool) -> subprocess.CompletedProcess[str]:
    """The sign-in program in a process of its own; `$BROWSER` is the person's browser."""
    return subprocess.run(
        [sys.executable, "-c", SIGN_IN_AS_A_PROGRAM, base_url, "keep" if keep else "none"],
        env={**os.environ, "BROWSER": str(browser)},  # what `webbrowser.open` runs
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_a_second_process_reuses_the_sign_in_without_opening_the_browser(
    base_url: str, tmp_path: Path
) -> None:
    browser = tmp_path / "browser.py"
    browser.write_text(f"#!{sys.executable}\n{PERSON_AT_A_BROWSER}")
    browser.chmod(browser.stat().st_mode | stat.S_IXUSR)
    opened = browser.with_suffix(".opened")
    store = Path(os.environ["XDG_CONFIG_HOME"]) / "gpuaas" / "tokens.json"

    first = run_program(base_url, browser, keep=True)
    after_first = opened.read_text().splitlines()
    second = run_program(base_url, browser, keep=True)
    kept = store.read_bytes()
    third = run_program(base_url, browser, keep=False)  # token_store=None: not kept, not used

    assert [p.returncode for p in (first, second, third)] == [0, 0, 0], (
        first.stderr,
        second.stderr,
    )
    assert [p.stdout for p in (first, second, third)] == ["dev-user\n"] * 3
    assert len(after_first) == 1 and "tenant_hint=acme" in after_first[0]
    assert "sign in" not in second.stderr  # no URL printed, no browser opened
    assert len(opened.read_text().splitlines()) == 2  # the first and the third opened it
    assert stat.S_IMODE(os.stat(store).st_mode) == 0o600
    entry = json.loads(kept)["default"]
    assert (entry["origin"], entry["tenant_hint"]) == (base_url, "acme")
    assert store.read_bytes() == kept  # the third process left the stored sign-in alone


def test_a_stored_sign_in_is_not_used_for_another_tenant_or_platform(
    sim: Simulator, base_url: str
) -> None:
    browser = Browser()
    with Client(base_url, auth=BrowserOIDCAuth(tenant_hint="acme", open_url=browser)) as client:
        client.auth.whoami()
    stored = FileTokenStore().load()
    assert stored is not None and stored.tenant_hint == "acme"

    with Client(base_url, auth=BrowserOIDCAuth(tenant_hint="globex", open_url=browser)) as client:
        client.auth.whoami()  # another tenant's sign-in: the browser again
    with serve_in_thread(sim) as other:  # the same platform state, another origin
        auth = BrowserOIDCAuth(tenant_hint="globex", open_url=browser)
        with Client(other.base_url, auth=auth) as client:
            client.auth.whoami()
        seen = [r.headers.get("authorization", "") for r in sim.requests_log]

    assert len(browser.opened) == 3
    replaced = FileTokenStore().load()
    assert replaced is not None and replaced.origin == other.base_url
    assert stored.access_token not in " ".join(seen[-3:])  # never sent to the other origin
