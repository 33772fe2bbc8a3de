"""Schemathesis hooks for the conformance run (loaded through SCHEMATHESIS_HOOKS).

Some schema-valid values are still rightly refused by rules no schema can express.
In positive (schema-valid) cases only, these hooks replace them with values the
platform accepts; negative cases keep theirs, so refusals are still checked:

- a cursor is opaque: only cursors the platform handed out are valid, so a random
  one is dropped (the first page is asked for instead);
- a time window needs `since` before `until`;
- the simulated balance has one currency, USD;
- keys, SSH keys and uploads must be real (a parseable key, bytes matching their sha256);
- an Idempotency-Key is fresh for every case;
- an OIDC authorization code must be one the platform issued: a real sign-in makes one
  for the case's client and PKCE verifier, on a redirect URI of its own;
- capacity and money: a reservation starts in the future, a spend grant expires within
  90 days, holds and watches name a region where their SKU is offered, a fleet's
  `min_count` is at most its `count`, one mount point per volume, and a project budget
  large enough not to refuse the run's own creates.

And in every case, positive or negative: a logout would revoke the one token the whole
run uses, so logout calls carrying it get a token of their own (a fresh dev login).
"""

from __future__ import annotations

import base64
import hashlib
import os
import uuid
from datetime import datetime, timedelta

import httpx
import schemathesis

SINGLE_CURRENCY = {
    ("POST", "/v1/billing/payment-sessions"): "USD",
    ("POST", "/v1/service-accounts"): "USD",
    ("POST", "/v1/spend-grants"): "USD",
    ("PUT", "/v1/projects/{project_id}/budget"): "USD",
}

# A parseable OpenSSH key (the contract's example): random text is not a key.
SSH_KEY = (
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAINT3XvvfDdZA1PwxErlt4hq2ZuRLMYbCefu+k+vBL580 dev@laptop"
)
# A P-256 public key (the contract's example), for key bodies.
PUBLIC_KEY_PEM = (
    "-----BEGIN PUBLIC KEY-----\n"
    "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEkJr/M2snyMIt4LoWNeCryjrjj32v\n"
    "xk6VUwdXY7yayUsRCV/+bIhbOzRJlNuezCcChfxS3dwBF7CHW14NwqcTCQ==\n"
    "-----END PUBLIC KEY-----\n"
)
# Uploads whose bytes must match the sha256 they declare.
CHECKSUMMED_UPLOADS = {
    "/v1/storage/object/content",
    "/v1/storage/uploads/{upload_id}/parts/{part_number}",
}
KEY_BODIES = {
    ("POST", "/v1/service-accounts/{service_account_id}/keys"),
    ("POST", "/v1/service-accounts/{service_account_id}/keys/{key_id}/rotate"),
    ("POST", "/v1/service-accounts/{service_account_id}/rotate"),
}


def _meaningful(operation: tuple[str, str], body: dict[str, object]) -> None:
    """Replace values whose validity depends on meaning, not shape (iam, keys, quotes)."""
    if operation == ("POST", "/v1/ssh-keys") and "public_key" in body:
        body["public_key"] = SSH_KEY
    if operation in KEY_BODIES and "public_key_pem" in body:
        body["public_key_pem"] = PUBLIC_KEY_PEM
        body.pop("algorithm", None)  # the algorithm is read off the key when left out
    if operation == ("POST", "/v1/webhooks"):
        body["url"] = "http://127.0.0.1:9/hooks/conformance"  # the simulator calls loopback only
        if "*" in (body.get("event_types") or []):
            body["event_types"] = ["*"]  # `*` cannot be combined with other types
    if operation == ("POST", "/v1/catalog/quotes"):
        body.pop("region_code", None)  # a region where the SKU is offered is chosen
        gpus = body.get("gpus_total")
        if isinstance(gpus, int | float) and not isinstance(gpus, bool):
            body["gpus_total"] = min(int(gpus), 4)  # within every SKU's gpus_per_node
    if operation == ("POST", "/v1/projects/{project_id}/memberships"):
        body["principal_id"] = "usr-dev-user"  # a member of the project's tenant
        if body.get("role") not in ("project_admin", "project_member", "project_viewer"):
            body["role"] = "project_member"  # a project membership takes a project role
    if operation == ("POST", "/v1/apps/{app_slug}/entitlements") and "project_id" in body:
        body["project_id"] = "prj-default"  # a project of the caller's tenant
    _capacity_and_money(operation, body)


