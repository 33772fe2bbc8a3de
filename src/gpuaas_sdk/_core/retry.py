"""Retries of transient failures, as a transport wrapper under auth and hooks.

Living in the transport means every request retries the same way: the facade's,
the generated layer's and the auth handler's own token requests.

The attempt loop is written out rather than run by tenacity: tenacity's per-call
state (futures, thread-local iteration state) cost ~65 µs a request, a tenth of a
loopback GET, measured by `bench/per_call.py`, while a request that succeeds at once
needs none of it. The policy (full-jitter exponential backoff, Retry-After, one
deadline) is the one tenacity's `wait_random_exponential` and `stop_before_delay` give.
"""

from __future__ import annotations

import logging
import random
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from gpuaas_api.http_stack import httpx
from gpuaas_api.streaming import STREAM_EXTENSION  # marks requests whose body must keep streaming

from .headers import retry_after

log = logging.getLogger("gpuaas_sdk")

ATTEMPT_HEADER = "GPUaaS-Attempt"

IDEMPOTENCY_HEADER = "Idempotency-Key"
RETRYABLE_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})
# Failures that happen before a request reaches the server are safe to retry for any method.
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)


@dataclass(frozen=True)
class Outcome:
    """What one attempt came to, as the policy sees it."""

    attempt: int
    """1 for the first attempt."""
    elapsed: float
    """Seconds from the start of the first attempt to the end of this one."""
    response: httpx.Response | None = None
    error: Exception | None = None


@dataclass(frozen=True)
class RetryPolicy:
    """How transient failures are retried.

    Backoff is exponential with full jitter between `initial_backoff` and
    `max_backoff`; a `Retry-After` answer is waited for exactly, unless it asks for
    more than `max_retry_after`, in which case the error is returned at once.
    All attempts of one call together stop before `total_timeout` seconds.
    """

    max_retries: int = 3
    initial_backoff: float = 0.5
    max_backoff: float = 8.0
    max_retry_after: float = 60.0
    total_timeout: float = 120.0

    def next_delay(self, outcome: Outcome, may_resend: bool) -> float | None:
        """Seconds to wait before the next attempt, or None: the outcome is final."""
        if not _retryable(outcome, may_resend) or outcome.attempt > self.max_retries:
            return None
        server = None if outcome.response is None else retry_after(outcome.response.headers)
        if server is not None and server > self.max_retry_after:
            return None  # the server asks for a longer pause than we wait: let the caller decide
        delay = server if server is not None else self._backoff(outcome.attempt)
        if outcome.elapsed + delay >= self.total_timeout:
            return None
        return delay

    def _backoff(self, attempt: int) -> float:
        ceiling = self.max_backoff
        if attempt < 64:  # 2 ** 63 seconds is past any ceiling
            ceiling = min(ceiling, self.initial_backoff * 2 ** (attempt - 1))
        return random.uniform(0, max(0.0, ceiling))


def _retryable(outcome: Outcome, may_resend: bool) -> bool:
    if outcome.error is not None:
        return isinstance(outcome.error, _NOT_SENT) or (
            may_resend and isinstance(outcome.error, httpx.TransportError)
        )
    assert outcome.response is not None
    return may_resend and outcome.response.status_code in RETRYABLE_STATUSES


def _may_resend(request: httpx.Request) -> bool:
    """Whether the request can be sent again without doing its work twice."""
    if not isinstance(request.stream, httpx.ByteStream):
        return False  # a streamed body cannot be replayed
    if request.method in {"GET", "HEAD", "OPTIONS", "PUT", "DELETE"}:
        return True
    return IDEMPOTENCY_HEADER in request.headers


FIRST_ATTEMPT = "gpuaas.first_attempt"
"""The request extension holding a `FirstAttempt` the fast lane made before this request."""


@dataclass(frozen=True)
class FirstAttempt:
    """An attempt already made (by the fast lane) whose outcome was not a plain success.

    The retry transport takes it as the request's first attempt instead of sending the
    request again, so everything after it (retries, auth, typed errors) goes the one way.
    """

    began: float
    """`time.monotonic()` when it was sent."""
    response: httpx.Response | None = None
    error: Exception | None = None

    def result(self) -> httpx.Response:
        """Its response, or its error raised."""
        if self.error is not None:
            raise self.error
        assert self.response is not None
        return self.response


