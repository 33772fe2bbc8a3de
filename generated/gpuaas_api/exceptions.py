"""Typed errors of the GPUaaS API, generated from the contract's error catalog.

Generated from `x-error-catalog` in the contract by `make generate`; never edit by hand.
Every error the SDK raises is an `SDKError`. Responses with an error status raise the
class of their catalog code, or the base class of their status when the code is new.
"""

from __future__ import annotations

import re
import reprlib
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple, TypeVar

if TYPE_CHECKING:
    from .http_stack import httpx


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
        response: httpx.Response | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.correlation_id = correlation_id
        self.details: Mapping[str, Any] = dict(details or {})
        self.status_code = status_code
        self.retry_after = retry_after
        self.response = response
        """The HTTP answer this error was raised from (its body read), if any."""
        self.request: httpx.Request | None = (
            response.request if response is not None else None
        )
        """The request that answer was to: its URL, headers (as sent) and method."""

    def __str__(self) -> str:
        """One line: the message, what the details say, then code, status and correlation id."""
        parts = [self.message, *_describe(self.details)]
        return f"{' '.join(parts)} ({', '.join(self._facts())})"

    def __repr__(self) -> str:
        fields = [
            f"{name}={value!r}"
            for name, value in (
                ("code", self.code),
                ("status_code", self.status_code),
                ("correlation_id", self.correlation_id),
                ("retry_after", self.retry_after),
            )
            if value is not None
        ]
        fields.append(f"message={self.message!r}")
        if self.details:
            fields.append(f"details={_SHORT.repr(_redacted(self.details))}")
        return f"{type(self).__name__}({', '.join(fields)})"

    def _facts(self) -> list[str]:
        facts = [f"code={self.code}"]
        if self.status_code is not None:
            facts.append(f"status={self.status_code}")
        if self.correlation_id:
            facts.append(f"correlation_id={self.correlation_id}")
        if self.retry_after is not None:
            facts.append(f"retry_after={self.retry_after:g}s")
        return facts


_SHORT = (
    reprlib.Repr()
)  # details are the server's to fill: a long value must not flood a log
_SHORT.maxlevel, _SHORT.maxdict, _SHORT.maxlist = 3, 8, 8
_SHORT.maxstring = _SHORT.maxother = 80

_SECRET_KEY = re.compile(
    r"(^|_)(token|secret|password|passphrase|assertion|verifier|credentials?|api_key|private_key)(_|$)",
    re.IGNORECASE,
)
_REDACTED = "<redacted>"


def _redacted(details: Mapping[str, Any]) -> dict[str, Any]:
    """The details with the values of secret-looking keys hidden, at any depth."""
    return {
        key: _REDACTED if _SECRET_KEY.search(str(key)) else _redacted_value(value)
        for key, value in details.items()
    }


def _redacted_value(value: Any) -> Any:
    if isinstance(value, Mapping):
        return _redacted(value)
    if isinstance(value, list):
        return [_redacted_value(item) for item in value]
    return value


def redacted_details(details: Mapping[str, Any]) -> dict[str, Any]:
    """`details` as an error shows them: the values of secret-looking keys hidden."""
    return _redacted(details)


def _describe(details: Mapping[str, Any]) -> list[str]:
    """What `details` says, for a reader: each failing field and why, then the rest."""
    shown = _redacted(details)
    described = []
    errors = shown.pop("errors", None)
    if isinstance(errors, list) and errors:
        described.append("; ".join(_field_error(item) for item in errors) + ".")
    elif errors is not None:
        shown["errors"] = errors
    if shown:
        described.append(
            "details: "
            + ", ".join(f"{key}={_SHORT.repr(value)}" for key, value in shown.items())
        )
    return described


def _field_error(item: Any) -> str:
    """`field: reason` of one entry of `details.errors` (the validation error's shape)."""
    if isinstance(item, Mapping) and "field" in item:
        reason = item.get("reason") or item.get("message") or "invalid"
        return f"{item['field']}: {str(reason).rstrip('.')}"
    return _SHORT.repr(item)


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


DetailT = TypeVar("DetailT", int, str, bool)


def _detail(
    details: Mapping[str, Any], name: str, kind: type[DetailT]
) -> DetailT | None:
    """`details[name]` when it is a `kind` (a bool is not an int here), else None."""
    value = details.get(name)
    if isinstance(value, bool) and kind is not bool:
        return None
    return value if isinstance(value, kind) else None


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


class InvalidGrant(BadRequestError):
    """An OAuth grant was refused: a bad or used authorization code, a failed PKCE check, a bad redirect URI, or a bad service-account assertion."""

    retryable = False


class SignatureInvalid(AuthenticationError):
    """The request signature (GPUaaS-Signature) is missing or does not match the request; the key requires signed requests."""

    retryable = False


