"""Service-account tokens (RFC 7523 jwt-bearer) and signed requests, in-process."""

from __future__ import annotations

import json
import time
import uuid
from typing import Any

import httpx
import jwt
import pytest
from starlette.testclient import TestClient

from gpuaas_sdk.signing import sign_request
from gpuaas_sim import Simulator

from .conftest import error_of

TOKEN_PATH = "/v1/auth/service-account/token"
AUDIENCE = "http://testserver" + TOKEN_PATH
JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer"


def new_account(
    client: TestClient, auth: dict[str, str], *, signing: bool = False, algorithm: str = "RS256"
) -> dict[str, Any]:
    """A service account and one generated key; the private half and secret come back once."""
    body = {"name": f"bot-{uuid.uuid4().hex[:8]}", "principal_kind": "agent"}
    if signing:
        body["signing_required"] = True
    account = client.post("/v1/service-accounts", json=body, headers=auth)
    assert account.status_code == 201, account.text
    sa_id = account.json()["id"]
    created = client.post(
        f"/v1/service-accounts/{sa_id}/keys", json={"algorithm": algorithm}, headers=auth
    )
    assert created.status_code == 201, created.text
    data = created.json()
    return {
        "sa_id": sa_id,
        "key_id": data["key"]["id"],
        "pem": data["private_key_pem"],
        "algorithm": algorithm,
        "secret": data["signing_secret"],
    }


def assertion(account: dict[str, Any], **overrides: Any) -> str:
    now = int(time.time())
    claims = {
        "iss": account["sa_id"],
        "sub": account["sa_id"],
        "aud": AUDIENCE,
        "iat": now,
        "exp": now + 300,
        "jti": uuid.uuid4().hex,
    }
    claims.update(overrides.pop("claims", {}))
    claims = {k: v for k, v in claims.items() if v is not None}
    headers = {"kid": overrides.pop("kid", account["key_id"])}
    key = overrides.pop("pem", account["pem"])
    return jwt.encode(claims, key, algorithm=account["algorithm"], headers=headers)


def exchange(client: TestClient, token: str, **form: str) -> httpx.Response:
    return client.post(TOKEN_PATH, data={"grant_type": JWT_BEARER, "assertion": token, **form})


def signed(secret: str, method: str, target: str, body: bytes = b"", **kw: Any) -> dict[str, str]:
    return sign_request(method, target, body, secret, **kw)


def test_an_assertion_buys_tokens_that_act_as_the_account(
    client: TestClient, auth: dict[str, str]
) -> None:
    account = new_account(client, auth)
    response = exchange(client, assertion(account))
    assert response.status_code == 200, response.text
    assert response.headers["Cache-Control"] == "no-store"
    grant = response.json()
    assert grant["token_type"] == "Bearer" and grant["expires_in"] > 0
    bearer = {"Authorization": f"Bearer {grant['access_token']}"}
    me = client.get("/v1/auth/whoami", headers=bearer).json()
    assert me["principal_id"] == account["sa_id"]
    assert me["kind"] == "agent"
    refreshed = client.post(
        "/v1/auth/token/refresh", json={"refresh_token": grant["refresh_token"]}
    ).json()
    again = client.get(
        "/v1/auth/whoami", headers={"Authorization": f"Bearer {refreshed['access_token']}"}
    )
    assert again.json()["principal_id"] == account["sa_id"]


def test_es256_keys_work_too(client: TestClient, auth: dict[str, str]) -> None:
    account = new_account(client, auth, algorithm="ES256")
    assert exchange(client, assertion(account)).status_code == 200


def test_a_replayed_jti_is_refused(client: TestClient, auth: dict[str, str]) -> None:
    account = new_account(client, auth)
    token = assertion(account)
    assert exchange(client, token).status_code == 200
    replay = exchange(client, token)
    assert replay.status_code == 400
    error = error_of(replay)
    assert error["code"] == "invalid_grant"
    assert "already used" in error["message"]


def _other_key_pem(client: TestClient, auth: dict[str, str]) -> str:
    return str(new_account(client, auth)["pem"])


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"claims": {"aud": "https://elsewhere.example/token"}}, "`aud`"),
        ({"claims": {"sub": "sa-someone-else"}}, "`sub`"),
        ({"claims": {"iss": "sa-00000000"}}, "no active key"),
        ({"kid": "sak-unknown"}, "no active key"),
        ({"claims": {"exp": int(time.time()) + 3600}}, "more than 300s"),
        ({"claims": {"exp": int(time.time()) - 10}}, "expired"),
        ({"claims": {"iat": int(time.time()) + 3600}}, "`iat`"),
        ({"claims": {"jti": None}}, "jti"),
        ({"other_key": True}, "Signature verification failed"),
    ],
)
def test_bad_assertions_are_invalid_grants(
    client: TestClient, auth: dict[str, str], change: dict[str, Any], reason: str
) -> None:
    account = new_account(client, auth)
    if change.pop("other_key", False):
        change["pem"] = _other_key_pem(client, auth)
    response = exchange(client, assertion(account, **change))
    assert response.status_code == 400, response.text
    error = error_of(response)
    assert error["code"] == "invalid_grant"
    assert reason in error["message"]


