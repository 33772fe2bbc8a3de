"""Auth handlers attach a bearer token, refresh it in time, and refresh once for many."""

import asyncio
import threading

import httpx
import pytest
import respx

import gpuaas_sdk._auth.refreshing as auth_module
from gpuaas_sdk import AsyncClient, Client
from gpuaas_sdk.auth import DevPasswordAuth, StaticTokenAuth
from gpuaas_sdk.errors import InvalidCredentials, TokenExpired, TokenInvalid

from .conftest import BASE, PRINCIPAL, envelope, token_grant


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    fake = FakeClock()
    monkeypatch.setattr(auth_module.time, "monotonic", fake)
    return fake


def bearer(call: respx.models.Call) -> str:
    return call.request.headers["Authorization"]


def test_a_static_token_is_sent_as_a_bearer_and_never_refreshed(api):
    whoami = api.get("/v1/auth/whoami").mock(return_value=envelope("token_expired", status=401))

    with Client(BASE, auth=StaticTokenAuth("tok-1")) as client, pytest.raises(TokenExpired):
        client.auth.whoami()

    assert whoami.call_count == 1 and bearer(whoami.calls[0]) == "Bearer tok-1"


def test_dev_login_happens_once_then_the_token_is_reused(api):
    login = api.post("/v1/auth/login").mock(return_value=token_grant("at-1", "rt-1"))
    whoami = api.get("/v1/auth/whoami").mock(return_value=httpx.Response(200, json=PRINCIPAL))

    with Client(BASE, auth=DevPasswordAuth("dev-user", "dev123")) as client:
        client.auth.whoami()
        client.auth.whoami()

    assert login.call_count == 1
    assert login.calls[0].request.read() == b'{"username":"dev-user","password":"dev123"}'
    assert [bearer(c) for c in whoami.calls] == ["Bearer at-1", "Bearer at-1"]


def test_a_token_within_60s_of_expiry_is_refreshed_first_and_the_refresh_token_rotates(api, clock):
    api.post("/v1/auth/login").mock(return_value=token_grant("at-1", "rt-1", expires_in=900))
    refresh = api.post("/v1/auth/token/refresh").mock(
        side_effect=[token_grant("at-2", "rt-2", 900), token_grant("at-3", "rt-3", 900)]
    )
    whoami = api.get("/v1/auth/whoami").mock(return_value=httpx.Response(200, json=PRINCIPAL))

    with Client(BASE, auth=DevPasswordAuth("dev-user", "dev123")) as client:
        client.auth.whoami()
        clock.now += 839  # 61 s left: still fresh
        client.auth.whoami()
        clock.now += 2  # 59 s left: refresh first
        client.auth.whoami()
        clock.now += 850
        client.auth.whoami()

    assert [bearer(c) for c in whoami.calls] == [
        "Bearer at-1",
        "Bearer at-1",
        "Bearer at-2",
        "Bearer at-3",
    ]
    assert [c.request.read() for c in refresh.calls] == [
        b'{"refresh_token":"rt-1"}',
        b'{"refresh_token":"rt-2"}',
    ]


def test_a_token_expired_answer_triggers_one_refresh_and_a_replay(api):
    api.post("/v1/auth/login").mock(return_value=token_grant("at-1", "rt-1"))
    api.post("/v1/auth/token/refresh").mock(return_value=token_grant("at-2", "rt-2"))
    whoami = api.get("/v1/auth/whoami").mock(
        side_effect=[envelope("token_expired", status=401), httpx.Response(200, json=PRINCIPAL)]
    )

    with Client(BASE, auth=DevPasswordAuth("dev-user", "dev123")) as client:
        assert client.auth.whoami().principal_id == "usr-dev-user"

    assert [bearer(c) for c in whoami.calls] == ["Bearer at-1", "Bearer at-2"]


def test_a_second_token_expired_answer_is_raised_not_looped(api):
    api.post("/v1/auth/login").mock(return_value=token_grant("at-1", "rt-1"))
    refresh = api.post("/v1/auth/token/refresh").mock(return_value=token_grant("at-2", "rt-2"))
    whoami = api.get("/v1/auth/whoami").mock(return_value=envelope("token_expired", status=401))

    with (
        Client(BASE, auth=DevPasswordAuth("dev-user", "dev123")) as client,
        pytest.raises(TokenExpired),
    ):
        client.auth.whoami()

    assert whoami.call_count == 2 and refresh.call_count == 1


def test_token_invalid_is_raised_without_refreshing(api):
    api.post("/v1/auth/login").mock(return_value=token_grant("at-1", "rt-1"))
    refresh = api.post("/v1/auth/token/refresh")
    api.get("/v1/auth/whoami").mock(return_value=envelope("token_invalid", status=401))

    with (
        Client(BASE, auth=DevPasswordAuth("dev-user", "dev123")) as client,
        pytest.raises(TokenInvalid),
    ):
        client.auth.whoami()

    assert refresh.call_count == 0


