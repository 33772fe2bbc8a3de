"""`Client()` with no arguments reads the environment and the profile, as the CLI does."""

import asyncio
import os

import httpx
import pytest

from gpuaas_sdk import AsyncClient, Client
from gpuaas_sdk.errors import ConfigurationError

from .conftest import BASE, allocation_json


@pytest.fixture
def bare_env(monkeypatch, tmp_path):
    """No GPUAAS_* variable, and a config folder with no credentials file yet."""
    for name in [n for n in os.environ if n.startswith("GPUAAS_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    return monkeypatch


def write_profile(tmp_path, text: str) -> None:
    (tmp_path / "gpuaas").mkdir(exist_ok=True)
    (tmp_path / "gpuaas" / "credentials.toml").write_text(text)


def authorization_sent(api, client: Client) -> str | None:
    route = api.get("/v1/allocations/alloc-1").mock(
        return_value=httpx.Response(200, json=allocation_json())
    )
    client.allocations.get("alloc-1")
    return route.calls.last.request.headers.get("Authorization")


def test_no_arguments_reads_the_base_url_and_token_from_the_environment(api, bare_env):
    bare_env.setenv("GPUAAS_BASE_URL", BASE)
    bare_env.setenv("GPUAAS_TOKEN", "tok-env")

    with Client() as client:
        assert client.base_url == BASE
        assert authorization_sent(api, client) == "Bearer tok-env"


def test_no_arguments_reads_the_default_profile(api, bare_env, tmp_path):
    write_profile(tmp_path, f'[default]\nbase_url = "{BASE}"\ntoken = "tok-profile"\n')

    with Client() as client:
        assert authorization_sent(api, client) == "Bearer tok-profile"


def test_the_async_client_reads_the_same_settings(api, bare_env):
    bare_env.setenv("GPUAAS_BASE_URL", BASE)
    bare_env.setenv("GPUAAS_TOKEN", "tok-env")
    route = api.get("/v1/allocations/alloc-1").mock(
        return_value=httpx.Response(200, json=allocation_json())
    )

    async def main() -> None:
        async with AsyncClient() as client:
            await client.allocations.get("alloc-1")

    asyncio.run(main())
    assert route.calls.last.request.headers["Authorization"] == "Bearer tok-env"


def test_timeout_and_retries_come_from_the_environment_unless_given(bare_env):
    bare_env.setenv("GPUAAS_BASE_URL", BASE)
    bare_env.setenv("GPUAAS_TOKEN", "tok-env")
    bare_env.setenv("GPUAAS_TIMEOUT", "9")
    bare_env.setenv("GPUAAS_MAX_RETRIES", "1")

    with Client() as read, Client(timeout=5, max_retries=0) as given:
        assert (read._settings.timeout, read._settings.retry.max_retries) == (9, 1)
        assert (given._settings.timeout, given._settings.retry.max_retries) == (5, 0)


def test_an_explicit_auth_takes_only_the_base_url_from_the_environment(api, bare_env):
    bare_env.setenv("GPUAAS_BASE_URL", BASE)
    bare_env.setenv("GPUAAS_USERNAME", "dev-user")  # not consulted: auth is given

    with Client(auth="tok-given") as client:
        assert authorization_sent(api, client) == "Bearer tok-given"


def test_an_explicit_auth_finds_the_base_url_in_the_profile(bare_env, tmp_path):
    write_profile(tmp_path, '[default]\nbase_url = "https://profile.test"\n')

    with Client(auth="tok-given") as client:
        assert client.base_url == "https://profile.test"


def test_a_base_url_without_auth_sends_no_credentials_as_before(api, bare_env):
    bare_env.setenv("GPUAAS_TOKEN", "tok-env")  # ignored: the base URL was given

    with Client(BASE) as client:
        assert authorization_sent(api, client) is None
        assert client._settings.timeout == 60.0


def test_nothing_configured_says_what_to_set(bare_env, tmp_path):
    with pytest.raises(ConfigurationError) as caught:
        Client()

    message = str(caught.value)
    for hint in ("GPUAAS_BASE_URL", "GPUAAS_TOKEN", "profile", str(tmp_path), "base_url="):
        assert hint in message


def test_an_explicit_auth_without_any_base_url_says_where_to_put_one(bare_env):
    with pytest.raises(
        ConfigurationError, match="no base URL: pass base_url=, set GPUAAS_BASE_URL"
    ):
        Client(auth="tok")


def test_an_empty_list_of_base_urls_is_refused():
    with pytest.raises(ConfigurationError, match="at least one URL"):
        Client(base_urls=[], auth="tok")


def test_from_default_credentials_is_the_same_as_no_arguments(api, bare_env):
    bare_env.setenv("GPUAAS_BASE_URL", BASE)
    bare_env.setenv("GPUAAS_TOKEN", "tok-env")

    with Client.from_default_credentials(max_retries=0, headers={"X-Team": "ml"}) as client:
        assert client._settings.retry.max_retries == 0
        assert client._settings.headers["X-Team"] == "ml"
        assert authorization_sent(api, client) == "Bearer tok-env"
