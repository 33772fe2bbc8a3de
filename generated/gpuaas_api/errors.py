"""Contains shared errors types that can be raised from API functions"""

from .exceptions import SDKError


class UnexpectedStatus(SDKError):
    """Raised by api functions when the response status an undocumented status and Client.raise_on_unexpected_status is True"""

    def __init__(self, status_code: int, content: bytes):
        self.content = content
        super().__init__(
            f"Unexpected status code: {status_code}",
            code="unexpected_status",
            status_code=status_code,
        )


__all__ = ["UnexpectedStatus"]
