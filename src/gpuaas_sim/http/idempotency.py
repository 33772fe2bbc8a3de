"""Idempotency keys: a replayed request gets the original answer instead of a second effect."""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from ..platform.errors import ApiError
from ..runtime.state_codec import from_plain, to_plain

__all__ = ["IdempotencyStore", "StoredResult", "fingerprint"]

KEY_TTL = timedelta(hours=24)


def fingerprint(body: Any) -> str:
    """A digest of the parsed body, insensitive to key order and whitespace."""
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(canonical.encode()).hexdigest()


@dataclass(frozen=True)
class StoredResult:
    """The first answer to a keyed request: a success payload, or the business error raised."""

    status: int
    payload: Any
    fingerprint: str
    stored_at: datetime
    error: ApiError | None = None


class IdempotencyStore:
    """Results by (principal, method, path, key), kept for 24 simulated hours."""

    def __init__(self) -> None:
        self._results: dict[tuple[str, str, str, str], StoredResult] = {}
        self._lock = threading.Lock()

    def lookup(
        self, scope: tuple[str, str, str, str], body_fingerprint: str, now: datetime
    ) -> StoredResult | None:
        """The stored result to replay, None to execute, or 409 when the body differs."""
        with self._lock:
            stored = self._results.get(scope)
            if stored is None or now - stored.stored_at >= KEY_TTL:
                self._results.pop(scope, None)
                return None
        if stored.fingerprint != body_fingerprint:
            raise ApiError(
                "idempotency_conflict",
                "This Idempotency-Key was already used with a different request body.",
                details={"idempotency_key": scope[3]},
            )
        return stored

    def save(self, scope: tuple[str, str, str, str], result: StoredResult) -> None:
        with self._lock:
            self._results[scope] = result

    def snapshot(self) -> dict[str, Any]:
        """Stored results as plain data (a replayed business error keeps its code and details)."""
        with self._lock:
            results = list(self._results.items())
        return {
            "results": [
                [
                    list(scope),
                    {
                        **to_plain(result, skip=("error",)),
                        "error": None
                        if result.error is None
                        else {
                            "code": result.error.code,
                            "message": result.error.message,
                            "details": result.error.details,
                            "headers": result.error.headers,
                            "status": result.error.status,
                        },
                    },
                ]
                for scope, result in results
            ]
        }

    def restore(self, data: Mapping[str, Any]) -> None:
        """Load a `snapshot()`."""
        restored = {}
        for scope, plain in data.get("results", []):
            error = plain.get("error")
            result = from_plain(
                StoredResult,
                plain,
                error=None if error is None else ApiError(**error),
            )
            restored[(scope[0], scope[1], scope[2], scope[3])] = result
        with self._lock:
            self._results.clear()
            self._results.update(restored)
