"""Signed requests: the `GPUaaS-Signature` check for tokens of signing-required accounts.

The scheme is `platform/signing.py`'s; this module applies it to a Starlette request.
Time is the simulated clock: a test can skew the platform.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable
from datetime import datetime

from starlette.requests import Request
from starlette.types import Message, Receive

from ..platform.errors import ApiError
from ..platform.identity import BEARER_CHALLENGE
from ..platform.signing import SIGNATURE_HEADER, TOLERANCE_SECONDS, parse_signature, signature

__all__ = ["BODY_DIGEST_STATE", "verify_request"]

BODY_DIGEST_STATE = "body_sha256"
"""Scope-state key where the gateway leaves the sha256 of a body it buffered."""


def _refused(code: str, message: str) -> ApiError:
    return ApiError(code, message, headers={"WWW-Authenticate": BEARER_CHALLENGE})


def _target(request: Request) -> str:
    """The request target as the client sent it: raw path plus any query string."""
    raw = request.scope.get("raw_path")
    path = raw.decode("latin-1") if isinstance(raw, bytes) and raw else request.scope["path"]
    query = request.scope.get("query_string", b"").decode("latin-1")
    return f"{path}?{query}" if query else path


def _known_body_digest(request: Request) -> str | None:
    """The body's sha256 if it is known without awaiting: buffered, already read, or none sent."""
    buffered = request.scope.get("state", {}).get(BODY_DIGEST_STATE)
    if isinstance(buffered, str):
        return buffered
    cached = getattr(request, "_body", None)  # Starlette keeps a read body here
    if isinstance(cached, bytes):
        return hashlib.sha256(cached).hexdigest()
    headers = request.headers
    if "transfer-encoding" not in headers and headers.get("content-length", "0").strip() == "0":
        return hashlib.sha256(b"").hexdigest()
    return None


def _verifying(receive: Receive, check: Callable[[str], None]) -> Receive:
    """A receive that hashes the body as it streams and checks it at the last chunk."""
    digest = hashlib.sha256()

    async def receive_checked() -> Message:
        message = await receive()
        if message["type"] == "http.request":
            digest.update(message.get("body", b""))
            if not message.get("more_body", False):
                check(digest.hexdigest())
        return message

    return receive_checked


def verify_request(request: Request, secret: str, now: datetime) -> None:
    """Refuse (401) a request whose signature is missing, stale or does not match.

    Method, target and timestamp are checked at once, and so is the body: the gateway
    buffers the body of every request carrying a signing-required token and leaves its
    digest in the scope, so even a route that never reads its body is checked. Without
    that digest (an app served without the gateway) the body is checked as it is read,
    before the handler can use it.
    """
    header = request.headers.get(SIGNATURE_HEADER)
    if header is None:
        raise _refused(
            "signature_invalid",
            f"This service account requires signed requests; no {SIGNATURE_HEADER} header.",
        )
    signatures, timestamp = parse_signature(header)
    age = now.timestamp() - timestamp
    if abs(age) > TOLERANCE_SECONDS:
        raise _refused(
            "signature_stale",
            f"The signature timestamp is {abs(age):.0f}s "
            f"{'old' if age > 0 else 'in the future'}; the tolerance is "
            f"{TOLERANCE_SECONDS}s (check the clock).",
        )
    method, target = request.method, _target(request)

    def check(body_digest: str) -> None:
        expected = signature(secret, timestamp, method, target, body_digest)
        if not any(hmac.compare_digest(expected, s) for s in signatures):
            raise _refused(
                "signature_invalid",
                "The signature does not match the request (method, path, query or body).",
            )

    digest = _known_body_digest(request)
    if digest is not None:
        check(digest)
    else:
        request._receive = _verifying(request.receive, check)
