"""A failed refresh keeps a still-valid token in use and backs off instead of hammering."""

import httpx
import pytest

import gpuaas_sdk._auth.refreshing as auth_module
from gpuaas_sdk import Client
from gpuaas_sdk.auth import DevPasswordAuth
from gpuaas_sdk.errors import APIConnectionError, ServiceUnavailable

from .conftest import BASE, envelope, token_grant
from .test_auth import PRINCIPAL, FakeClock, bearer


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    fake = FakeClock()
    monkeypatch.setattr(auth_module.time, "monotonic", fake)
    return fake


def test_a_failed_refresh_keeps_the_valid_token_and_backs_off(api, clock):
    api.post("/v1/auth/login").mock(return_value=token_grant("at-1", "rt-1", expires_in=900))
    refresh = api.post("/v1/auth/token/refresh").mock(
        side_effect=[
            envelope("service_unavailable", status=503),
            envelope("service_unavailable", status=503),
            token_grant("at-2", "rt-2", 900),
        ]
    )
    whoami = api.get("/v1/auth/whoami").mock(return_value=httpx.Response(200, json=PRINCIPAL))

    with Client(BASE, auth=DevPasswordAuth("dev-user", "dev123"), max_retries=0) as client:
        client.auth.whoami()
        clock.now += 850  # 50 s left: refresh, which fails; at-1 is still served
        client.auth.whoami()
        client.auth.whoami()
        clock.now += 4  # within the 5 s pause: no new attempt
        client.auth.whoami()
        assert refresh.call_count == 1
        clock.now += 2  # the pause is over: one more attempt, which fails; the pause doubles
        client.auth.whoami()
        clock.now += 9
        client.auth.whoami()
        assert refresh.call_count == 2
        clock.now += 2  # 10 s later: the refresh succeeds
        client.auth.whoami()

    assert refresh.call_count == 3
    assert [bearer(c) for c in whoami.calls] == ["Bearer at-1"] * 6 + ["Bearer at-2"]


def test_a_failed_refresh_of_an_expired_token_is_raised(api, clock):
    api.post("/v1/auth/login").mock(return_value=token_grant("at-1", "rt-1", expires_in=900))
    api.post("/v1/auth/token/refresh").mock(
        return_value=envelope("service_unavailable", status=503)
    )
    api.get("/v1/auth/whoami").mock(return_value=httpx.Response(200, json=PRINCIPAL))

    with Client(BASE, auth=DevPasswordAuth("dev-user", "dev123"), max_retries=0) as client:
        client.auth.whoami()
        clock.now += 901
        with pytest.raises(ServiceUnavailable):
            client.auth.whoami()


def test_an_unanswered_refresh_backs_off_too(api, clock):
    api.post("/v1/auth/login").mock(return_value=token_grant("at-1", "rt-1", expires_in=900))
    refresh = api.post("/v1/auth/token/refresh").mock(side_effect=httpx.ConnectError("down"))
    whoami = api.get("/v1/auth/whoami").mock(return_value=httpx.Response(200, json=PRINCIPAL))

    with Client(BASE, auth=DevPasswordAuth("dev-user", "dev123"), max_retries=0) as client:
        client.auth.whoami()
        clock.now += 850
        with pytest.raises(APIConnectionError):
            client.auth.whoami()  # the refresh itself could not be sent
        client.auth.whoami()
        client.auth.whoami()

    assert refresh.call_count == 1
    assert [bearer(c) for c in whoami.calls] == ["Bearer at-1"] * 3