class SignatureStale(AuthenticationError):
    """The request signature's timestamp is outside the 5-minute tolerance; check the clock."""

    retryable = False


class AppNotEntitled(PermissionDeniedError):
    """The project has no entitlement to this app; ask an admin to grant one."""

    retryable = False


class BudgetExceeded(PaymentRequiredError):
    """A spend limit (a service account's monthly cap, a project's monthly budget or a spend grant) would be passed by what is spent plus committed plus this request; `details` gives `limit_kind`, `limit_id`, `cap_minor`, `spent_minor`, `committed_minor`, `headroom_minor`, `estimated_cost_minor`, `currency` and the largest request that would fit (`largest_gpus_total`, and `largest_count` for a fleet)."""

    retryable = False

    @property
    def headroom_minor(self) -> int | None:
        """What the limit still allows (limit minus spent minus committed, never below 0) (`details.headroom_minor`; None when absent)."""
        return _detail(self.details, "headroom_minor", int)

    @property
    def currency(self) -> str | None:
        """The currency of every amount in the error (`details.currency`; None when absent)."""
        return _detail(self.details, "currency", str)

    @property
    def cap_minor(self) -> int | None:
        """The limit's amount (`details.cap_minor`; None when absent)."""
        return _detail(self.details, "cap_minor", int)

    @property
    def spent_minor(self) -> int | None:
        """What was spent against the limit (this month, or over a grant's life) (`details.spent_minor`; None when absent)."""
        return _detail(self.details, "spent_minor", int)

    @property
    def committed_minor(self) -> int | None:
        """What live allocations, holds and reservations may still cost (`details.committed_minor`; None when absent)."""
        return _detail(self.details, "committed_minor", int)

    @property
    def estimated_cost_minor(self) -> int | None:
        """What the refused request would have committed (`details.estimated_cost_minor`; None when absent)."""
        return _detail(self.details, "estimated_cost_minor", int)

    @property
    def limit_kind(self) -> str | None:
        """Which limit refused: `service_account`, `project` or `spend_grant` (`details.limit_kind`; None when absent)."""
        return _detail(self.details, "limit_kind", str)

    @property
    def largest_gpus_total(self) -> int | None:
        """The most GPUs of the requested SKU one allocation could have and fit (0 when none fit) (`details.largest_gpus_total`; None when absent)."""
        return _detail(self.details, "largest_gpus_total", int)

    @property
    def largest_count(self) -> int | None:
        """For a fleet, the most members of the requested size that would fit (`details.largest_count`; None when absent)."""
        return _detail(self.details, "largest_count", int)


class SSHKeyNotFound(NotFoundError):
    """No SSH key has this id."""

    retryable = False


class AppNotFound(NotFoundError):
    """No app manifest has this slug."""

    retryable = False


class AppInstanceNotFound(NotFoundError):
    """No app instance has this id."""

    retryable = False


class MemberNotFound(NotFoundError):
    """The allocation is not a member of this app instance."""

    retryable = False


class ArtifactNotFound(NotFoundError):
    """No artifact has this id."""

    retryable = False


class EntitlementNotFound(NotFoundError):
    """No entitlement has this id."""

    retryable = False


class PaymentSessionNotFound(NotFoundError):
    """No payment session has this id."""

    retryable = False


class ChargeNotFound(NotFoundError):
    """No charge (usage record) has this id."""

    retryable = False


class ObjectNotFound(NotFoundError):
    """No storage object or folder at this path."""

    retryable = False


class UploadNotFound(NotFoundError):
    """No multipart upload has this id (it was completed, aborted or never started)."""

    retryable = False


class TenantNotFound(NotFoundError):
    """No tenant has this id."""

    retryable = False


class ProjectNotFound(NotFoundError):
    """No project has this id."""

    retryable = False


class MembershipNotFound(NotFoundError):
    """The principal is not a member here."""

    retryable = False


class RoleNotFound(NotFoundError):
    """No role has this name."""

    retryable = False


class ServiceAccountNotFound(NotFoundError):
    """No service account has this id."""

    retryable = False


class KeyNotFound(NotFoundError):
    """No service-account key has this id."""

    retryable = False


class WebhookNotFound(NotFoundError):
    """No webhook has this id."""

    retryable = False


class DeliveryNotFound(NotFoundError):
    """The webhook has no delivery with this id."""

    retryable = False


class NodeNotFound(NotFoundError):
    """No node has this id."""

    retryable = False


class AlreadyExists(ConflictError):
    """A resource with this name or key already exists."""

    retryable = False


class InvalidState(ConflictError):
    """The resource's current state does not allow this operation; `details.state` gives it."""

    retryable = False


class AppInstanceNotRunning(ConflictError):
    """The app instance is not `running`, which this operation needs."""

    retryable = False


class ProjectNotEmpty(ConflictError):
    """The project still holds allocations or app instances."""

    retryable = False


