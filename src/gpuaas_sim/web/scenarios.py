"""The playground's failure scenarios: one button each, built from the simulator's controls.

Each is a few of the switches `docs/simulator.md` describes (fault rules of
`runtime/faults.py`, token expiry, stream cuts, node drains), so what a button does can
be done by a test too, through the control API or in Python. `clear` undoes all but a
drain, which lasts until the simulator is reset.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..platform.errors import ApiError
from ..runtime.faults import Fault

if TYPE_CHECKING:
    from ..simulator import Simulator

__all__ = ["SCENARIOS", "Scenario", "clear", "scenario"]

API = "/v1/*"


@dataclass(frozen=True)
class Scenario:
    name: str
    title: str
    explains: str
    apply: Callable[[Simulator], None]


def _faults(*faults: Fault) -> Callable[[Simulator], None]:
    def arm(sim: Simulator) -> None:
        sim.faults.add(*faults)

    return arm


def _expire_tokens(sim: Simulator) -> None:
    sim.expire_access_tokens()


def _cut_streams(sim: Simulator) -> None:
    sim.stream_cut_after = 2


def _drain_every_node(sim: Simulator) -> None:
    sim.fleet.sync(sim.allocations)
    now = sim.clock.now()
    for node in sim.fleet.listing():
        if node.status_at(now) in ("ready", "offline"):
            sim.fleet.drain(node.id, "drained from the playground")


SCENARIOS = (
    Scenario(
        "outage",
        "Outage",
        "Every API request gets the proxy's 502 page until you clear the faults.",
        _faults(Fault(path=API, kind="html", status=502, times=None)),
    ),
    Scenario(
        "503-storm",
        "503 storm",
        "The next 3 API requests answer 503 with Retry-After: 1; the SDK's retries ride it out.",
        _faults(Fault(path=API, status=503, times=3, retry_after=1)),
    ),
    Scenario(
        "rate-limit-squeeze",
        "Rate-limit squeeze",
        "The next 6 API requests answer 429 with Retry-After: 1: one call runs out of "
        "retries (RateLimitError), the next gets through.",
        _faults(Fault(path=API, status=429, times=6, retry_after=1)),
    ),
    Scenario(
        "slow-responses",
        "Slow responses",
        "Every API request waits 1.5 s before it is handled, until you clear the faults.",
        _faults(Fault(path=API, kind="latency", delay=1.5, times=None)),
    ),
    Scenario(
        "drained-capacity",
        "Drained capacity",
        "Every node is drained: new allocations get 409 sku_unavailable; running ones go "
        "on. Lasts until the simulator is reset.",
        _drain_every_node,
    ),
    Scenario(
        "token-expiry",
        "Token expiry",
        "Every access token issued so far expires now; clients refresh and go on.",
        _expire_tokens,
    ),
    Scenario(
        "stream-cut",
        "Stream cut",
        "Every event stream opened from now on drops after 2 events; clients resume with "
        "Last-Event-ID. Until you clear the faults.",
        _cut_streams,
    ),
)
_BY_NAME = {s.name: s for s in SCENARIOS}


def scenario(name: str) -> Scenario:
    found = _BY_NAME.get(name)
    if found is None:
        raise ApiError(
            "not_found",
            f"No playground scenario {name!r}; known: {', '.join(_BY_NAME)}.",
            details={"scenario": name},
        )
    return found


def clear(sim: Simulator) -> None:
    """Disarm every fault rule and stop cutting streams (a fault profile stays in force)."""
    sim.faults.clear()
    sim.stream_cut_after = None