OFFERED = {"sku": "h200-sxm-slice", "region_code": "us-buffalo-1"}
"""A SKU and a region where it is offered."""


def _capacity_and_money(operation: tuple[str, str], body: dict[str, object]) -> None:
    """Values the capacity-and-money operations refuse for their meaning (see the docstring)."""
    if operation in (("POST", "/v1/catalog/holds"), ("POST", "/v1/reservations")):
        body.update(OFFERED)
    if operation == ("POST", "/v1/catalog/capacity-watches"):
        body.pop("region_code", None)
        gpus = body.get("gpus_total")
        if isinstance(gpus, int) and not isinstance(gpus, bool):
            body["gpus_total"] = min(gpus, 4)  # within every SKU's gpus_per_node
    if operation == ("POST", "/v1/fleets"):
        count, least = body.get("count"), body.get("min_count")
        if isinstance(count, int) and isinstance(least, int) and least > count:
            body["min_count"] = count
    if operation == ("POST", "/v1/allocations"):
        body.pop("volumes", None)  # random volume ids, mount points that may repeat
    if operation == ("POST", "/v1/volumes"):
        body["region_code"] = OFFERED["region_code"]
    if operation == ("PUT", "/v1/projects/{project_id}/budget"):
        body["monthly_budget_minor"] = 10**12  # a small one would refuse the run's creates
    if operation == ("POST", "/v1/spend-grants"):
        body["allowed_skus"] = [OFFERED["sku"]]


def _in_the_future(base_url: str, body: dict[str, object], field: str, ahead: timedelta) -> None:
    now = datetime.fromisoformat(httpx.get(f"{base_url}/v1/health").json()["time"])
    body[field] = (now + ahead).isoformat().replace("+00:00", "Z")


def _real_code(base_url: str, body: dict[str, object]) -> None:
    """Sign in as the dev user for the body's client, redirect and verifier; use that code."""
    verifier = str(body.get("code_verifier", ""))
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
    # A loopback URI, as required, and one of its own: the run's wrong passwords may have
    # denied the authorization request of the contract's example redirect and challenge.
    body["redirect_uri"] = f"http://127.0.0.1:53682/conformance/{uuid.uuid4().hex}"
    form = {
        "response_type": "code",
        "client_id": str(body.get("client_id", "")),
        "redirect_uri": body["redirect_uri"],
        "code_challenge": challenge.rstrip(b"=").decode(),
        "code_challenge_method": "S256",
        "state": "conformance",
        "username": "dev-user",
        "password": "dev123",
    }
    answer = httpx.post(
        f"{base_url}/v1/auth/oidc/authorize", data=form, headers={"Accept": "application/json"}
    )
    if answer.status_code == 200:
        body["code"] = answer.json()["code"]


def _ordered(since: str, until: str) -> bool:
    try:
        return datetime.fromisoformat(since) < datetime.fromisoformat(until)
    except ValueError:
        return True  # not ours to fix: the schema says what a date-time is


@schemathesis.hook
def map_case(context: schemathesis.HookContext, case: schemathesis.Case) -> schemathesis.Case:
    positive = case.meta is None or case.meta.generation.mode.is_positive
    if not positive:
        return case
    if case.query:
        case.query.pop("cursor", None)
        since, until = case.query.get("since"), case.query.get("until")
        if isinstance(since, str) and isinstance(until, str) and not _ordered(since, until):
            del case.query["until"]  # an empty or reversed window is rightly refused
    currency = SINGLE_CURRENCY.get((case.operation.method.upper(), case.operation.path))
    if currency and isinstance(case.body, dict) and "currency" in case.body:
        case.body["currency"] = currency
    if isinstance(case.body, dict):
        _meaningful((case.operation.method.upper(), case.operation.path), case.body)
    if case.headers and "Idempotency-Key" in case.headers:
        # Deterministic generation repeats keys; a replay of an earlier, since deleted,
        # resource is right by the contract but breaks the stateful checks.
        case.headers["Idempotency-Key"] = str(uuid.uuid4())
    if case.operation.path in CHECKSUMMED_UPLOADS and case.operation.method.upper() == "PUT":
        body = case.body if isinstance(case.body, bytes) else b"gpuaas conformance bytes"
        case.body = body
        case.headers = {
            **(case.headers or {}),
            "X-Content-SHA256": hashlib.sha256(body).hexdigest(),
        }
    return case


