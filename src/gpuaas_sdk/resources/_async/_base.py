"""What every resource class shares: the generated client its calls run on."""

from __future__ import annotations

import random
import time
from typing import TYPE_CHECKING, TypeVar

from gpuaas_api.exceptions import APIConnectionError, RateLimitError, ServerError

from ..._core.call import Call, CallOptions, arun
from ..._core.concurrency import async_sleep

if TYPE_CHECKING:
    from gpuaas_api.client import Client as GeneratedClient

T = TypeVar("T")

TRANSIENT = (APIConnectionError, ServerError, RateLimitError)
"""Failures after which a request carrying an idempotency key is safely sent again."""


class AsyncAPIResource:
    def __init__(self, raw: GeneratedClient) -> None:
        self._raw = raw

    async def _run(self, call: Call[T], options: CallOptions) -> T:
        """Run `call` with the caller's per-call options; its parsed result."""
        return (await arun(self._raw, call, options)).parse()

    async def _run_until(self, call: Call[T], options: CallOptions, deadline: float) -> T:
        """Run `call`, sending it again after transient failures until `deadline`
        (`time.monotonic()`), beyond the HTTP layer's own few retries.

        Only for calls whose `Idempotency-Key` is in their arguments: every attempt then
        carries the same key, so the work is done once however often it is sent.
        """
        delay = 0.5
        while True:
            try:
                return await self._run(call, options)
            except TRANSIENT:
                pause = random.uniform(delay / 2, delay)
                if time.monotonic() + pause >= deadline:
                    raise
                await async_sleep(pause)
                delay = min(delay * 2, 8.0)
