"""Interleaved sampling: every variant measured in turn, round after round.

On a shared, noisy machine a burst of someone else's work then hits every variant
of a comparison alike, instead of all of one and none of another.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable


def interleaved(
    variants: dict[str, Callable[[], float]], rounds: int, warmup: int = 1
) -> dict[str, list[float]]:
    """Call each variant once per round, after `warmup` unrecorded rounds; gather the results."""
    samples: dict[str, list[float]] = {name: [] for name in variants}
    for round_number in range(warmup + rounds):
        for name, measure in variants.items():
            gc.collect()
            value = measure()
            if round_number >= warmup:
                samples[name].append(value)
    return samples


def per_item_us(action: Callable[[], object], count: int) -> float:
    """Microseconds per call of `action`, over `count` calls."""
    started = time.perf_counter()
    for _ in range(count):
        action()
    return (time.perf_counter() - started) / count * 1e6
