"""Retries of transient failures, as a transport wrapper under auth and hooks.

Living in the transport means every request retries the same way: the facade's,
the generated layer's and the auth handler's own token requests.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import httpx
import tenacity
from gpuaas_api.streaming import STREAM_EXTENSION  # marks requests whose body must keep streaming

from ._error_mapping import retry_after_seconds

log = logging.getLogger("gpuaas_sdk")

ATTEMPT_HEADER = "GPUaaS-Attempt"

IDEMPOTENCY_HEADER = "Idempotency-Key"
RETRYABLE_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})
# Failures that happen before a request reaches the server are safe to retry for any method.
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)


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

    def retrying_kwargs(self, request: httpx.Request) -> dict[str, Any]:
        """Arguments for tenacity's `Retrying` / `AsyncRetrying` for one request."""
        may_resend = _may_resend(request)

        def retryable(state: tenacity.RetryCallState) -> bool:
            outcome = state.outcome
            if outcome is None:
                return False
            if outcome.failed:
                exc = outcome.exception()
                return isinstance(exc, _NOT_SENT) or (
                    may_resend and isinstance(exc, httpx.TransportError)
                )
            response: httpx.Response = outcome.result()
            return may_resend and response.status_code in RETRYABLE_STATUSES

        return {
            "retry": retryable,
            "stop": self._stop,
            "wait": self._wait,
            "retry_error_callback": _last_outcome,
            "reraise": True,
        }

    def _server_delay(self, state: tenacity.RetryCallState) -> float | None:
        outcome = state.outcome
        if outcome is None or outcome.failed:
            return None
        response: httpx.Response = outcome.result()
        return retry_after_seconds(response.headers)

    def _stop(self, state: tenacity.RetryCallState) -> bool:
        if state.attempt_number > self.max_retries:
            return True
        delay = self._server_delay(state)
        if delay is not None and delay > self.max_retry_after:
            return True  # the server asks for a longer pause than we wait: let the caller decide
        return bool(tenacity.stop_before_delay(self.total_timeout)(state))

    def _wait(self, state: tenacity.RetryCallState) -> float:
        delay = self._server_delay(state)
        if delay is not None:
            return delay
        backoff = tenacity.wait_random_exponential(
            multiplier=self.initial_backoff, max=self.max_backoff
        )
        return float(backoff(state))


def _may_resend(request: httpx.Request) -> bool:
    """Whether the request can be sent again without doing its work twice."""
    if not isinstance(request.stream, httpx.ByteStream):
        return False  # a streamed body cannot be replayed
    if request.method in {"GET", "HEAD", "OPTIONS", "PUT", "DELETE"}:
        return True
    return IDEMPOTENCY_HEADER in request.headers


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


def _outcome_text(state: tenacity.RetryCallState) -> str:
    if state.outcome is None:
        return "nothing"
    if state.outcome.failed:
        return type(state.outcome.exception()).__name__
    return str(state.outcome.result().status_code)


