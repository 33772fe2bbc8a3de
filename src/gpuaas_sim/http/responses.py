"""What goes out: compact JSON, the one error envelope, and the request's correlation id."""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from typing import Any

from starlette.requests import HTTPConnection
from starlette.responses import Response

from ..platform.errors import ERROR_CATALOG, ApiError

__all__ = ["JSONResponse", "correlation_id", "error_response", "response_of", "sandbox_gone"]


class JSONResponse(Response):
    """Compact JSON, ASCII-escaped so any string a client sent can be echoed back safely."""

    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return json.dumps(
            content, ensure_ascii=True, allow_nan=False, separators=(",", ":")
        ).encode()


def error_response(
    code: str,
    message: str,
    correlation_id: str,
    *,
    details: Mapping[str, Any] | None = None,
    headers: Mapping[str, str] | None = None,
    status: int | None = None,
) -> Response:
    """The one error envelope every failure uses."""
    body = {
        "error": {
            "code": code,
            "message": message,
            "correlation_id": correlation_id,
            "details": dict(details or {}),
        }
    }
    return JSONResponse(
        body, status_code=status or ERROR_CATALOG[code], headers=dict(headers or {})
    )


def response_of(error: ApiError, correlation_id: str) -> Response:
    """An `ApiError` in the envelope, with its status and headers."""
    return error_response(
        error.code,
        error.message,
        correlation_id,
        details=error.details,
        headers=error.headers,
        status=error.status,
    )


def correlation_id(connection: HTTPConnection) -> str:
    """The id the gateway gave this request (a fresh one when served without the gateway)."""
    value = connection.scope.get("state", {}).get("correlation_id")
    return value if isinstance(value, str) else uuid.uuid4().hex


def sandbox_gone(sandbox_id: str, correlation: str) -> Response:
    """404 for a sandbox that expired or was deleted (or never existed)."""
    return error_response(
        "not_found",
        f"No sandbox {sandbox_id}: it expired or was deleted (or never existed)."
        " Create one with POST /_sim/sandboxes.",
        correlation,
        details={"sandbox_id": sandbox_id},
    )