def first_attempt(request: httpx.Request) -> FirstAttempt | None:
    """The attempt made before `request` reached the transport, taken once (a later resend
    of the same request, after an auth refresh, is sent for real)."""
    made: FirstAttempt | None = request.extensions.pop(FIRST_ATTEMPT, None)
    return made


class TransportStats:
    """Counters of what the transport did, for dashboards and benchmarks."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counts = {"requests": 0, "attempts": 0, "retries": 0, "errors": 0}

    def count(self, name: str) -> None:
        with self._lock:
            self._counts[name] += 1

    def snapshot(self) -> dict[str, int]:
        with self._lock:
            return dict(self._counts)


def _outcome_text(outcome: Outcome) -> str:
    if outcome.error is not None:
        return type(outcome.error).__name__
    assert outcome.response is not None
    return str(outcome.response.status_code)


def _log_retry(outcome: Outcome, delay: float, request: httpx.Request) -> None:
    log.info(
        "retrying %s %s after %s (attempt %d) in %.2fs",
        request.method,
        request.url.path,  # never the query string or headers: they may carry secrets
        _outcome_text(outcome),
        outcome.attempt,
        delay,
    )


def _log_done(request: httpx.Request, response: httpx.Response, started: float) -> None:
    if not log.isEnabledFor(logging.DEBUG):
        return  # skip reading headers for a message nobody records
    log.debug(
        "%s %s -> %d in %.0f ms (attempt %s, correlation id %s)",
        request.method,
        request.url.path,
        response.status_code,
        (time.perf_counter() - started) * 1000,
        request.headers.get(ATTEMPT_HEADER),
        response.headers.get("X-Correlation-ID"),
    )


def prepare(request: httpx.Request, new_key: Callable[[], str] = lambda: str(uuid.uuid4())) -> None:
    """Give a create without an Idempotency-Key one, so its retries never duplicate it.

    The key is set on the request itself, so it also survives an auth replay.
    """
    if request.method != "POST" or IDEMPOTENCY_HEADER in request.headers:
        return  # decided without loading the operation table
    from gpuaas_api.operations import takes_idempotency_key

    if takes_idempotency_key(request.method, request.url.path):
        request.headers[IDEMPOTENCY_HEADER] = new_key()


def reads_body(request: httpx.Request) -> bool:
    """Whether the attempt reads the body itself: a body cut short is then a failed attempt."""
    return not request.extensions.get(STREAM_EXTENSION)


class Retrier:
    """The bookkeeping both retry transports share; they differ only in how they do I/O.

    One request: `_begin`, then per attempt `_start`, the I/O, `_outcome`; when
    `_next_delay` gives a delay the transport closes the discarded response, sleeps
    and tries again, otherwise `_final` returns the response or raises the error.
    """

    def __init__(self, policy: RetryPolicy, stats: TransportStats) -> None:
        self.policy = policy
        self.stats = stats

    def _begin(self, request: httpx.Request) -> tuple[bool, float]:
        """Whether the request may be resent, and when its first attempt started."""
        prepare(request)
        self.stats.count("requests")
        return _may_resend(request), time.monotonic()

    def _start(self, attempt: int, request: httpx.Request) -> float:
        self.stats.count("attempts")
        request.headers[ATTEMPT_HEADER] = str(attempt)
        return time.perf_counter()

    @staticmethod
    def _outcome(
        attempt: int,
        began: float,
        request: httpx.Request,
        started: float,
        response: httpx.Response | None = None,
        error: Exception | None = None,
    ) -> Outcome:
        if response is not None:
            _log_done(request, response, started)
        return Outcome(attempt, time.monotonic() - began, response, error)

    def _next_delay(
        self, outcome: Outcome, may_resend: bool, request: httpx.Request
    ) -> float | None:
        delay = self.policy.next_delay(outcome, may_resend)
        if delay is not None:
            self.stats.count("retries")
            _log_retry(outcome, delay, request)
        return delay

    def _count_error(self) -> None:
        self.stats.count("errors")

    @staticmethod
    def _succeeded(
        request: httpx.Request, response: httpx.Response, started: float
    ) -> httpx.Response:
        _log_done(request, response, started)
        return response

    def _final(self, outcome: Outcome) -> httpx.Response:
        if outcome.error is not None:
            raise outcome.error
        assert outcome.response is not None
        if outcome.response.is_error:
            self.stats.count("errors")
        return outcome.response
