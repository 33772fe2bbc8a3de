"""Poll hints: how long until a resource in a transitional state is expected to change.

A GET of an allocation or an app instance carries `Retry-After` (whole seconds,
rounded up) and `Retry-After-Ms` while the resource is on its way somewhere, so a
waiter polls when a change is due instead of guessing. Lifecycles are timelines on
the simulated clock, so the hint is the simulated time left divided by the clock's
speed: real seconds. A frozen clock (speed 0) changes nothing by itself: no hint.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import datetime

__all__ = ["poll_hint_headers"]


def poll_hint_headers(upcoming: Iterable[datetime], now: datetime, speed: float) -> dict[str, str]:
    """The hint headers for the first of `upcoming` (transition times) after `now`; {} if none."""
    later = [at for at in upcoming if at > now]
    if not later or speed <= 0:
        return {}
    real_seconds = (min(later) - now).total_seconds() / speed
    millis = max(1, math.ceil(real_seconds * 1000))
    return {"Retry-After": str(max(1, math.ceil(millis / 1000))), "Retry-After-Ms": str(millis)}
