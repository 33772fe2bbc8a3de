"""One measured variant of a comparison, and how its target is judged.

Every comparison module in ``bench/`` returns ``list[Row]`` from ``run(*, quick)``;
``bench/run.py`` prints and plots them and judges each ``target`` here, so the
target forms are understood in one place.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

__all__ = ["Row", "TargetError", "median", "parse_target", "target_met"]


@dataclass
class Row:
    """The samples of one variant of one comparison."""

    group: str  # the comparison, e.g. "per-call (sync)"
    name: str  # the variant, e.g. "facade", "generated", "raw httpx"
    unit: str  # e.g. "µs/call", "ms", "MB/s", "MB", "records/s"
    samples: list[float]
    baseline: str | None = None  # name of the row in the same group this one is compared to
    target: str | None = None  # e.g. "<= 1.10x", ">= 0.8x", "<= 50 ms", "< 100 MB"
    higher_is_better: bool = False


class TargetError(ValueError):
    """A target string that none of the known forms matches."""


_TARGET = re.compile(r"^\s*(<=|>=|<|>|≤|≥)\s*([0-9]*\.?[0-9]+)\s*(\S.*)?\s*$")
_OPS = {"≤": "<=", "≥": ">="}


def median(samples: list[float]) -> float:
    """Median of the samples (the figure every table and target uses)."""
    if not samples:
        raise ValueError("a Row needs at least one sample to have a median")
    return float(statistics.median(samples))


def parse_target(target: str) -> tuple[str, float, str]:
    """Split ``"<= 1.10x"`` into ``("<=", 1.1, "x")``; the unit is ``""`` when absent."""
    match = _TARGET.match(target)
    if match is None:
        raise TargetError(
            f"target {target!r} is not understood: write an operator (<=, <, >=, >), "
            "a number and either 'x' (ratio to the baseline row) or a unit, "
            "e.g. '<= 1.10x' or '< 100 MB'"
        )
    op, number, unit = match.groups()
    return _OPS.get(op, op), float(number), (unit or "").strip()


def _compare(value: float, op: str, limit: float) -> bool:
    if op == "<=":
        return value <= limit
    if op == "<":
        return value < limit
    if op == ">=":
        return value >= limit
    return value > limit


def target_met(row: Row, baseline_row: Row | None) -> bool | None:
    """Whether the row's median meets its target; ``None`` when it has none or it cannot be judged.

    ``"<= 1.10x"`` compares ``median(row) / median(baseline_row)`` with 1.10 (so a ratio
    target without a baseline row gives ``None``); any other unit compares the median
    itself, which must then be in the row's own unit.
    """
    if row.target is None:
        return None
    op, limit, unit = parse_target(row.target)
    value = median(row.samples)
    if unit.lower() == "x":
        if baseline_row is None:
            return None
        base = median(baseline_row.samples)
        if base == 0:
            return None
        return _compare(value / base, op, limit)
    if unit and unit != row.unit:
        raise TargetError(
            f"row {row.group!r}/{row.name!r}: target {row.target!r} is in {unit!r} but the "
            f"samples are in {row.unit!r}; state the target in the row's unit or as a ratio ('x')"
        )
    return _compare(value, op, limit)
