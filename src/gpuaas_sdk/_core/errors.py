"""Turn an error response into the typed exception of its catalog code."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from gpuaas_api.exceptions import APIStatusError, exception_class_for
from gpuaas_api.http_stack import httpx

from .headers import retry_after

CORRELATION_HEADER = "X-Correlation-ID"


def _envelope(response: httpx.Response) -> Mapping[str, Any] | None:
    try:
        body = json.loads(response.content)
    except ValueError:
        return None
    error = body.get("error") if isinstance(body, dict) else None
    return error if isinstance(error, dict) else None


def error_from_response(response: httpx.Response) -> APIStatusError:
    """The exception for an error response whose body has been read.

    Tolerates bodies that are not the envelope (a proxy's HTML 502 is still typed).
    """
    error = _envelope(response) or {}
    code = error.get("code") if isinstance(error.get("code"), str) else None
    message = error.get("message")
    if not isinstance(message, str) or not message:
        reason = response.reason_phrase or "error"
        request = response.request
        message = f"HTTP {response.status_code} {reason} from {request.method} {request.url.path}"
    details = error.get("details")
    cls = exception_class_for(response.status_code, code)
    return cls(
        message,
        code=code or f"http_{response.status_code}",
        correlation_id=error.get("correlation_id") or response.headers.get(CORRELATION_HEADER),
        details=details if isinstance(details, dict) else {},
        status_code=response.status_code,
        retry_after=retry_after(response.headers),
        response=response,
    )


def error_code(response: httpx.Response) -> str | None:
    """The catalog code of a read error response, if it has one."""
    error = _envelope(response)
    code = error.get("code") if error else None
    return code if isinstance(code, str) else None