def test_a_rejected_refresh_falls_back_to_a_new_login(api, clock):
    login = api.post("/v1/auth/login").mock(
        side_effect=[token_grant("at-1", "rt-1", 100), token_grant("at-9", "rt-9", 900)]
    )
    api.post("/v1/auth/token/refresh").mock(
        return_value=envelope("invalid_credentials", status=401)
    )
    whoami = api.get("/v1/auth/whoami").mock(return_value=httpx.Response(200, json=PRINCIPAL))

    with Client(BASE, auth=DevPasswordAuth("dev-user", "dev123")) as client:
        client.auth.whoami()
        clock.now += 99
        client.auth.whoami()

    assert login.call_count == 2
    assert bearer(whoami.calls[-1]) == "Bearer at-9"


def test_wrong_credentials_raise_invalid_credentials(api):
    api.post("/v1/auth/login").mock(
        return_value=envelope("invalid_credentials", "bad password", status=401)
    )

    with (
        Client(BASE, auth=DevPasswordAuth("dev-user", "nope")) as client,
        pytest.raises(InvalidCredentials),
    ):
        client.auth.whoami()


def test_many_threads_share_one_refresh(api, clock):
    api.post("/v1/auth/login").mock(return_value=token_grant("at-1", "rt-1", 900))
    refresh = api.post("/v1/auth/token/refresh").mock(return_value=token_grant("at-2", "rt-2", 900))
    whoami = api.get("/v1/auth/whoami").mock(return_value=httpx.Response(200, json=PRINCIPAL))
    with Client(BASE, auth=DevPasswordAuth("dev-user", "dev123")) as client:
        client.auth.whoami()
        clock.now += 899
        start = threading.Barrier(16)
        errors: list[BaseException] = []

        def call() -> None:
            start.wait()
            try:
                client.auth.whoami()
            except BaseException as exc:  # collected and asserted below
                errors.append(exc)

        threads = [threading.Thread(target=call) for _ in range(16)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()

    assert errors == []
    assert refresh.call_count == 1
    assert {bearer(c) for c in whoami.calls[1:]} == {"Bearer at-2"}


def test_many_tasks_share_one_refresh(clock):
    async def scenario() -> tuple[int, set[str]]:
        with respx.mock(base_url=BASE) as api:
            api.post("/v1/auth/login").mock(return_value=token_grant("at-1", "rt-1", 900))
            refresh = api.post("/v1/auth/token/refresh").mock(
                return_value=token_grant("at-2", "rt-2", 900)
            )
            whoami = api.get("/v1/auth/whoami").mock(
                return_value=httpx.Response(200, json=PRINCIPAL)
            )
            async with AsyncClient(BASE, auth=DevPasswordAuth("dev-user", "dev123")) as client:
                await client.auth.whoami()
                clock.now += 899
                await asyncio.gather(*(client.auth.whoami() for _ in range(16)))
            return refresh.call_count, {bearer(c) for c in whoami.calls[1:]}

    refreshes, bearers = asyncio.run(scenario())

    assert refreshes == 1 and bearers == {"Bearer at-2"}


def test_secrets_never_show_in_reprs():
    assert "dev123" not in repr(DevPasswordAuth("dev-user", "dev123"))
    assert "tok-secret" not in repr(StaticTokenAuth("tok-secret"))


@pytest.mark.parametrize("auth_base_url", [None, f"{BASE}/_sandboxes/sbx-1"])
def test_token_requests_stay_under_a_base_url_with_a_path(auth_base_url, clock):
    """A platform behind a path prefix (a gateway's, a simulator sandbox's) gets its logins
    and refreshes there too, whether the handler knows the base URL or reads the request's."""
    root = f"{BASE}/_sandboxes/sbx-1"
    with respx.mock(assert_all_called=False) as router:
        login = router.post(f"{root}/v1/auth/login").mock(return_value=token_grant("at-1", "rt-1"))
        refresh = router.post(f"{root}/v1/auth/token/refresh").mock(
            return_value=token_grant("at-2", "rt-2")
        )
        whoami = router.get(f"{root}/v1/auth/whoami").mock(
            return_value=httpx.Response(200, json=PRINCIPAL)
        )
        auth = DevPasswordAuth("dev-user", "dev123", base_url=auth_base_url)
        with Client(root, auth=auth) as client:
            client.auth.whoami()
            clock.now += 850  # the first token is about to expire: refreshed first
            client.auth.whoami()

    assert login.call_count == 1 and refresh.call_count == 1
    assert [bearer(call) for call in whoami.calls] == ["Bearer at-1", "Bearer at-2"]
