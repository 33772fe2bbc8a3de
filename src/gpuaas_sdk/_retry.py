"""Retries of transient failures, as a transport wrapper under auth and hooks.

Living in the transport means every request retries the same way: the facade's,
the generated layer's and the auth handler's own token requests.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx
import tenacity
from gpuaas_api.operations import takes_idempotency_key
from gpuaas_api.streaming import STREAM_EXTENSION  # marks requests whose body must keep streaming

from ._error_mapping import retry_after_seconds

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


def _close_discarded_response(state: tenacity.RetryCallState) -> None:
    if state.outcome is not None and not state.outcome.failed:
        state.outcome.result().close()


async def _aclose_discarded_response(state: tenacity.RetryCallState) -> None:
    if state.outcome is not None and not state.outcome.failed:
        await state.outcome.result().aclose()


def _last_outcome(state: tenacity.RetryCallState) -> httpx.Response:
    assert state.outcome is not None
    response: httpx.Response = state.outcome.result()  # re-raises a final exception
    return response


def prepare(request: httpx.Request, new_key: Callable[[], str] = lambda: str(uuid.uuid4())) -> None:
    """Give a create without an Idempotency-Key one, so its retries never duplicate it.

    The key is set on the request itself, so it also survives an auth replay.
    """
    if IDEMPOTENCY_HEADER not in request.headers and takes_idempotency_key(
        request.method, request.url.path
    ):
        request.headers[IDEMPOTENCY_HEADER] = new_key()


class RetryTransport(httpx.BaseTransport):
    def __init__(self, inner: httpx.BaseTransport, policy: RetryPolicy) -> None:
        self._inner = inner
        self.policy = policy

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        prepare(request)
        retrying = tenacity.Retrying(
            before_sleep=_close_discarded_response, **self.policy.retrying_kwargs(request)
        )
        for attempt in retrying:
            with attempt:
                request.headers[ATTEMPT_HEADER] = str(attempt.retry_state.attempt_number)
                response = self._inner.handle_request(request)
                if not request.extensions.get(STREAM_EXTENSION):
                    response.read()  # a body cut short is a failed attempt, retried like any other
            if not attempt.retry_state.outcome or not attempt.retry_state.outcome.failed:
                attempt.retry_state.set_result(response)
        return response

    def close(self) -> None:
        self._inner.close()


class AsyncRetryTransport(httpx.AsyncBaseTransport):
    def __init__(self, inner: httpx.AsyncBaseTransport, policy: RetryPolicy) -> None:
        self._inner = inner
        self.policy = policy

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        prepare(request)
        retrying = tenacity.AsyncRetrying(
            before_sleep=_aclose_discarded_response, **self.policy.retrying_kwargs(request)
        )
        async for attempt in retrying:
            with attempt:
                request.headers[ATTEMPT_HEADER] = str(attempt.retry_state.attempt_number)
                response = await self._inner.handle_async_request(request)
                if not request.extensions.get(STREAM_EXTENSION):
                    await response.aread()  # a body cut short is a failed attempt
            if not attempt.retry_state.outcome or not attempt.retry_state.outcome.failed:
                attempt.retry_state.set_result(response)
        return response

    async def aclose(self) -> None:
        await self._inner.aclose()
