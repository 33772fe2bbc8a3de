"""Exit codes, and the one line (or JSON object) an error is reported as.

The table below is the contract scripts rely on; docs/cli.md lists the same codes
(a test compares the two). The first row whose error class matches wins.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from ..errors import (
    APIConnectionError,
    APITimeoutError,
    ArgumentError,
    AuthenticationError,
    BudgetExceeded,
    ConfigurationError,
    InsufficientBalance,
    NotFoundError,
    PaymentRequiredError,
    PermissionDeniedError,
    QuotaExceeded,
    RateLimitError,
    ResourceFailedError,
    SDKError,
    ServerError,
    WaitTimeoutError,
)


@dataclass(frozen=True)
class ExitCode:
    code: int
    name: str
    meaning: str


OK = ExitCode(0, "ok", "the command did what it was asked")
ERROR = ExitCode(1, "error", "any other failure: an API error, a file that cannot be read, ...")
USAGE = ExitCode(
    2, "usage", "the command line is wrong (unknown option, bad value); nothing was sent"
)
TIMEOUT = ExitCode(3, "timeout", "a wait or a request ran out of time")
REFUSED_FOR_MONEY = ExitCode(
    4, "budget", "refused by a limit: balance, budget or spend cap (402), or a quota"
)
AUTH = ExitCode(
    5,
    "auth",
    "not signed in (no credentials, no such profile), refused (401) or not allowed (403)",
)
NOT_FOUND = ExitCode(6, "not_found", "what the command names does not exist (404)")
FAILED = ExitCode(7, "failed", "the resource waited for failed (e.g. the allocation)")
UNAVAILABLE = ExitCode(
    8, "unavailable", "the platform could not be reached, or kept answering 429/5xx"
)
INTERRUPTED = ExitCode(130, "interrupted", "Ctrl-C (SIGINT); a transfer says what it kept")

EXIT_CODES = (
    OK,
    ERROR,
    USAGE,
    TIMEOUT,
    REFUSED_FOR_MONEY,
    AUTH,
    NOT_FOUND,
    FAILED,
    UNAVAILABLE,
    INTERRUPTED,
)

_BY_ERROR: tuple[tuple[type[BaseException], ExitCode], ...] = (
    (ArgumentError, USAGE),
    (WaitTimeoutError, TIMEOUT),
    (APITimeoutError, TIMEOUT),
    (TimeoutError, TIMEOUT),
    (InsufficientBalance, REFUSED_FOR_MONEY),
    (BudgetExceeded, REFUSED_FOR_MONEY),
    (PaymentRequiredError, REFUSED_FOR_MONEY),
    (QuotaExceeded, REFUSED_FOR_MONEY),
    (ConfigurationError, AUTH),
    (AuthenticationError, AUTH),
    (PermissionDeniedError, AUTH),
    (NotFoundError, NOT_FOUND),
    (ResourceFailedError, FAILED),
    (APIConnectionError, UNAVAILABLE),
    (RateLimitError, UNAVAILABLE),
    (ServerError, UNAVAILABLE),
)


class CommandError(Exception):
    """A failure the command line finds itself (nothing matched, ...), with its exit code."""

    def __init__(self, message: str, exit_code: ExitCode = ERROR, *, code: str = "error") -> None:
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code
        self.code = code


def exit_code_for(exc: BaseException) -> ExitCode:
    """The exit code of a failure (`ERROR` when no row matches)."""
    if isinstance(exc, CommandError):
        return exc.exit_code
    for kind, code in _BY_ERROR:
        if isinstance(exc, kind):
            return code
    return ERROR


def notes_of(exc: BaseException) -> list[str]:
    """What the SDK added to the error (e.g. what a transfer kept for the next run)."""
    return [str(note) for note in getattr(exc, "__notes__", None) or []]


def error_line(label: str, exc: BaseException) -> str:
    """One line for a person: what failed, why, the code and correlation id, the notes."""
    if isinstance(exc, SDKError):
        text = str(exc)
    elif isinstance(exc, CommandError):
        text = f"{exc.message} (code={exc.code})"
    else:
        text = _plain(exc)
    notes = "".join(f"; {note}" for note in notes_of(exc))
    return f"{label}: error: {text}{notes}".replace("\n", " ")


def error_json(exc: BaseException, code: ExitCode) -> str:
    """One line of JSON for a script: the API's error envelope plus the exit code."""
    error: dict[str, Any] = {
        "code": getattr(exc, "code", None) or type(exc).__name__,
        "message": getattr(exc, "message", None) or _plain(exc),
        "status": getattr(exc, "status_code", None),
        "correlation_id": getattr(exc, "correlation_id", None),
        "details": _details(exc),
        "notes": notes_of(exc),
        "exit_code": code.code,
    }
    return json.dumps({"error": error}, default=str)


def _details(exc: BaseException) -> dict[str, Any]:
    from gpuaas_api.exceptions import redacted_details

    details = getattr(exc, "details", None)
    return redacted_details(details) if details else {}


def _plain(exc: BaseException) -> str:
    """An error that is not the SDK's (an OSError...): its text, or at least its type."""
    if isinstance(exc, OSError) and exc.strerror:
        where = f": {exc.filename}" if exc.filename else ""
        return f"{exc.strerror}{where}"
    return str(exc) or type(exc).__name__
