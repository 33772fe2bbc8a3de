from __future__ import annotations

from gpuaas_api.api.auth import who_am_i
from gpuaas_api.models import Principal

from .._resource import Call
from ._base import AsyncResource, SyncResource


def _whoami() -> Call[Principal]:
    return Call(who_am_i, {}, Principal)


class AuthResource(SyncResource):
    def whoami(self) -> Principal:
        """The calling principal: its kind, tenant, default project and roles."""
        return self._run(_whoami())


class AsyncAuthResource(AsyncResource):
    async def whoami(self) -> Principal:
        """The calling principal: its kind, tenant, default project and roles."""
        return await self._run(_whoami())
