from enum import StrEnum


class ErrorCode(StrEnum):
    ALLOCATION_NOT_ACTIVE = "allocation_not_active"
    ALLOCATION_NOT_FOUND = "allocation_not_found"
    IDEMPOTENCY_CONFLICT = "idempotency_conflict"
    INSUFFICIENT_BALANCE = "insufficient_balance"
    INSUFFICIENT_PERMISSIONS = "insufficient_permissions"
    INTERNAL_ERROR = "internal_error"
    INVALID_CREDENTIALS = "invalid_credentials"
    INVALID_REQUEST = "invalid_request"
    METHOD_NOT_ALLOWED = "method_not_allowed"
    NOT_FOUND = "not_found"
    RATE_LIMIT_EXCEEDED = "rate_limit_exceeded"
    REFUND_WINDOW_EXCEEDED = "refund_window_exceeded"
    SERVICE_UNAVAILABLE = "service_unavailable"
    SKU_NOT_FOUND = "sku_not_found"
    SKU_UNAVAILABLE = "sku_unavailable"
    TOKEN_EXPIRED = "token_expired"
    TOKEN_INVALID = "token_invalid"
    UPSTREAM_ERROR = "upstream_error"
    VALIDATION_ERROR = "validation_error"

    def __str__(self) -> str:
        return str(self.value)

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
