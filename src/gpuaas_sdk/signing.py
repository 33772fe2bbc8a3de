"""HMAC request signatures: sign a request, verify a webhook delivery.

The platform's scheme, for signing-required keys and for webhook deliveries:

    GPUaaS-Signature: v1=<hex>,ts=<unix seconds>
    <hex> = HMAC-SHA256(secret, "{ts}.{METHOD}.{path}.{sha256_hex(body)}")

Both helpers work on plain bytes and strings, so any HTTP stack can use them.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from collections.abc import Mapping

from .errors import SDKError

SIGNATURE_HEADER = "GPUaaS-Signature"
TOLERANCE_SECONDS = 300


class SignatureVerificationError(SDKError):
    """A signature is missing, malformed, stale, or does not match the payload."""

    def __init__(self, message: str, *, code: str) -> None:
        super().__init__(message, code=code)


def _digest(secret: str | bytes, timestamp: int, method: str, path: str, body: bytes) -> str:
    key = secret.encode() if isinstance(secret, str) else secret
    message = f"{timestamp}.{method.upper()}.{path}.{hashlib.sha256(body).hexdigest()}"
    return hmac.new(key, message.encode(), hashlib.sha256).hexdigest()


def sign_request(
    method: str,
    path: str,
    body: bytes,
    secret: str | bytes,
    *,
    timestamp: int | None = None,
) -> dict[str, str]:
    """The headers that sign one request: `{"GPUaaS-Signature": "v1=...,ts=..."}`.

    `path` is the request target as sent (the path and any query string, e.g.
    `/v1/allocations?limit=10`); `body` the exact bytes sent (empty for none).
    """
    if not secret:
        raise ValueError("a signing secret is required")
    ts = int(time.time()) if timestamp is None else timestamp
    return {SIGNATURE_HEADER: f"v1={_digest(secret, ts, method, path, body)},ts={ts}"}


def _parse(header: str) -> tuple[list[str], int]:
    signatures: list[str] = []
    timestamp: int | None = None
    for part in header.split(","):
        name, _, value = part.strip().partition("=")
        if name == "v1" and value:
            signatures.append(value)
        elif name == "ts":
            try:
                timestamp = int(value)
            except ValueError:
                timestamp = None
    if not signatures or timestamp is None:
        raise SignatureVerificationError(
            f"malformed {SIGNATURE_HEADER} header: expected 'v1=<hex>,ts=<unix seconds>'",
            code="signature_invalid",
        )
    return signatures, timestamp


def verify_webhook(
    payload: bytes,
    headers: Mapping[str, str],
    secret: str | bytes,
    *,
    path: str,
    method: str = "POST",
    tolerance: float = TOLERANCE_SECONDS,
    now: float | None = None,
) -> None:
    """Check a webhook delivery; raise `SignatureVerificationError` saying why it fails.

    `payload` is the raw request body (before any JSON parsing) and `path` the path
    your endpoint was called on. Several `v1=` values (during a secret rotation) are
    accepted if any one matches. Comparison is constant-time.
    """
    header = next((v for k, v in headers.items() if k.lower() == SIGNATURE_HEADER.lower()), None)
    if header is None:
        raise SignatureVerificationError(
            f"no {SIGNATURE_HEADER} header: the delivery is not signed", code="signature_invalid"
        )
    signatures, timestamp = _parse(header)
    age = (time.time() if now is None else now) - timestamp
    if abs(age) > tolerance:
        raise SignatureVerificationError(
            f"signature timestamp is {abs(age):.0f}s {'old' if age > 0 else 'in the future'}, "
            f"outside the {tolerance:g}s tolerance (replayed delivery, or a clock off?)",
            code="signature_stale",
        )
    expected = _digest(secret, timestamp, method, path, payload)
    if not any(hmac.compare_digest(expected, candidate) for candidate in signatures):
        raise SignatureVerificationError(
            "signature does not match the payload: wrong secret, or the body was altered "
            "(verify the raw bytes, not re-serialized JSON)",
            code="signature_invalid",
        )
