"""The OIDC authorization code flow with PKCE: sign-in page, form post, code exchange.

`tests/browser/test_sign_in_page.py` checks the page as a person sees it, in Chromium.
"""

from __future__ import annotations

import base64
import hashlib
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from starlette.testclient import TestClient

from gpuaas_sim import Simulator
from gpuaas_sim.oidc import MAX_FAILED_SIGN_INS

REDIRECT = "http://127.0.0.1:53682/callback"
AS_A_BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
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
    assert response.status_code == 303, response.text
    query = parse_qs(urlsplit(response.headers["location"]).query)
    return query["code"][0]


def redirect_query(response) -> dict[str, list[str]]:
    """The query the browser is sent back to the client with (after a 303 to REDIRECT)."""
    assert response.status_code == 303, response.text
    location = urlsplit(response.headers["location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == REDIRECT
    return parse_qs(location.query)


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


def test_the_sign_in_page_has_a_heading_labels_and_autocomplete(client: TestClient) -> None:
    page = client.get("/v1/auth/oidc/authorize", params=params()).text
    assert "<title>Sign in · GPUaaS</title>" in page
    assert "<h1>Sign in to GPUaaS</h1>" in page
    assert '<label for="username">Username</label>' in page
    assert '<label for="password">Password</label>' in page
    assert re.search(r'<input id="username" name="username"[^>]* autocomplete="username"', page)
    password = r'<input id="password" name="password" type="password"[^>]*'
    assert re.search(password + r' autocomplete="current-password"', page)
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    assert '<link rel="icon" type="image/svg+xml" href="data:image/svg+xml,' in page
    assert 'name="action" value="cancel" formnovalidate>Cancel</button>' in page


def test_the_sign_in_page_loads_nothing_from_elsewhere(client: TestClient) -> None:
    response = client.get("/v1/auth/oidc/authorize", params=params())
    sources = re.findall(r'(?:src|href)="([^"]*)"', response.text)
    assert sources and all(source.startswith("data:") for source in sources), sources
    assert "<script" not in response.text and "@import" not in response.text
    policy = response.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "frame-ancestors 'none'" in policy
    assert response.headers["cache-control"] == "no-store"


def test_a_browser_with_a_wrong_password_gets_the_form_again(client: TestClient) -> None:
    form = {**params(tenant_hint="acme"), "username": 'dev-"user', "password": "nope"}
    response = client.post(
        "/v1/auth/oidc/authorize", data=form, headers=AS_A_BROWSER, follow_redirects=False
    )
    assert response.status_code == 401
    assert response.headers["content-type"].startswith("text/html")
    assert "location" not in response.headers
    page = response.text
    left = MAX_FAILED_SIGN_INS - 1
    assert f"The username or password is wrong. Try again ({left} attempts left)." in page
    assert 'role="alert"' in page
    assert 'name="username" type="text" value="dev-&quot;user"' in page  # kept, escaped
    assert 'name="password" type="password" value' not in page  # the password is not
    assert f'name="code_challenge" value="{challenge(VERIFIER)}"' in page
    assert 'name="tenant_hint" value="acme"' in page


@pytest.mark.parametrize("accept", [AS_A_BROWSER, {}])
def test_empty_credentials_are_asked_for_again_and_not_counted(client: TestClient, accept) -> None:
    form = {**params(), "username": "dev-user", "password": ""}
    response = client.post("/v1/auth/oidc/authorize", data=form, headers=accept)
    assert response.status_code == 401
    if accept:
        assert "Enter your username and password." in response.text
        assert 'value="dev-user"' in response.text
    else:
        error = response.json()["error"]
        assert error["code"] == "invalid_credentials"
        assert error["details"] == {"attempts_left": MAX_FAILED_SIGN_INS}


def test_the_form_again_then_the_right_password_signs_in(client: TestClient) -> None:
    wrong = {**params(), "username": "dev-user", "password": "nope"}
    client.post("/v1/auth/oidc/authorize", data=wrong, headers=AS_A_BROWSER)
    assert exchange(client, sign_in(client)).status_code == 200


def test_cancel_sends_the_browser_back_with_access_denied(client: TestClient) -> None:
    form = {**params(), "action": "cancel"}
    response = client.post(
        "/v1/auth/oidc/authorize", data=form, headers=AS_A_BROWSER, follow_redirects=False
    )
    assert redirect_query(response) == {
        "error": ["access_denied"],
        "error_description": ["The sign-in was cancelled."],
        "state": ["st-123"],
    }


@pytest.mark.parametrize("accept", [AS_A_BROWSER, {}])
def test_too_many_wrong_passwords_deny_the_request(client: TestClient, accept) -> None:
    wrong = {**params(), "username": "dev-user", "password": "nope"}
    for attempt in range(1, MAX_FAILED_SIGN_INS):
        answer = client.post("/v1/auth/oidc/authorize", data=wrong, headers=accept)
        assert answer.status_code == 401, attempt
    last = client.post(
        "/v1/auth/oidc/authorize", data=wrong, headers=accept, follow_redirects=False
    )
    denied = {
        "error": ["access_denied"],
        "error_description": ["Too many failed sign-in attempts."],
        "state": ["st-123"],
    }
    assert redirect_query(last) == denied
    right = {**wrong, "password": "dev123"}
    after = client.post("/v1/auth/oidc/authorize", data=right, follow_redirects=False)
    assert redirect_query(after) == denied  # the request is spent, even for the right password


def test_the_attempt_count_is_per_authorization_request(client: TestClient) -> None:
    wrong = {**params(), "username": "dev-user", "password": "nope"}
    for _ in range(MAX_FAILED_SIGN_INS):
        client.post("/v1/auth/oidc/authorize", data=wrong)
    other = challenge("z" * 43)
    code = sign_in(client, code_challenge=other)
    assert exchange(client, code, code_verifier="z" * 43).status_code == 200


def test_a_client_without_a_browser_gets_a_denial_as_json(client: TestClient) -> None:
    response = client.post(
        "/v1/auth/oidc/authorize",
        data={**params(), "action": "cancel"},
        headers={"Accept": "application/json"},
    )
    assert response.status_code == 200
    assert response.json() == {
        "location": f"{REDIRECT}?error=access_denied"
        "&error_description=The+sign-in+was+cancelled.&state=st-123",
        "error": "access_denied",
        "error_description": "The sign-in was cancelled.",
        "state": "st-123",
    }


def test_an_unknown_action_is_an_invalid_request(client: TestClient) -> None:
    response = client.post("/v1/auth/oidc/authorize", data={**params(), "action": "delete"})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_request"


def test_sign_in_redirects_to_the_loopback_uri_with_code_and_state(client: TestClient) -> None:
    form = {**params(), "username": "dev-user", "password": "dev123"}
    response = client.post("/v1/auth/oidc/authorize", data=form, follow_redirects=False)
    assert response.status_code == 303  # RFC 9700 §4.12: never a 307 that re-posts the password
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
    assert "location" not in response.headers
    error = response.json()["error"]
    assert error["code"] == "invalid_credentials"
    assert error["details"] == {"attempts_left": MAX_FAILED_SIGN_INS - 1}


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


def test_a_sign_in_after_a_reset_gives_tokens_the_reset_platform_knows(
    sim: Simulator, client: TestClient
) -> None:
    sim.reset()
    grant = exchange(client, sign_in(client)).json()
    whoami = client.get(
        "/v1/auth/whoami", headers={"Authorization": f"Bearer {grant['access_token']}"}
    )
    assert whoami.status_code == 200, whoami.text
