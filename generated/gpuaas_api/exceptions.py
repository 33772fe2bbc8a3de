"""Typed errors of the GPUaaS API, generated from the contract's error catalog.

Generated from `x-error-catalog` in the contract by `make generate`; never edit by hand.
Every error the SDK raises is an `SDKError`. Responses with an error status raise the
class of their catalog code, or the base class of their status when the code is new.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, NamedTuple


class SDKError(Exception):
    """Base of every error the SDK raises, carrying the API's error envelope."""

    retryable: ClassVar[bool] = False

    def __init__(
        self,
        message: str,
        *,
        code: str = "sdk_error",
        correlation_id: str | None = None,
        details: Mapping[str, Any] | None = None,
        status_code: int | None = None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.correlation_id = correlation_id
        self.details: Mapping[str, Any] = dict(details or {})
        self.status_code = status_code
        self.retry_after = retry_after

    def __str__(self) -> str:
        facts = [f"code={self.code}"]
        if self.status_code is not None:
            facts.append(f"status={self.status_code}")
        if self.correlation_id:
            facts.append(f"correlation_id={self.correlation_id}")
        if self.retry_after is not None:
            facts.append(f"retry_after={self.retry_after:g}s")
        return f"{self.message} ({', '.join(facts)})"


class APIConnectionError(SDKError):
    """The request did not get a response: the connection failed or broke."""

    retryable = True


class APITimeoutError(APIConnectionError):
    """The request or the whole retry budget ran out of time."""


class MalformedResponseError(SDKError):
    """The server answered with something that does not match the contract."""


class APIStatusError(SDKError):
    """The API answered with an error status."""


class ClientError(APIStatusError):
    """A 4xx answer: the request must change before it can succeed."""


class ServerError(APIStatusError):
    """A 5xx answer: the platform failed; a retry may succeed."""

    retryable = True


class BadRequestError(ClientError):
    """The request is malformed."""


class AuthenticationError(ClientError):
    """The credentials are missing, expired or not accepted."""


class PaymentRequiredError(ClientError):
    """The balance or budget cannot cover the request."""


class PermissionDeniedError(ClientError):
    """The principal may not do this."""


class NotFoundError(ClientError):
    """The resource does not exist or is not visible to the caller."""


class RequestTimeoutError(ClientError):
    """The server timed out waiting for the request."""

    retryable = True


class ConflictError(ClientError):
    """The resource's state or the idempotency key conflicts."""


class UnprocessableEntityError(ClientError):
    """A field failed validation."""


class RateLimitError(ClientError):
    """Too many requests; wait before retrying."""

    retryable = True


class InvalidRequest(BadRequestError):
    """The request is malformed (bad JSON, unknown parameter, bad cursor)."""

    retryable = False


class ValidationError(UnprocessableEntityError):
    """A field failed validation; `details.errors` lists each field and reason."""

    retryable = False


class InvalidCredentials(AuthenticationError):
    """The username, password or refresh token was not accepted."""

    retryable = False


class TokenExpired(AuthenticationError):
    """The access token expired; refresh it and retry."""

    retryable = False


class TokenInvalid(AuthenticationError):
    """The access token is missing, malformed, revoked or not signed by the platform."""

    retryable = False


class InsufficientPermissions(PermissionDeniedError):
    """The principal lacks a role this operation needs."""

    retryable = False


class InsufficientBalance(PaymentRequiredError):
    """The tenant's balance cannot cover the request; `details` gives the balance and the cost."""

    retryable = False


class ResourceNotFound(NotFoundError):
    """No route or resource matches the request."""

    retryable = False


class MethodNotAllowed(ClientError):
    """The path exists but does not take this HTTP method; the `Allow` header lists those it takes."""

    retryable = False


class SKUNotFound(NotFoundError):
    """No SKU has this id."""

    retryable = False


class AllocationNotFound(NotFoundError):
    """No allocation with this id is visible to the caller."""

    retryable = False


class AllocationNotActive(ConflictError):
    """The allocation is not in the `active` state this operation needs."""

    retryable = False


class SKUUnavailable(ConflictError):
    """The SKU has no free capacity in the region asked for."""

    retryable = False


class IdempotencyConflict(ConflictError):
    """The Idempotency-Key was already used with a different request body."""

    retryable = False


class RefundWindowExceeded(ConflictError):
    """The charge is older than the refund window."""

    retryable = False


class RateLimitExceeded(RateLimitError):
    """Too many requests; wait for `Retry-After` seconds."""

    retryable = True


class InternalError(ServerError):
    """The platform failed unexpectedly; quote the correlation id when reporting it."""

    retryable = True


class UpstreamError(ServerError):
    """A dependency of the platform failed."""

    retryable = True


class ServiceUnavailable(ServerError):
    """The platform is overloaded or in maintenance; wait for `Retry-After` seconds."""

    retryable = True


class CatalogEntry(NamedTuple):
    code: str
    status: int
    retryable: bool
    exception: type[APIStatusError]


ERROR_CATALOG: Mapping[str, CatalogEntry] = {
    "invalid_request": CatalogEntry("invalid_request", 400, False, InvalidRequest),
    "validation_error": CatalogEntry("validation_error", 422, False, ValidationError),
    "invalid_credentials": CatalogEntry(
        "invalid_credentials", 401, False, InvalidCredentials
    ),
    "token_expired": CatalogEntry("token_expired", 401, False, TokenExpired),
    "token_invalid": CatalogEntry("token_invalid", 401, False, TokenInvalid),
    "insufficient_permissions": CatalogEntry(
        "insufficient_permissions", 403, False, InsufficientPermissions
    ),
    "insufficient_balance": CatalogEntry(
        "insufficient_balance", 402, False, InsufficientBalance
    ),
    "not_found": CatalogEntry("not_found", 404, False, ResourceNotFound),
    "method_not_allowed": CatalogEntry(
        "method_not_allowed", 405, False, MethodNotAllowed
    ),
    "sku_not_found": CatalogEntry("sku_not_found", 404, False, SKUNotFound),
    "allocation_not_found": CatalogEntry(
        "allocation_not_found", 404, False, AllocationNotFound
    ),
    "allocation_not_active": CatalogEntry(
        "allocation_not_active", 409, False, AllocationNotActive
    ),
    "sku_unavailable": CatalogEntry("sku_unavailable", 409, False, SKUUnavailable),
    "idempotency_conflict": CatalogEntry(
        "idempotency_conflict", 409, False, IdempotencyConflict
    ),
    "refund_window_exceeded": CatalogEntry(
        "refund_window_exceeded", 409, False, RefundWindowExceeded
    ),
    "rate_limit_exceeded": CatalogEntry(
        "rate_limit_exceeded", 429, True, RateLimitExceeded
    ),
    "internal_error": CatalogEntry("internal_error", 500, True, InternalError),
    "upstream_error": CatalogEntry("upstream_error", 502, True, UpstreamError),
    "service_unavailable": CatalogEntry(
        "service_unavailable", 503, True, ServiceUnavailable
    ),
}

_BASE_BY_STATUS: Mapping[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    402: PaymentRequiredError,
    403: PermissionDeniedError,
    404: NotFoundError,
    408: RequestTimeoutError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def exception_class_for(status: int, code: str | None) -> type[APIStatusError]:
    """The class to raise for an error answer: by code first, then by status."""
    if code is not None and code in ERROR_CATALOG:
        return ERROR_CATALOG[code].exception
    if status in _BASE_BY_STATUS:
        return _BASE_BY_STATUS[status]
    if 400 <= status < 500:
        return ClientError
    if status >= 500:
        return ServerError
    return APIStatusError


__all__ = [
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "CatalogEntry",
    "ClientError",
    "ERROR_CATALOG",
    "MalformedResponseError",
    "SDKError",
    "ServerError",
    "exception_class_for",
    "BadRequestError",
    "AuthenticationError",
    "PaymentRequiredError",
    "PermissionDeniedError",
    "NotFoundError",
    "RequestTimeoutError",
    "ConflictError",
    "UnprocessableEntityError",
    "RateLimitError",
    "InvalidRequest",
    "ValidationError",
    "InvalidCredentials",
    "TokenExpired",
    "TokenInvalid",
    "InsufficientPermissions",
    "InsufficientBalance",
    "ResourceNotFound",
    "MethodNotAllowed",
    "SKUNotFound",
    "AllocationNotFound",
    "AllocationNotActive",
    "SKUUnavailable",
    "IdempotencyConflict",
    "RefundWindowExceeded",
    "RateLimitExceeded",
    "InternalError",
    "UpstreamError",
    "ServiceUnavailable",
]
