"""What every resource class shares: the generated client its calls run on."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from ..._core.call import Call, CallOptions, arun

if TYPE_CHECKING:
    from gpuaas_api.client import Client as GeneratedClient

T = TypeVar("T")


class AsyncAPIResource:
    def __init__(self, raw: GeneratedClient) -> None:
        self._raw = raw

    async def _run(self, call: Call[T], options: CallOptions) -> T:
        """Run `call` with the caller's per-call options; its parsed result."""
        return (await arun(self._raw, call, options)).parse()
