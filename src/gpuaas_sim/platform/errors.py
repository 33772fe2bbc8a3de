"""The error envelope and the code catalog of the contract (`x-error-catalog` in errors.yaml)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from gpuaas_api.exceptions import ERROR_CATALOG as _CATALOG
from starlette.responses import Response

__all__ = [
    "ERROR_CATALOG",
    "ApiError",
    "JSONResponse",
    "code_for_status",
    "error_response",
]

#: code -> HTTP status, from the catalog generated out of the contract.
ERROR_CATALOG: Mapping[str, int] = {code: entry.status for code, entry in _CATALOG.items()}

# The generic code for a status that several codes share (used by injected faults).
_GENERIC_CODE = {401: "token_invalid", 404: "not_found", 409: "idempotency_conflict"}


def code_for_status(status: int) -> str:
    """The catalog code an injected fault with this HTTP status answers with."""
    if status in _GENERIC_CODE:
        return _GENERIC_CODE[status]
    for code, code_status in ERROR_CATALOG.items():
        if code_status == status:
            return code
    return "internal_error" if status >= 500 else "invalid_request"


class ApiError(Exception):
    """An error the platform reports to the caller; the status comes from the catalog."""

    def __init__(
        self,
        code: str,
        message: str,
        *,
        details: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
        status: int | None = None,
    ) -> None:
        if code not in ERROR_CATALOG:
            raise ValueError(f"{code!r} is not in the error catalog")
        super().__init__(message)
        self.code = code
        self.message = message
        self.details = dict(details or {})
        self.headers = dict(headers or {})
        self.status = status if status is not None else ERROR_CATALOG[code]

    def to_response(self, correlation_id: str) -> Response:
        return error_response(
            self.code,
            self.message,
            correlation_id,
            details=self.details,
            headers=self.headers,
            status=self.status,
        )


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
