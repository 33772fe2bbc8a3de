"""`client.auth.logout()` against the simulator over loopback, sync and async."""

import asyncio
from pathlib import Path

import pytest
from gpuaas_api.http_stack import httpx

from gpuaas_sdk import AsyncClient, Client
from gpuaas_sdk._auth.token_store import FileTokenStore
from gpuaas_sdk.auth import DevPasswordAuth
from gpuaas_sdk.errors import AuthenticationError


def dev_login(base_url: str) -> dict[str, str]:
    grant = httpx.post(
        f"{base_url}/v1/auth/login", json={"username": "dev-user", "password": "dev123"}
    )
    assert grant.status_code == 200, grant.text
    return grant.json()


def whoami_status(base_url: str, access_token: str) -> tuple[int, str | None]:
    answer = httpx.get(
        f"{base_url}/v1/auth/whoami", headers={"Authorization": f"Bearer {access_token}"}
    )
    code = answer.json()["error"]["code"] if answer.is_error else None
    return answer.status_code, code


def refresh_status(base_url: str, refresh_token: str) -> int:
    answer = httpx.post(f"{base_url}/v1/auth/token/refresh", json={"refresh_token": refresh_token})
    return answer.status_code


@pytest.fixture
def store(tmp_path: Path) -> FileTokenStore:
    return FileTokenStore(tmp_path / "tokens.json")


def test_logout_revokes_the_login_clears_the_shared_profile_and_logs_in_again(
    base_url: str, store: FileTokenStore
) -> None:
    auth = DevPasswordAuth("dev-user", "dev123", token_store=store, profile="lab")
    other = dev_login(base_url)
    with Client(base_url, auth=auth) as client:
        client.auth.whoami()
        before = store.load("lab")
        assert before is not None and before.refresh_token

        client.auth.logout()

        assert store.load("lab") is None
        assert auth.tokens is None
        assert whoami_status(base_url, before.access_token) == (401, "token_invalid")
        assert refresh_status(base_url, before.refresh_token) == 401
        assert client.auth.whoami().principal_id == "usr-dev-user"  # a new login
        after = store.load("lab")
        assert after is not None and after.access_token != before.access_token
    assert whoami_status(base_url, other["access_token"]) == (200, None)


def test_async_logout_does_the_same(base_url: str, store: FileTokenStore) -> None:
    auth = DevPasswordAuth("dev-user", "dev123", token_store=store, profile="lab")

    async def scenario() -> None:
        async with AsyncClient(base_url, auth=auth) as client:
            await client.auth.whoami()
            before = store.load("lab")
            assert before is not None and before.refresh_token

            await client.auth.logout()

            assert store.load("lab") is None
            assert whoami_status(base_url, before.access_token) == (401, "token_invalid")
            assert refresh_status(base_url, before.refresh_token) == 401
            assert (await client.auth.whoami()).principal_id == "usr-dev-user"

    asyncio.run(scenario())


def test_logout_sends_the_stored_refresh_token_of_another_process(
    base_url: str, store: FileTokenStore
) -> None:
    # The CLI logged in on the shared profile; this client only ever read the store.
    first = DevPasswordAuth("dev-user", "dev123", token_store=store, profile="lab")
    with Client(base_url, auth=first) as cli:
        cli.auth.whoami()
    stored = store.load("lab")
    assert stored is not None and stored.refresh_token
    second = DevPasswordAuth("dev-user", "dev123", token_store=store, profile="lab")
    with Client(base_url, auth=second) as client:
        client.auth.logout()

    assert store.load("lab") is None
    assert whoami_status(base_url, stored.access_token) == (401, "token_invalid")
    assert refresh_status(base_url, stored.refresh_token) == 401


def test_a_static_token_is_gone_after_logout(base_url: str) -> None:
    grant = dev_login(base_url)
    with Client(base_url, auth=grant["access_token"]) as client:
        client.auth.logout()

        assert whoami_status(base_url, grant["access_token"]) == (401, "token_invalid")
        with pytest.raises(AuthenticationError, match="log in again"):
            client.auth.whoami()


def test_a_repeated_logout_of_a_revoked_token_counts_as_done(base_url: str) -> None:
    grant = dev_login(base_url)
    # Two clients on one token: the second one's logout finds the token already revoked,
    # as a logout retried after its first answer was lost does.
    with Client(base_url, auth=grant["access_token"]) as first:
        first.auth.logout()

    async def second() -> None:
        async with AsyncClient(base_url, auth=grant["access_token"]) as client:
            await client.auth.logout()
            with pytest.raises(AuthenticationError, match="log in again"):
                await client.auth.whoami()

    asyncio.run(second())


def test_logout_before_any_login_is_a_no_op(base_url: str, store: FileTokenStore) -> None:
    auth = DevPasswordAuth("dev-user", "dev123", token_store=store, profile="lab")
    with Client(base_url, auth=auth) as client:
        client.auth.logout()
        assert auth.tokens is None
        assert client.auth.whoami().principal_id == "usr-dev-user"


def test_a_signed_service_account_logs_out_and_mints_a_new_token(
    base_url: str, client: Client
) -> None:
    from .test_service_account_auth import make_account, sa_auth

    auth = sa_auth(make_account(client, signing=True))
    with Client(base_url, auth=auth) as bot:
        bot.auth.whoami()
        tokens = auth.tokens
        assert tokens is not None

        bot.auth.logout()  # signed like every request of this account

        assert auth.tokens is None
        assert whoami_status(base_url, tokens.access_token)[0] == 401
        assert bot.auth.whoami().principal_id == auth.sa_id  # from a new assertion
