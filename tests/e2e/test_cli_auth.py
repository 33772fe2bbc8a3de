"""`gpuaas auth` against the simulator: one sign-in serves the command line and the SDK."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from gpuaas_sdk import Client
from gpuaas_sdk.auth import FileTokenStore

from .gpuaas_cli import as_json, browser, gpuaas


@pytest.fixture
def signed_out(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """No credentials in the environment; the config folder (credentials, tokens) is new."""
    for name in ("GPUAAS_BASE_URL", "GPUAAS_TOKEN", "GPUAAS_USERNAME", "GPUAAS_PASSWORD",
                 "GPUAAS_PROFILE", "GPUAAS_SA_ID"):  # fmt: skip
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return tmp_path / "config" / "gpuaas"


def test_a_browser_sign_in_serves_the_command_line_and_the_sdk(
    signed_out: Path, base_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = tmp_path / "browser.txt"
    monkeypatch.setenv("BROWSER", browser(seen))  # any browser opened is recorded

    login = gpuaas("auth", "login", "--browser", "--base-url", base_url, "--profile", "work")
    whoami = as_json(gpuaas("--profile", "work", "auth", "whoami", "-o", "json"))
    monkeypatch.setenv("GPUAAS_PROFILE", "work")
    with Client.from_default_credentials() as sdk:  # as a script in the same shell
        by_the_sdk = sdk.auth.whoami()

    assert login.returncode == 0, login.stderr
    assert login.stdout.startswith("signed in as dev-user (human) in tenant tnt-acme\n")
    assert len(seen.read_text().splitlines()) == 1  # the sign-in; nothing asked again
    profiles = tomllib.loads((signed_out / "credentials.toml").read_text())
    assert profiles == {"work": {"base_url": base_url, "login": "browser"}}
    assert FileTokenStore(signed_out / "tokens.json").load("work") is not None
    assert whoami["display_name"] == by_the_sdk.display_name == "dev-user"


def test_a_password_sign_in_whoami_and_logout(signed_out: Path, base_url: str) -> None:
    login = as_json(
        gpuaas("auth", "login", "--password", "--username", "dev-user", "--password-stdin",
               "--base-url", base_url, "-o", "json", stdin="dev123\n")
    )  # fmt: skip
    whoami = gpuaas("auth", "whoami")
    tokens = FileTokenStore(signed_out / "tokens.json")
    kept = tokens.load("default")
    logout = gpuaas("auth", "logout", "--forget")
    after = gpuaas("auth", "whoami")

    assert (login["profile"], login["display_name"]) == ("default", "dev-user")
    assert login["credentials_file"] == str(signed_out / "credentials.toml")
    assert "password" not in login
    assert whoami.returncode == 0 and "usr-dev-user" in whoami.stdout
    assert kept is not None and tokens.load("default") is None
    assert logout.stdout == "signed out of profile 'default'; the profile was removed\n"
    assert after.returncode == 5
    assert after.stderr == (
        f"gpuaas auth whoami: error: {signed_out / 'credentials.toml'} has no [default] profile"
        " (code=configuration_error)\n"
    )


def test_logout_of_a_password_profile_forgets_its_password(signed_out: Path, base_url: str) -> None:
    login = gpuaas("auth", "login", "--password", "--username", "dev-user", "--password-stdin",
                   "--base-url", base_url, stdin="dev123\n")  # fmt: skip

    logout = gpuaas("auth", "logout")
    after = gpuaas("auth", "whoami")

    assert login.returncode == 0, login.stderr
    assert logout.returncode == 0, logout.stderr
    assert after.returncode == 5  # signed out: the saved password went with the sign-in
    assert "dev123" not in (signed_out / "credentials.toml").read_text()


def test_a_refused_password_is_one_line_and_saves_nothing(signed_out: Path, base_url: str) -> None:
    result = gpuaas("auth", "login", "--password", "--username", "dev-user", "--password-stdin",
                    "--base-url", base_url, stdin="wrong\n")  # fmt: skip

    assert result.returncode == 5
    (line,) = result.stderr.splitlines()
    assert line.startswith("gpuaas auth login: error: ") and "code=invalid_credentials" in line
    assert not (signed_out / "credentials.toml").exists()
