"""The error envelope and the code catalog of the contract (`x-error-catalog` in errors.yaml)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from gpuaas_api.exceptions import ERROR_CATALOG as _CATALOG

__all__ = ["ERROR_CATALOG", "ApiError", "code_for_status"]

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