def test_an_assertion_expires_on_the_platform_clock(
    client: TestClient, auth: dict[str, str], sim: Simulator
) -> None:
    account = new_account(client, auth)
    token = assertion(account)
    sim.clock.advance(301)
    assert error_of(exchange(client, token))["code"] == "invalid_grant"


def test_revoked_keys_and_deleted_accounts_buy_nothing(
    client: TestClient, auth: dict[str, str]
) -> None:
    account = new_account(client, auth)
    sa_id, key_id = account["sa_id"], account["key_id"]
    revoked = client.delete(f"/v1/service-accounts/{sa_id}/keys/{key_id}", headers=auth)
    assert revoked.status_code == 204
    assert error_of(exchange(client, assertion(account)))["code"] == "invalid_grant"
    other = new_account(client, auth)
    assert client.delete(f"/v1/service-accounts/{other['sa_id']}", headers=auth).status_code == 204
    assert error_of(exchange(client, assertion(other)))["code"] == "invalid_grant"


def test_revoking_a_key_or_deleting_the_account_ends_the_tokens_it_bought(
    client: TestClient, auth: dict[str, str]
) -> None:
    account = new_account(client, auth)
    second = client.post(f"/v1/service-accounts/{account['sa_id']}/keys", json={}, headers=auth)
    other = {
        **account,
        "key_id": second.json()["key"]["id"],
        "pem": second.json()["private_key_pem"],
    }
    bearers = [
        {"Authorization": f"Bearer {exchange(client, assertion(a)).json()['access_token']}"}
        for a in (account, other)
    ]

    revoked = client.delete(
        f"/v1/service-accounts/{account['sa_id']}/keys/{account['key_id']}", headers=auth
    )

    assert revoked.status_code == 204
    first_answer = client.get("/v1/auth/whoami", headers=bearers[0])
    assert (first_answer.status_code, error_of(first_answer)["code"]) == (401, "token_invalid")
    assert client.get("/v1/auth/whoami", headers=bearers[1]).status_code == 200  # other key's
    assert (
        client.delete(f"/v1/service-accounts/{account['sa_id']}", headers=auth).status_code == 204
    )
    assert client.get("/v1/auth/whoami", headers=bearers[1]).status_code == 401


def test_revoking_the_account_ends_every_key_and_token_but_keeps_the_account(
    client: TestClient, auth: dict[str, str], sim: Simulator
) -> None:
    account = new_account(client, auth)
    sa_id = account["sa_id"]
    grant = exchange(client, assertion(account)).json()
    bearer = {"Authorization": f"Bearer {grant['access_token']}"}

    answer = client.post(f"/v1/service-accounts/{sa_id}/revoke", headers=auth)

    assert answer.status_code == 200, answer.text
    assert answer.json()["revoked_key_ids"] == [account["key_id"]]
    assert client.get("/v1/auth/whoami", headers=bearer).status_code == 401
    refreshed = client.post(
        "/v1/auth/token/refresh", json={"refresh_token": grant["refresh_token"]}
    )
    assert refreshed.status_code == 401
    assert error_of(exchange(client, assertion(account)))["code"] == "invalid_grant"
    assert client.get(f"/v1/service-accounts/{sa_id}", headers=auth).status_code == 200
    audit = [e for e in sim.audit.events if e.action == "service_account.revoke"]
    assert [(e.resource_id, e.outcome) for e in audit] == [(sa_id, "success")]


@pytest.mark.parametrize(
    ("form", "status", "code"),
    [
        ({"grant_type": "password"}, 400, "invalid_request"),
        ({"assertion": "not-a-jwt"}, 422, "validation_error"),
        ({"assertion": "a.b.c"}, 400, "invalid_grant"),
        ({"scope": "everything"}, 422, "validation_error"),
    ],
)
def test_malformed_requests(
    client: TestClient, auth: dict[str, str], form: dict[str, str], status: int, code: str
) -> None:
    token = assertion(new_account(client, auth))
    response = client.post(TOKEN_PATH, data={"grant_type": JWT_BEARER, "assertion": token, **form})
    assert response.status_code == status, response.text
    assert error_of(response)["code"] == code


def test_missing_fields_and_json_bodies_are_bad_requests(client: TestClient) -> None:
    missing = client.post(TOKEN_PATH, data={"grant_type": JWT_BEARER})
    assert (missing.status_code, error_of(missing)["code"]) == (400, "invalid_request")
    as_json = client.post(TOKEN_PATH, json={"grant_type": JWT_BEARER, "assertion": "a.b.c"})
    assert (as_json.status_code, error_of(as_json)["code"]) == (400, "invalid_request")


# -- signed requests ------------------------------------------------------------------


