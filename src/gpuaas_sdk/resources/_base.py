from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from .._core.call import Call, arun, run

if TYPE_CHECKING:
    from gpuaas_api.client import Client as GeneratedClient

T = TypeVar("T")


class SyncResource:
    def __init__(self, raw: GeneratedClient) -> None:
        self._raw = raw

    def _run(self, call: Call[T]) -> T:
        return run(self._raw, call)


class AsyncResource:
    def __init__(self, raw: GeneratedClient) -> None:
        self._raw = raw

    async def _run(self, call: Call[T]) -> T:
        return await arun(self._raw, call)
