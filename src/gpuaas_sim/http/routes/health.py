"""`getHealth`: liveness, unauthenticated."""

from __future__ import annotations

from typing import Any

from ...runtime.clock import format_time
from ..registry import Call, operation

API_VERSION = "1.0.0"


@operation("getHealth")
def get_health(call: Call) -> dict[str, Any]:
    return {"status": "ok", "version": API_VERSION, "time": format_time(call.sim.clock.now())}
