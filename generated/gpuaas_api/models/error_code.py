from enum import StrEnum


class ErrorCode(StrEnum):
    ALLOCATION_NOT_ACTIVE = "allocation_not_active"
    ALLOCATION_NOT_FOUND = "allocation_not_found"
    ALREADY_EXISTS = "already_exists"
    APP_INSTANCE_NOT_FOUND = "app_instance_not_found"
    APP_INSTANCE_NOT_RUNNING = "app_instance_not_running"
    APP_NOT_ENTITLED = "app_not_entitled"
    APP_NOT_FOUND = "app_not_found"
    ARTIFACT_NOT_FOUND = "artifact_not_found"
    BUDGET_EXCEEDED = "budget_exceeded"
    CAPACITY_WATCH_NOT_FOUND = "capacity_watch_not_found"
    CHARGE_NOT_FOUND = "charge_not_found"
    CHECKSUM_MISMATCH = "checksum_mismatch"
    DELIVERY_NOT_FOUND = "delivery_not_found"
    ENTITLEMENT_NOT_FOUND = "entitlement_not_found"
    FLEET_NOT_FOUND = "fleet_not_found"
    HOLD_EXPIRED = "hold_expired"
    HOLD_MISMATCH = "hold_mismatch"
    HOLD_NOT_FOUND = "hold_not_found"
    IDEMPOTENCY_CONFLICT = "idempotency_conflict"
    INSUFFICIENT_BALANCE = "insufficient_balance"
    INSUFFICIENT_PERMISSIONS = "insufficient_permissions"
    INTERNAL_ERROR = "internal_error"
    INVALID_CREDENTIALS = "invalid_credentials"
    INVALID_GRANT = "invalid_grant"
    INVALID_REQUEST = "invalid_request"
    INVALID_STATE = "invalid_state"
    KEY_NOT_FOUND = "key_not_found"
    LEASE_EXPIRED = "lease_expired"
    MEMBERSHIP_NOT_FOUND = "membership_not_found"
    MEMBER_NOT_FOUND = "member_not_found"
    METHOD_NOT_ALLOWED = "method_not_allowed"
    NODE_NOT_FOUND = "node_not_found"
    NOT_FOUND = "not_found"
    OBJECT_NOT_FOUND = "object_not_found"
    PAYLOAD_TOO_LARGE = "payload_too_large"
    PAYMENT_SESSION_NOT_FOUND = "payment_session_not_found"
    PRICE_CAP_EXCEEDED = "price_cap_exceeded"
    PROJECT_NOT_EMPTY = "project_not_empty"
    PROJECT_NOT_FOUND = "project_not_found"
    QUOTA_EXCEEDED = "quota_exceeded"
    QUOTE_EXPIRED = "quote_expired"
    QUOTE_MISMATCH = "quote_mismatch"
    QUOTE_NOT_FOUND = "quote_not_found"
    RANGE_NOT_SATISFIABLE = "range_not_satisfiable"
    RATE_LIMIT_EXCEEDED = "rate_limit_exceeded"
    REFUND_WINDOW_EXCEEDED = "refund_window_exceeded"
    RESERVATION_MISMATCH = "reservation_mismatch"
    RESERVATION_NOT_ACTIVE = "reservation_not_active"
    RESERVATION_NOT_FOUND = "reservation_not_found"
    ROLE_NOT_FOUND = "role_not_found"
    SERVICE_ACCOUNT_NOT_FOUND = "service_account_not_found"
    SERVICE_UNAVAILABLE = "service_unavailable"
    SIGNATURE_INVALID = "signature_invalid"
    SIGNATURE_STALE = "signature_stale"
    SKU_NOT_FOUND = "sku_not_found"
    SKU_UNAVAILABLE = "sku_unavailable"
    SPEND_GRANT_NOT_FOUND = "spend_grant_not_found"
    SSH_KEY_NOT_FOUND = "ssh_key_not_found"
    TENANT_NOT_FOUND = "tenant_not_found"
    TOKEN_EXPIRED = "token_expired"
    TOKEN_INVALID = "token_invalid"
    UPLOAD_INCOMPLETE = "upload_incomplete"
    UPLOAD_NOT_FOUND = "upload_not_found"
    UPSTREAM_ERROR = "upstream_error"
    VALIDATION_ERROR = "validation_error"
    VOLUME_IN_USE = "volume_in_use"
    VOLUME_NOT_FOUND = "volume_not_found"
    WEBHOOK_NOT_FOUND = "webhook_not_found"

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def from_value(cls, value: str) -> "ErrorCode":
        """The member of `value`, as `ErrorCode(value)` gives it; a known value by a dict
        lookup, in about 60% of the class call's time (models parse their enum fields with it)."""
        member = cls._value2member_map_.get(value)
        return member if member is not None else cls(value)  # type: ignore[return-value]

    @classmethod
    def _missing_(cls, value: object) -> "ErrorCode | None":
        """Keep a value this client does not know yet instead of raising.

        The platform adds values over time; one new value must not break a whole page.
        """
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = value.upper()
        member._value_ = value
        return cls._value2member_map_.setdefault(value, member)  # type: ignore[return-value]
