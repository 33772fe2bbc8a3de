"""Schemathesis hooks for the conformance run (loaded through SCHEMATHESIS_HOOKS).

Some schema-valid values are still rightly refused by rules no schema can express.
In positive (schema-valid) cases only, these hooks replace them with values the
platform accepts; negative cases keep theirs, so refusals are still checked:

- a cursor is opaque: only cursors the platform handed out are valid, so a random
  one is dropped (the first page is asked for instead);
- a time window needs `since` before `until`;
- the simulated balance has one currency, USD;
- keys, SSH keys and uploads must be real (a parseable key, bytes matching their sha256);
- an Idempotency-Key is fresh for every case.
"""

from __future__ import annotations

import hashlib
import uuid
from datetime import datetime

import schemathesis

SINGLE_CURRENCY = {
    ("POST", "/v1/billing/payment-sessions"): "USD",
    ("POST", "/v1/service-accounts"): "USD",
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
        if str(body.get("role", "")).startswith("tenant_"):
            body["role"] = "project_member"  # a project membership takes a project role


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
