"""The platform's HMAC signature scheme, written from the contract (`createWebhook`'s
description, the `GPUaaS-Signature` header of openapi/asyncapi/messages.yaml):

    GPUaaS-Signature: v1=<hex>,ts=<unix seconds>
    <hex> = lowercase hex HMAC-SHA256(secret as UTF-8, "{ts}.{METHOD}.{target}.{sha256_hex(body)}")

`target` is the path with its query string, as in the request line. Requests of
signing-required service accounts carry it (checked in `http/signing.py`), and so does
every webhook delivery (signed here). This is the simulator's own implementation, so the
SDK's `verify_webhook` is checked against a signer it shares no code with.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass, field

from .errors import ApiError
from .identity import BEARER_CHALLENGE, Principal

__all__ = [
    "SIGNATURE_HEADER",
    "TOLERANCE_SECONDS",
    "SignedPrincipal",
    "parse_signature",
    "signature",
    "signature_header",
]

SIGNATURE_HEADER = "GPUaaS-Signature"
TOLERANCE_SECONDS = 300


@dataclass(frozen=True)
class SignedPrincipal(Principal):
    """A service account's principal, as its assertion vouched for it.

    Its requests must be signed with `signing_secret` when that is set. The secret and
    the key travel with the token family, so refreshed tokens stay bound to them.
    """

    signing_secret: str = field(default="", repr=False, compare=False)
    key_id: str = field(default="", compare=False)
    """The service-account key whose assertion obtained the tokens (revoking it ends them)."""


def signature(secret: str, timestamp: int, method: str, target: str, body_sha256: str) -> str:
    """The lowercase hex HMAC-SHA256 of `{ts}.{METHOD}.{target}.{sha256_hex(body)}`."""
    message = f"{timestamp}.{method.upper()}.{target}.{body_sha256}"
    return hmac.new(secret.encode(), message.encode(), hashlib.sha256).hexdigest()


def signature_header(secret: str, method: str, target: str, body: bytes, timestamp: int) -> str:
    """The `GPUaaS-Signature` value that signs one request: `v1=<hex>,ts=<unix>`."""
    digest = signature(secret, timestamp, method, target, hashlib.sha256(body).hexdigest())
    return f"v1={digest},ts={timestamp}"


def parse_signature(header: str) -> tuple[list[str], int]:
    """The `v1` signatures and the `ts` of a header; 401 `signature_invalid` if malformed."""
    signatures: list[str] = []
    timestamp: int | None = None
    for part in header.split(","):
        name, _, value = part.strip().partition("=")
        if name == "v1" and value:
            signatures.append(value.lower())
        elif name == "ts" and value.isascii() and value.isdigit() and len(value) <= 12:
            timestamp = int(value)
    if not signatures or timestamp is None:
        raise ApiError(
            "signature_invalid",
            f"The {SIGNATURE_HEADER} header is malformed; expected `v1=<hex>,ts=<unix seconds>`.",
            headers={"WWW-Authenticate": BEARER_CHALLENGE},
        )
    return signatures, timestamp