def _log_retry(state: tenacity.RetryCallState, request: httpx.Request) -> None:
    delay = state.next_action.sleep if state.next_action else 0.0
    log.info(
        "retrying %s %s after %s (attempt %d) in %.2fs",
        request.method,
        request.url.path,  # never the query string or headers: they may carry secrets
        _outcome_text(state),
        state.attempt_number,
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


def _last_outcome(state: tenacity.RetryCallState) -> httpx.Response:
    assert state.outcome is not None
    response: httpx.Response = state.outcome.result()  # re-raises a final exception
    return response


def prepare(request: httpx.Request, new_key: Callable[[], str] = lambda: str(uuid.uuid4())) -> None:
    """Give a create without an Idempotency-Key one, so its retries never duplicate it.

    The key is set on the request itself, so it also survives an auth replay.
    """
    if request.method != "POST" or IDEMPOTENCY_HEADER in request.headers:
        return  # decided without loading the operation table
    from gpuaas_api.operations import takes_idempotency_key

    if takes_idempotency_key(request.method, request.url.path):
        request.headers[IDEMPOTENCY_HEADER] = new_key()


class _Retrier:
    """The bookkeeping both retry transports share; they differ only in how they do I/O."""

    def __init__(self, policy: RetryPolicy, stats: TransportStats) -> None:
        self.policy = policy
        self.stats = stats

    def _begin(self, request: httpx.Request) -> dict[str, Any]:
        prepare(request)
        self.stats.count("requests")
        return self.policy.retrying_kwargs(request)

    def _retrying(self, state: tenacity.RetryCallState, request: httpx.Request) -> None:
        self.stats.count("retries")
        _log_retry(state, request)

    def _start(self, attempt: tenacity.AttemptManager, request: httpx.Request) -> float:
        self.stats.count("attempts")
        request.headers[ATTEMPT_HEADER] = str(attempt.retry_state.attempt_number)
        return time.perf_counter()

    @staticmethod
    def _succeeded(attempt: tenacity.AttemptManager) -> bool:
        """Whether the attempt got a response (whose status the policy then looks at)."""
        outcome = attempt.retry_state.outcome
        return outcome is None or not outcome.failed

    @contextmanager
    def _counting_errors(self) -> Iterator[None]:
        try:
            yield
        except httpx.TransportError:
            self.stats.count("errors")
            raise

    def _finish(self, response: httpx.Response) -> httpx.Response:
        if response.is_error:
            self.stats.count("errors")
        return response


def _discarded(state: tenacity.RetryCallState) -> httpx.Response | None:
    """The response of an attempt about to be retried, to close it."""
    if state.outcome is not None and not state.outcome.failed:
        response: httpx.Response = state.outcome.result()
        return response
    return None


def _reads_body(request: httpx.Request) -> bool:
    """Whether the attempt reads the body itself: a body cut short is then a failed attempt."""
    return not request.extensions.get(STREAM_EXTENSION)


class RetryTransport(_Retrier, httpx.BaseTransport):
    def __init__(
        self, inner: httpx.BaseTransport, policy: RetryPolicy, stats: TransportStats
    ) -> None:
        super().__init__(policy, stats)
        self._inner = inner

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        def before_sleep(state: tenacity.RetryCallState) -> None:
            self._retrying(state, request)
            if (response := _discarded(state)) is not None:
                response.close()

        retrying = tenacity.Retrying(before_sleep=before_sleep, **self._begin(request))
        with self._counting_errors():
            for attempt in retrying:
                with attempt:
                    started = self._start(attempt, request)
                    response = self._inner.handle_request(request)
                    if _reads_body(request):
                        response.read()
                    _log_done(request, response, started)
                if self._succeeded(attempt):
                    attempt.retry_state.set_result(response)
        return self._finish(response)

    def close(self) -> None:
        self._inner.close()


class AsyncRetryTransport(_Retrier, httpx.AsyncBaseTransport):
    def __init__(
        self, inner: httpx.AsyncBaseTransport, policy: RetryPolicy, stats: TransportStats
    ) -> None:
        super().__init__(policy, stats)
        self._inner = inner

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        async def before_sleep(state: tenacity.RetryCallState) -> None:
            self._retrying(state, request)
            if (response := _discarded(state)) is not None:
                await response.aclose()

        retrying = tenacity.AsyncRetrying(before_sleep=before_sleep, **self._begin(request))
        with self._counting_errors():
            async for attempt in retrying:
                with attempt:
                    started = self._start(attempt, request)
                    response = await self._inner.handle_async_request(request)
                    if _reads_body(request):
                        await response.aread()
                    _log_done(request, response, started)
                if self._succeeded(attempt):
                    attempt.retry_state.set_result(response)
        return self._finish(response)

    async def aclose(self) -> None:
        await self._inner.aclose()