class UploadIncomplete(ConflictError):
    """The multipart upload is missing parts; `details.missing_parts` lists them."""

    retryable = False


class ChecksumMismatch(UnprocessableEntityError):
    """The bytes received do not match the sha256 the client declared."""

    retryable = False


class PayloadTooLarge(ClientError):
    """The request body is larger than this operation accepts; use a multipart upload."""

    retryable = False


class RangeNotSatisfiable(ClientError):
    """The requested byte range lies outside the object."""

    retryable = False


class QuotaExceeded(PermissionDeniedError):
    """A tenant quota (storage bytes, GPUs, projects) would be exceeded; `details` names it."""

    retryable = False


class LeaseExpired(ConflictError):
    """The allocation's lease ran out without a renewal and the platform released it; `details.lease_expires_at` says when."""

    retryable = False


class QuoteNotFound(NotFoundError):
    """No price quote with this id is visible to the caller."""

    retryable = False


class QuoteExpired(ConflictError):
    """The quote's `valid_until` has passed; ask for a new quote (`details.valid_until`)."""

    retryable = False


class QuoteMismatch(ConflictError):
    """The quote is for another SKU, size or region than the request; `details` gives the quote's and the request's."""

    retryable = False


class PriceCapExceeded(ConflictError):
    """The price that would be charged is above the request's `max_price_per_gpu_hour_minor`; `details` gives both."""

    retryable = False


class HoldNotFound(NotFoundError):
    """No capacity hold with this id is visible to the caller."""

    retryable = False


class HoldExpired(ConflictError):
    """The capacity hold is no longer `held` (expired, released or used up); `details.status` says which."""

    retryable = False


class HoldMismatch(ConflictError):
    """The request does not fit the hold: another SKU, region or project, or more GPUs than it keeps (`details.gpus_remaining`)."""

    retryable = False


class ReservationNotFound(NotFoundError):
    """No reservation with this id is visible to the caller."""

    retryable = False


class ReservationNotActive(ConflictError):
    """The reservation's window is not open now (`details.status`, `details.start`, `details.end`)."""

    retryable = False


class ReservationMismatch(ConflictError):
    """The request does not fit the reservation: another SKU, region or project, or more GPUs than it has free (`details.gpus_free`)."""

    retryable = False


class CapacityWatchNotFound(NotFoundError):
    """No capacity watch with this id is visible to the caller."""

    retryable = False


class FleetNotFound(NotFoundError):
    """No fleet with this id is visible to the caller."""

    retryable = False


class SpendGrantNotFound(NotFoundError):
    """No spend grant with this id is visible to the caller."""

    retryable = False


class VolumeNotFound(NotFoundError):
    """No volume with this id is visible to the caller."""

    retryable = False


