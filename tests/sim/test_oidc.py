"""The OIDC authorization code flow with PKCE: sign-in page, form post, code exchange."""

from __future__ import annotations

import base64
import hashlib
from urllib.parse import parse_qs, urlsplit

import pytest
from starlette.testclient import TestClient

from gpuaas_sim import Simulator

REDIRECT = "http://127.0.0.1:53682/callback"
VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"


def challenge(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode()).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def params(**overrides: str) -> dict[str, str]:
    return {
        "response_type": "code",
        "client_id": "gpuaas-sdk",
        "redirect_uri": REDIRECT,
        "code_challenge": challenge(VERIFIER),
        "code_challenge_method": "S256",
        "state": "st-123",
        **overrides,
    }


def sign_in(client: TestClient, **overrides: str) -> str:
    """Post the sign-in form; return the code from the redirect."""
    form = {**params(), "username": "dev-user", "password": "dev123", **overrides}
    response = client.post("/v1/auth/oidc/authorize", data=form, follow_redirects=False)
    assert response.status_code == 302, response.text
    query = parse_qs(urlsplit(response.headers["location"]).query)
    return query["code"][0]


def exchange(client: TestClient, code: str, **overrides: str):
    form = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": REDIRECT,
        "client_id": "gpuaas-sdk",
        "code_verifier": VERIFIER,
        **overrides,
    }
    return client.post("/v1/auth/oidc/token", data=form)


def test_the_sign_in_page_is_a_form_carrying_the_parameters(client: TestClient) -> None:
    response = client.get("/v1/auth/oidc/authorize", params=params(state="<b>&x"))
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    page = response.text
    assert '<form method="post" action="/v1/auth/oidc/authorize">' in page
    assert f'name="code_challenge" value="{challenge(VERIFIER)}"' in page
    assert 'value="&lt;b&gt;&amp;x"' in page  # the state is escaped, not injected
    assert 'name="password" type="password"' in page


def test_sign_in_redirects_to_the_loopback_uri_with_code_and_state(client: TestClient) -> None:
    form = {**params(), "username": "dev-user", "password": "dev123"}
    response = client.post("/v1/auth/oidc/authorize", data=form, follow_redirects=False)
    assert response.status_code == 302
    location = urlsplit(response.headers["location"])
    assert (location.scheme, location.netloc, location.path) == (
        "http",
        "127.0.0.1:53682",
        "/callback",
    )
    query = parse_qs(location.query)
    assert query["state"] == ["st-123"]
    assert query["code"][0].startswith("ac_")


def test_a_client_without_a_browser_gets_the_outcome_as_json(client: TestClient) -> None:
    form = {**params(), "username": "dev-user", "password": "dev123"}
    response = client.post(
        "/v1/auth/oidc/authorize", data=form, headers={"Accept": "application/json"}
    )
    assert response.status_code == 200
    body = response.json()
    assert body["state"] == "st-123"
    assert body["location"] == f"{REDIRECT}?code={body['code']}&state=st-123"


def test_the_code_and_verifier_trade_for_tokens_of_the_user(client: TestClient) -> None:
    response = exchange(client, sign_in(client))
    assert response.status_code == 200, response.text
    assert response.headers["cache-control"] == "no-store"
    grant = response.json()
    assert grant["token_type"] == "Bearer" and grant["refresh_token"]
    whoami = client.get(
        "/v1/auth/whoami", headers={"Authorization": f"Bearer {grant['access_token']}"}
    )
    assert whoami.json()["display_name"] == "dev-user"


def test_a_wrong_password_is_refused_with_no_redirect(client: TestClient) -> None:
    form = {**params(), "username": "dev-user", "password": "nope"}
    response = client.post("/v1/auth/oidc/authorize", data=form, follow_redirects=False)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "invalid_credentials"


def test_a_pkce_mismatch_is_an_invalid_grant(client: TestClient) -> None:
    response = exchange(client, sign_in(client), code_verifier="x" * 43)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_grant"


def test_a_code_is_spent_by_its_first_exchange(client: TestClient) -> None:
    code = sign_in(client)
    assert exchange(client, code).status_code == 200
    reused = exchange(client, code)
    assert reused.status_code == 400
    assert reused.json()["error"]["code"] == "invalid_grant"


def test_a_failed_exchange_spends_the_code_too(client: TestClient) -> None:
    code = sign_in(client)
    assert exchange(client, code, code_verifier="y" * 43).status_code == 400
    assert exchange(client, code).json()["error"]["code"] == "invalid_grant"


@pytest.mark.parametrize(
    ("field", "value"),
    [("redirect_uri", "http://127.0.0.1:9999/other"), ("client_id", "gpuaas-cli")],
)
def test_the_code_is_bound_to_its_redirect_and_client(client: TestClient, field, value) -> None:
    response = exchange(client, sign_in(client), **{field: value})
    assert response.json()["error"]["code"] == "invalid_grant"


def test_a_code_expires_after_60_seconds(sim: Simulator, client: TestClient) -> None:
    code = sign_in(client)
    sim.clock.advance(61)
    assert exchange(client, code).json()["error"]["code"] == "invalid_grant"


@pytest.mark.parametrize(
    "redirect_uri",
    ["https://evil.example/cb", "http://evil.example/cb", "http://127.0.0.1.evil.example/cb"],
)
def test_a_non_loopback_redirect_is_refused_and_never_followed(client: TestClient, redirect_uri):
    page = client.get("/v1/auth/oidc/authorize", params=params(redirect_uri=redirect_uri))
    assert page.status_code == 400
    assert page.json()["error"]["code"] == "invalid_request"
    form = {**params(redirect_uri=redirect_uri), "username": "dev-user", "password": "dev123"}
    post = client.post("/v1/auth/oidc/authorize", data=form, follow_redirects=False)
    assert post.status_code == 400 and "location" not in post.headers


def test_only_s256_is_accepted(client: TestClient) -> None:
    response = client.get("/v1/auth/oidc/authorize", params=params(code_challenge_method="plain"))
    assert response.status_code == 400


def test_missing_token_parameters_are_invalid_requests(client: TestClient) -> None:
    response = client.post("/v1/auth/oidc/token", data={"grant_type": "authorization_code"})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_request"


def test_an_unknown_code_is_an_invalid_grant(client: TestClient) -> None:
    assert exchange(client, "ac_unknown").json()["error"]["code"] == "invalid_grant"
