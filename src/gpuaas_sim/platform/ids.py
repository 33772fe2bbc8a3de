"""Record ids: a prefix and 32 random bits, repeatable for a given seed."""

from __future__ import annotations

import random
from collections.abc import Container

__all__ = ["fresh_id"]


def fresh_id(rng: random.Random, prefix: str, taken: Container[str]) -> str:
    """`prefix-xxxxxxxx` from `rng`, drawn again while `taken` has it."""
    while True:
        candidate = f"{prefix}-{rng.getrandbits(32):08x}"
        if candidate not in taken:
            return candidate