class VolumeInUse(ConflictError):
    """The volume is attached (`details.allocation_id`); detach it first."""

    retryable = False


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
    "invalid_grant": CatalogEntry("invalid_grant", 400, False, InvalidGrant),
    "signature_invalid": CatalogEntry(
        "signature_invalid", 401, False, SignatureInvalid
    ),
    "signature_stale": CatalogEntry("signature_stale", 401, False, SignatureStale),
    "app_not_entitled": CatalogEntry("app_not_entitled", 403, False, AppNotEntitled),
    "budget_exceeded": CatalogEntry("budget_exceeded", 402, False, BudgetExceeded),
    "ssh_key_not_found": CatalogEntry("ssh_key_not_found", 404, False, SSHKeyNotFound),
    "app_not_found": CatalogEntry("app_not_found", 404, False, AppNotFound),
    "app_instance_not_found": CatalogEntry(
        "app_instance_not_found", 404, False, AppInstanceNotFound
    ),
    "member_not_found": CatalogEntry("member_not_found", 404, False, MemberNotFound),
    "artifact_not_found": CatalogEntry(
        "artifact_not_found", 404, False, ArtifactNotFound
    ),
    "entitlement_not_found": CatalogEntry(
        "entitlement_not_found", 404, False, EntitlementNotFound
    ),
    "payment_session_not_found": CatalogEntry(
        "payment_session_not_found", 404, False, PaymentSessionNotFound
    ),
    "charge_not_found": CatalogEntry("charge_not_found", 404, False, ChargeNotFound),
    "object_not_found": CatalogEntry("object_not_found", 404, False, ObjectNotFound),
    "upload_not_found": CatalogEntry("upload_not_found", 404, False, UploadNotFound),
    "tenant_not_found": CatalogEntry("tenant_not_found", 404, False, TenantNotFound),
    "project_not_found": CatalogEntry("project_not_found", 404, False, ProjectNotFound),
    "membership_not_found": CatalogEntry(
        "membership_not_found", 404, False, MembershipNotFound
    ),
    "role_not_found": CatalogEntry("role_not_found", 404, False, RoleNotFound),
    "service_account_not_found": CatalogEntry(
        "service_account_not_found", 404, False, ServiceAccountNotFound
    ),
    "key_not_found": CatalogEntry("key_not_found", 404, False, KeyNotFound),
    "webhook_not_found": CatalogEntry("webhook_not_found", 404, False, WebhookNotFound),
    "delivery_not_found": CatalogEntry(
        "delivery_not_found", 404, False, DeliveryNotFound
    ),
    "node_not_found": CatalogEntry("node_not_found", 404, False, NodeNotFound),
    "already_exists": CatalogEntry("already_exists", 409, False, AlreadyExists),
    "invalid_state": CatalogEntry("invalid_state", 409, False, InvalidState),
    "app_instance_not_running": CatalogEntry(
        "app_instance_not_running", 409, False, AppInstanceNotRunning
    ),
    "project_not_empty": CatalogEntry("project_not_empty", 409, False, ProjectNotEmpty),
    "upload_incomplete": CatalogEntry(
        "upload_incomplete", 409, False, UploadIncomplete
    ),
    "checksum_mismatch": CatalogEntry(
        "checksum_mismatch", 422, False, ChecksumMismatch
    ),
    "payload_too_large": CatalogEntry("payload_too_large", 413, False, PayloadTooLarge),
    "range_not_satisfiable": CatalogEntry(
        "range_not_satisfiable", 416, False, RangeNotSatisfiable
    ),
    "quota_exceeded": CatalogEntry("quota_exceeded", 403, False, QuotaExceeded),
    "lease_expired": CatalogEntry("lease_expired", 409, False, LeaseExpired),
    "quote_not_found": CatalogEntry("quote_not_found", 404, False, QuoteNotFound),
    "quote_expired": CatalogEntry("quote_expired", 409, False, QuoteExpired),
    "quote_mismatch": CatalogEntry("quote_mismatch", 409, False, QuoteMismatch),
    "price_cap_exceeded": CatalogEntry(
        "price_cap_exceeded", 409, False, PriceCapExceeded
    ),
    "hold_not_found": CatalogEntry("hold_not_found", 404, False, HoldNotFound),
    "hold_expired": CatalogEntry("hold_expired", 409, False, HoldExpired),
    "hold_mismatch": CatalogEntry("hold_mismatch", 409, False, HoldMismatch),
    "reservation_not_found": CatalogEntry(
        "reservation_not_found", 404, False, ReservationNotFound
    ),
    "reservation_not_active": CatalogEntry(
        "reservation_not_active", 409, False, ReservationNotActive
    ),
    "reservation_mismatch": CatalogEntry(
        "reservation_mismatch", 409, False, ReservationMismatch
    ),
    "capacity_watch_not_found": CatalogEntry(
        "capacity_watch_not_found", 404, False, CapacityWatchNotFound
    ),
    "fleet_not_found": CatalogEntry("fleet_not_found", 404, False, FleetNotFound),
    "spend_grant_not_found": CatalogEntry(
        "spend_grant_not_found", 404, False, SpendGrantNotFound
    ),
    "volume_not_found": CatalogEntry("volume_not_found", 404, False, VolumeNotFound),
    "volume_in_use": CatalogEntry("volume_in_use", 409, False, VolumeInUse),
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
    "redacted_details",
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
    "InvalidGrant",
    "SignatureInvalid",
    "SignatureStale",
    "AppNotEntitled",
    "BudgetExceeded",
    "SSHKeyNotFound",
    "AppNotFound",
    "AppInstanceNotFound",
    "MemberNotFound",
    "ArtifactNotFound",
    "EntitlementNotFound",
    "PaymentSessionNotFound",
    "ChargeNotFound",
    "ObjectNotFound",
    "UploadNotFound",
    "TenantNotFound",
    "ProjectNotFound",
    "MembershipNotFound",
    "RoleNotFound",
    "ServiceAccountNotFound",
    "KeyNotFound",
    "WebhookNotFound",
    "DeliveryNotFound",
    "NodeNotFound",
    "AlreadyExists",
    "InvalidState",
    "AppInstanceNotRunning",
    "ProjectNotEmpty",
    "UploadIncomplete",
    "ChecksumMismatch",
    "PayloadTooLarge",
    "RangeNotSatisfiable",
    "QuotaExceeded",
    "LeaseExpired",
    "QuoteNotFound",
    "QuoteExpired",
    "QuoteMismatch",
    "PriceCapExceeded",
    "HoldNotFound",
    "HoldExpired",
    "HoldMismatch",
    "ReservationNotFound",
    "ReservationNotActive",
    "ReservationMismatch",
    "CapacityWatchNotFound",
    "FleetNotFound",
    "SpendGrantNotFound",
    "VolumeNotFound",
    "VolumeInUse",
]
