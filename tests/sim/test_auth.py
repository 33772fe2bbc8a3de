"""Dev login, bearer tokens and refresh-token rotation."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from gpuaas_sim import Simulator

from .conftest import error_of, login

WHOAMI = "/v1/auth/whoami"


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def refresh(client: TestClient, refresh_token: str):
    return client.post("/v1/auth/token/refresh", json={"refresh_token": refresh_token})


def test_login_returns_opaque_bearer_tokens(client: TestClient) -> None:
    response = client.post("/v1/auth/login", json={"username": "dev-user", "password": "dev123"})

    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    grant = response.json()
    assert grant["token_type"] == "Bearer"
    assert grant["expires_in"] == 900
    assert grant["refresh_expires_in"] == 30 * 24 * 3600
    assert grant["access_token"].startswith("at_")
    assert grant["refresh_token"].startswith("rt_")
    assert login(client)["access_token"] != grant["access_token"]


def test_whoami_describes_the_dev_user(client: TestClient, auth: dict[str, str]) -> None:
    assert client.get(WHOAMI, headers=auth).json() == {
        "principal_id": "usr-dev-user",
        "kind": "human",
        "display_name": "dev-user",
        "tenant_id": "tnt-acme",
        "default_project_id": "prj-default",
        "roles": ["tenant_member"],
    }


@pytest.mark.parametrize(("username", "password"), [("dev-user", "wrong"), ("nobody", "dev123")])
def test_wrong_credentials_are_refused(client: TestClient, username: str, password: str) -> None:
    response = client.post("/v1/auth/login", json={"username": username, "password": password})

    assert response.status_code == 401
    assert error_of(response)["code"] == "invalid_credentials"


def test_login_body_is_validated(client: TestClient) -> None:
    response = client.post("/v1/auth/login", json={"username": "dev-user", "extra": 1})

    assert response.status_code == 422
    error = error_of(response)
    assert error["code"] == "validation_error"
    assert {e["field"] for e in error["details"]["errors"]} == {"password", "extra"}


def test_login_rejects_malformed_json(client: TestClient) -> None:
    response = client.post(
        "/v1/auth/login", content=b"{not json", headers={"Content-Type": "application/json"}
    )

    assert response.status_code == 400
    assert error_of(response)["code"] == "invalid_request"


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Basic ZGV2OmRldg=="}, {"Authorization": "Bearer"}, bearer("at_nope")],
    ids=["missing", "other-scheme", "empty", "unknown"],
)
def test_requests_without_a_valid_bearer_are_refused(
    client: TestClient, headers: dict[str, str]
) -> None:
    response = client.get(WHOAMI, headers=headers)

    assert response.status_code == 401
    assert error_of(response)["code"] == "token_invalid"
    assert 'error="invalid_token"' in response.headers["WWW-Authenticate"]


def test_access_token_expires_with_simulated_time(
    client: TestClient, sim: Simulator, auth: dict[str, str]
) -> None:
    sim.clock.advance(899)
    assert client.get(WHOAMI, headers=auth).status_code == 200

    sim.clock.advance(1)
    response = client.get(WHOAMI, headers=auth)

    assert response.status_code == 401
    assert error_of(response)["code"] == "token_expired"
    assert response.headers["WWW-Authenticate"].startswith("Bearer ")


def test_expire_access_tokens_expires_every_issued_token_but_not_refresh(
    client: TestClient, sim: Simulator
) -> None:
    first, second = login(client), login(client)

    sim.expire_access_tokens()

    for grant in (first, second):
        response = client.get(WHOAMI, headers=bearer(grant["access_token"]))
        assert error_of(response)["code"] == "token_expired"
    renewed = refresh(client, first["refresh_token"]).json()
    assert client.get(WHOAMI, headers=bearer(renewed["access_token"])).status_code == 200


def test_refresh_rotates_the_refresh_token(client: TestClient, tokens: dict) -> None:
    response = refresh(client, tokens["refresh_token"])

    assert response.status_code == 200
    renewed = response.json()
    assert renewed["refresh_token"] != tokens["refresh_token"]
    assert renewed["access_token"] != tokens["access_token"]
    assert client.get(WHOAMI, headers=bearer(renewed["access_token"])).status_code == 200
    # The older access token lives on until it expires.
    assert client.get(WHOAMI, headers=bearer(tokens["access_token"])).status_code == 200
    assert refresh(client, renewed["refresh_token"]).status_code == 200


def test_reusing_a_rotated_refresh_token_revokes_the_whole_login(
    client: TestClient, tokens: dict
) -> None:
    renewed = refresh(client, tokens["refresh_token"]).json()
    unrelated = login(client)

    replay = refresh(client, tokens["refresh_token"])

    assert replay.status_code == 401
    assert error_of(replay)["code"] == "invalid_credentials"
    for access_token in (tokens["access_token"], renewed["access_token"]):
        response = client.get(WHOAMI, headers=bearer(access_token))
        assert error_of(response)["code"] == "token_invalid"
    assert error_of(refresh(client, renewed["refresh_token"]))["code"] == "invalid_credentials"
    # Another login is another family, untouched.
    assert client.get(WHOAMI, headers=bearer(unrelated["access_token"])).status_code == 200


def test_unknown_and_expired_refresh_tokens_are_refused(
    client: TestClient, sim: Simulator, tokens: dict
) -> None:
    assert error_of(refresh(client, "rt_unknown"))["code"] == "invalid_credentials"

    sim.clock.advance(30 * 24 * 3600)

    assert error_of(refresh(client, tokens["refresh_token"]))["code"] == "invalid_credentials"


def test_refresh_body_is_validated(client: TestClient) -> None:
    response = client.post("/v1/auth/token/refresh", json={"refresh_token": ""})

    assert response.status_code == 422
    assert error_of(response)["details"]["errors"][0]["field"] == "refresh_token"


def test_tokens_are_not_kept_in_clear(sim: Simulator, tokens: dict) -> None:
    state = repr(vars(sim.identity))

    assert tokens["access_token"] not in state
    assert tokens["refresh_token"] not in state


# -- logout ---------------------------------------------------------------------

LOGOUT = "/v1/auth/logout"


def logout(client: TestClient, access_token: str, **body: str):
    return client.post(LOGOUT, headers=bearer(access_token), json=body or None)


def test_logout_revokes_every_token_of_the_calling_login(client: TestClient, tokens: dict) -> None:
    renewed = refresh(client, tokens["refresh_token"]).json()
    unrelated = login(client)

    response = logout(client, renewed["access_token"])

    assert response.status_code == 204
    assert response.content == b""
    for access_token in (tokens["access_token"], renewed["access_token"]):
        refused = client.get(WHOAMI, headers=bearer(access_token))
        assert (refused.status_code, error_of(refused)["code"]) == (401, "token_invalid")
    assert error_of(refresh(client, renewed["refresh_token"]))["code"] == "invalid_credentials"
    assert client.get(WHOAMI, headers=bearer(unrelated["access_token"])).status_code == 200


def test_a_second_logout_with_the_same_token_is_token_invalid(
    client: TestClient, tokens: dict
) -> None:
    assert logout(client, tokens["access_token"]).status_code == 204

    again = logout(client, tokens["access_token"])

    assert (again.status_code, error_of(again)["code"]) == (401, "token_invalid")


def test_logout_also_revokes_a_refresh_token_of_the_callers(client: TestClient) -> None:
    caller, other_login = login(client), login(client)

    response = logout(client, caller["access_token"], refresh_token=other_login["refresh_token"])

    assert response.status_code == 204
    refused = client.get(WHOAMI, headers=bearer(other_login["access_token"]))
    assert error_of(refused)["code"] == "token_invalid"
    assert error_of(refresh(client, other_login["refresh_token"]))["code"] == "invalid_credentials"


@pytest.mark.parametrize("kind", ["unknown", "foreign", "revoked"])
def test_logout_ignores_refresh_tokens_it_may_not_revoke(client: TestClient, kind: str) -> None:
    caller, foreign = login(client), login(client, "admin-user", "admin123")
    offered = {"unknown": "rt_unknown", "foreign": foreign["refresh_token"]}.get(kind)
    if offered is None:
        spent = login(client)
        assert logout(client, spent["access_token"]).status_code == 204
        offered = spent["refresh_token"]

    response = logout(client, caller["access_token"], refresh_token=offered)

    assert response.status_code == 204
    assert client.get(WHOAMI, headers=bearer(foreign["access_token"])).status_code == 200
    assert refresh(client, foreign["refresh_token"]).status_code == 200


def test_logout_without_a_body_or_with_an_empty_object(client: TestClient) -> None:
    first, second = login(client), login(client)

    bare = client.post(LOGOUT, headers=bearer(first["access_token"]))
    empty = client.post(LOGOUT, headers=bearer(second["access_token"]), json={})

    assert (bare.status_code, empty.status_code) == (204, 204)


def test_logout_refuses_bad_requests_and_revokes_nothing(client: TestClient, tokens: dict) -> None:
    at = tokens["access_token"]
    unauthenticated = client.post(LOGOUT, json={})
    empty_token = logout(client, at, refresh_token="")
    null_token = client.post(LOGOUT, headers=bearer(at), json={"refresh_token": None})
    extra = client.post(LOGOUT, headers=bearer(at), json={"refresh_token": "rt_x", "all": True})
    malformed = client.post(
        LOGOUT, headers={**bearer(at), "Content-Type": "application/json"}, content=b"{nope"
    )

    assert (unauthenticated.status_code, error_of(unauthenticated)["code"]) == (
        401,
        "token_invalid",
    )
    assert (empty_token.status_code, error_of(empty_token)["code"]) == (422, "validation_error")
    assert error_of(empty_token)["details"]["errors"][0]["field"] == "refresh_token"
    assert (null_token.status_code, extra.status_code, malformed.status_code) == (422, 422, 400)
    assert client.get(WHOAMI, headers=bearer(at)).status_code == 200


def test_logout_with_an_expired_access_token_is_token_expired(
    client: TestClient, sim: Simulator, tokens: dict
) -> None:
    sim.clock.advance(900)

    response = logout(client, tokens["access_token"])

    assert error_of(response)["code"] == "token_expired"
    assert refresh(client, tokens["refresh_token"]).status_code == 200
