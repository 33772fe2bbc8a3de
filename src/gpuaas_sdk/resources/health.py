from __future__ import annotations

from gpuaas_api.api.health import get_health
from gpuaas_api.models import Health

from .._core.call import Call


def _check() -> Call[Health]:
    return Call(get_health, {}, Health)