@pytest.fixture
def signer(client: TestClient, auth: dict[str, str]) -> dict[str, Any]:
    """A signing-required account with a live access token."""
    account = new_account(client, auth, signing=True)
    assert account["secret"].startswith("sgs_")
    grant = exchange(client, assertion(account)).json()
    return {**account, "bearer": {"Authorization": f"Bearer {grant['access_token']}"}, **grant}


def test_unsigned_requests_of_a_signing_account_are_refused(
    client: TestClient, signer: dict[str, Any]
) -> None:
    response = client.get("/v1/auth/whoami", headers=signer["bearer"])
    assert response.status_code == 401
    assert error_of(response)["code"] == "signature_invalid"
    assert "WWW-Authenticate" in response.headers


def test_signed_requests_are_accepted_with_their_query(
    client: TestClient, signer: dict[str, Any]
) -> None:
    target = "/v1/allocations?limit=5"
    headers = {**signer["bearer"], **signed(signer["secret"], "GET", target)}
    assert client.get(target, headers=headers).status_code == 200
    # The same signature on another query string does not fit.
    other = client.get("/v1/allocations?limit=6", headers=headers)
    assert error_of(other)["code"] == "signature_invalid"


def test_a_signed_body_is_checked_byte_for_byte(client: TestClient, signer: dict[str, Any]) -> None:
    body = json.dumps({"sku": "h200-sxm-slice", "gpus_total": 1}).encode()
    headers = {
        **signer["bearer"],
        "Content-Type": "application/json",
        **signed(signer["secret"], "POST", "/v1/allocations", body),
    }
    created = client.post("/v1/allocations", content=body, headers=headers)
    assert created.status_code == 201, created.text
    tampered = body.replace(b'"gpus_total": 1', b'"gpus_total": 2')
    refused = client.post("/v1/allocations", content=tampered, headers=headers)
    assert refused.status_code == 401
    assert error_of(refused)["code"] == "signature_invalid"


@pytest.mark.parametrize(
    "header",
    ["v1=abc", "ts=123", "garbage", "v1=,ts="],
)
def test_malformed_signatures_are_invalid(
    client: TestClient, signer: dict[str, Any], header: str
) -> None:
    response = client.get(
        "/v1/auth/whoami", headers={**signer["bearer"], "GPUaaS-Signature": header}
    )
    assert error_of(response)["code"] == "signature_invalid"


def test_signatures_outside_five_minutes_are_stale(
    client: TestClient, signer: dict[str, Any], sim: Simulator
) -> None:
    old = signed(signer["secret"], "GET", "/v1/auth/whoami", timestamp=int(time.time()) - 301)
    response = client.get("/v1/auth/whoami", headers={**signer["bearer"], **old})
    assert (response.status_code, error_of(response)["code"]) == (401, "signature_stale")
    fresh = signed(signer["secret"], "GET", "/v1/auth/whoami")
    sim.clock.advance(400)  # the platform's clock moved on: the same signature is now stale
    response = client.get("/v1/auth/whoami", headers={**signer["bearer"], **fresh})
    assert error_of(response)["code"] == "signature_stale"


def test_refreshed_tokens_still_require_signatures(
    client: TestClient, signer: dict[str, Any]
) -> None:
    refreshed = client.post(
        "/v1/auth/token/refresh", json={"refresh_token": signer["refresh_token"]}
    ).json()
    bearer = {"Authorization": f"Bearer {refreshed['access_token']}"}
    assert error_of(client.get("/v1/auth/whoami", headers=bearer))["code"] == "signature_invalid"
    headers = {**bearer, **signed(signer["secret"], "GET", "/v1/auth/whoami")}
    assert client.get("/v1/auth/whoami", headers=headers).json()["principal_id"] == signer["sa_id"]


def test_other_accounts_need_no_signature(client: TestClient, auth: dict[str, str]) -> None:
    account = new_account(client, auth)
    assert account["secret"] is None
    grant = exchange(client, assertion(account)).json()
    bearer = {"Authorization": f"Bearer {grant['access_token']}"}
    assert client.get("/v1/auth/whoami", headers=bearer).status_code == 200


def test_logout_revokes_a_service_account_token_exchange(
    client: TestClient, signer: dict[str, Any]
) -> None:
    unsigned = client.post("/v1/auth/logout", headers=signer["bearer"])
    headers = {**signer["bearer"], **signed(signer["secret"], "POST", "/v1/auth/logout")}
    response = client.post("/v1/auth/logout", headers=headers)
    whoami = {**signer["bearer"], **signed(signer["secret"], "GET", "/v1/auth/whoami")}
    after = client.get("/v1/auth/whoami", headers=whoami)
    refreshed = client.post(
        "/v1/auth/token/refresh", json={"refresh_token": signer["refresh_token"]}
    )

    assert error_of(unsigned)["code"] == "signature_invalid"  # logout is signed like any call
    assert response.status_code == 204
    assert (after.status_code, error_of(after)["code"]) == (401, "token_invalid")
    assert error_of(refreshed)["code"] == "invalid_credentials"
