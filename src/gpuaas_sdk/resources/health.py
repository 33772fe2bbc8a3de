from __future__ import annotations

from gpuaas_api.api.health import get_health
from gpuaas_api.models import Health

from .._core.call import Call
from ._base import AsyncResource, SyncResource


def _check() -> Call[Health]:
    return Call(get_health, {}, Health)


class HealthResource(SyncResource):
    def check(self) -> Health:
        """Whether the platform is serving; needs no credentials."""
        return self._run(_check())


class AsyncHealthResource(AsyncResource):
    async def check(self) -> Health:
        """Whether the platform is serving; needs no credentials."""
        return await self._run(_check())
