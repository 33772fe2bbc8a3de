"""A simulator with a fault profile, served over loopback for the length of a drill."""

from __future__ import annotations

import contextlib
import json
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from gpuaas_sim import SimConfig, Simulator, serve_in_thread


@contextlib.contextmanager
def faulty_simulator(
    rules: list[dict[str, Any]], *, seed: int = 0, **config: Any
) -> Iterator[tuple[Simulator, str]]:
    """A simulator whose fault profile is `rules` (in force for the whole run), and its URL."""
    with tempfile.TemporaryDirectory(prefix="gpuaas-drill-") as folder:
        profile = Path(folder) / "faults.json"
        profile.write_text(json.dumps({"rules": rules}))
        settings = {
            "clock_speed": 50.0,
            "access_token_ttl": 10**8,
            "rate_limit_per_minute": 10**9,  # many launchers share one token
            **config,
        }
        sim = Simulator(SimConfig(seed=seed, fault_profile=str(profile), **settings))
        try:
            with serve_in_thread(sim) as server:
                yield sim, server.base_url
        finally:
            sim.close()


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "n/a"