@schemathesis.hook
def before_call(context: schemathesis.HookContext, case: schemathesis.Case, kwargs: dict) -> None:
    """Right before sending (every phase, unlike `map_case`): codes are single-use."""
    positive = case.meta is None or case.meta.generation.mode.is_positive
    if positive and case.operation.path == "/v1/auth/oidc/token" and isinstance(case.body, dict):
        _real_code(str(case.operation.base_url), case.body)
    if case.operation.path == "/v1/auth/logout":
        _own_login(str(case.operation.base_url).rstrip("/"), case)
    base_url = str(case.operation.base_url).rstrip("/")
    method, path = case.operation.method.upper(), case.operation.path
    if positive and isinstance(case.body, dict) and method == "POST":
        if path == "/v1/reservations":  # the platform's clock runs fast: read it just before
            _in_the_future(base_url, case.body, "start", timedelta(hours=1))
        if path == "/v1/spend-grants":
            _in_the_future(base_url, case.body, "expires_at", timedelta(days=1))
    if positive and path == "/v1/reservations/availability" and case.query:
        for name in ("earliest_start", "latest_end", "region_code"):
            case.query.pop(name, None)  # now and a week ahead, every region of the SKU


def _own_login(base_url: str, case: schemathesis.Case) -> None:
    """Swap the run's token for a fresh login's, so the logout revokes only that login."""
    run_token = f"Bearer {os.environ['GPUAAS_SIM_TOKEN']}"
    headers = {str(k).lower(): k for k in case.headers or {}}
    key = headers.get("authorization")
    if key is None or case.headers is None or case.headers[key] != run_token:
        return  # no token, or one the case made up: nothing of the run's is at stake
    grant = httpx.post(
        f"{base_url}/v1/auth/login", json={"username": "dev-user", "password": "dev123"}
    )
    case.headers[key] = f"Bearer {grant.json()['access_token']}"


# A service account of the dev user's, per server, whose key signs positive assertions.
_SERVICE_ACCOUNTS: dict[str, tuple[str, str, str]] = {}


def _service_account(base_url: str) -> tuple[str, str, str] | None:
    if base_url not in _SERVICE_ACCOUNTS:
        login = httpx.post(
            f"{base_url}/v1/auth/login", json={"username": "dev-user", "password": "dev123"}
        )
        bearer = {"Authorization": f"Bearer {login.json()['access_token']}"}
        account = httpx.post(
            f"{base_url}/v1/service-accounts",
            json={"name": f"conformance-{uuid.uuid4().hex[:8]}", "principal_kind": "service"},
            headers=bearer,
        )
        if account.status_code != 201:
            return None
        sa_id = account.json()["id"]
        key = httpx.post(
            f"{base_url}/v1/service-accounts/{sa_id}/keys",
            json={"algorithm": "ES256"},
            headers=bearer,
        ).json()
        _SERVICE_ACCOUNTS[base_url] = (sa_id, key["key"]["id"], key["private_key_pem"])
    return _SERVICE_ACCOUNTS[base_url]


def _real_assertion(base_url: str, body: dict[str, object]) -> None:
    """An assertion signed by a real key, on the platform's (fast) clock, with a fresh jti."""
    import jwt  # only this hook needs it

    account = _service_account(base_url)
    if account is None:
        return
    sa_id, key_id, pem = account
    now = datetime.fromisoformat(httpx.get(f"{base_url}/v1/health").json()["time"]).timestamp()
    claims = {
        "iss": sa_id,
        "sub": sa_id,
        "aud": f"{base_url}/v1/auth/service-account/token",
        "iat": int(now),
        "exp": int(now) + 240,
        "jti": uuid.uuid4().hex,
    }
    body["assertion"] = jwt.encode(claims, pem, algorithm="ES256", headers={"kid": key_id})


@schemathesis.hook("before_call")
def sign_assertion(
    context: schemathesis.HookContext, case: schemathesis.Case, kwargs: dict
) -> None:
    """Right before sending: an assertion is single-use (its jti) and short-lived."""
    positive = case.meta is None or case.meta.generation.mode.is_positive
    path = case.operation.path
    if positive and path == "/v1/auth/service-account/token" and isinstance(case.body, dict):
        _real_assertion(str(case.operation.base_url).rstrip("/"), case.body)
