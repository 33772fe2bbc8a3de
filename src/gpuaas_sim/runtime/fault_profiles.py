"""Fault profiles: faults always in force for a whole run (`gpuaas-sim --fault-profile`).

A profile is a list of fault rules in the shape `Fault.from_json` reads (the
control API's shape), each with an optional `probability` (0 < p <= 1, default 1)
that it fires on a matching request. In a profile, a rule without `times` stays in
force for the whole run. Named profiles: `none`, `flaky` (some 503, 429 and
responses dropped after the work was done) and `slow` (added latency). Faults
armed by tests or the control API are checked first; `clear()` and `reset()` leave
the profile in force, since it is part of how the simulator was started.
"""

from __future__ import annotations

import json
import random
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .faults import REQUEST_KINDS, Fault, FaultInjector

__all__ = [
    "PROFILES",
    "FaultProfileError",
    "ProfileInjector",
    "ProfileRule",
    "load_profile",
    "profile_injector",
]

PROFILES: dict[str, list[dict[str, Any]]] = {
    "none": [],
    "flaky": [
        {"kind": "status", "status": 503, "retry_after": 1, "probability": 0.05},
        {"kind": "status", "status": 429, "retry_after": 1, "probability": 0.03},
        {"kind": "drop", "probability": 0.02},
    ],
    "slow": [
        {"kind": "latency", "delay": 1.0, "probability": 0.1},
        {"kind": "latency", "delay": 0.2},
    ],
}


class FaultProfileError(ValueError):
    """A fault profile that is neither a known name nor a readable file of valid rules."""


@dataclass
class ProfileRule:
    """One rule of a profile: a fault, how likely it fires, and hits left (None: no limit)."""

    fault: Fault
    probability: float = 1.0
    remaining: int | None = None


def _rule(raw: Any, where: str) -> ProfileRule:
    if not isinstance(raw, Mapping):
        raise FaultProfileError(f"{where}: a fault rule must be an object, not {raw!r}")
    values = dict(raw)
    probability = values.pop("probability", 1.0)
    if isinstance(probability, bool) or not isinstance(probability, int | float):
        raise FaultProfileError(f"{where}: `probability` must be a number from 0 to 1")
    if not 0 < probability <= 1:
        raise FaultProfileError(f"{where}: `probability` must be above 0 and at most 1")
    values.setdefault("times", None)
    try:
        fault = Fault.from_json(values)
    except (TypeError, ValueError) as exc:
        raise FaultProfileError(f"{where}: {exc}") from None
    return ProfileRule(fault, float(probability), fault.times)


def _rules(raw: Any, source: str) -> list[ProfileRule]:
    if isinstance(raw, Mapping) and "rules" in raw:
        raw = raw["rules"]
    if not isinstance(raw, list):
        raise FaultProfileError(f"{source}: expected a list of fault rules (or {{rules: [...]}})")
    return [_rule(item, f"{source}, rule {n}") for n, item in enumerate(raw, start=1)]


def load_profile(spec: str) -> list[ProfileRule]:
    """The rules of a named profile, or of a JSON/YAML file (by its extension)."""
    if spec in PROFILES:
        return _rules(PROFILES[spec], f"profile {spec!r}")
    path = Path(spec)
    if not path.is_file():
        raise FaultProfileError(
            f"unknown fault profile {spec!r}: name one of {', '.join(PROFILES)}"
            " or give the path of a JSON/YAML file of fault rules"
        )
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise FaultProfileError(f"cannot read fault profile {path}: {exc}") from None
    if path.suffix.lower() in (".yaml", ".yml"):
        try:
            import yaml  # type: ignore[import-untyped]  # optional: only YAML profiles need it
        except ImportError:
            raise FaultProfileError(
                f"{path} is YAML but PyYAML is not installed: `pip install pyyaml`, or use JSON"
            ) from None
        try:
            raw = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise FaultProfileError(f"{path} is not valid YAML: {exc}") from None
    else:
        try:
            raw = json.loads(text)
        except ValueError as exc:
            raise FaultProfileError(f"{path} is not valid JSON: {exc}") from None
    return _rules(raw, str(path))


class ProfileInjector(FaultInjector):
    """A `FaultInjector` whose profile rules apply after the armed faults, with probabilities.

    Draws come from a generator seeded with the simulator's seed, so a run with the
    same seed and the same request sequence fails the same requests.
    """

    def __init__(self, name: str, rules: Sequence[ProfileRule], seed: int = 0) -> None:
        super().__init__()
        self.name = name
        self.rules = list(rules)
        self._rng = random.Random(f"faults-{seed}")
        self._profile_lock = threading.Lock()

    def take(
        self, method: str, path: str, *, kinds: frozenset[str] = REQUEST_KINDS
    ) -> Fault | None:
        armed = super().take(method, path, kinds=kinds)
        if armed is not None:
            return armed
        with self._profile_lock:
            for rule in self.rules:
                if rule.remaining == 0 or rule.fault.kind not in kinds:
                    continue
                if not rule.fault.matches(method, path):
                    continue
                if rule.probability < 1 and self._rng.random() >= rule.probability:
                    continue
                if rule.remaining is not None:
                    rule.remaining -= 1
                return rule.fault
        return None


def profile_injector(spec: str | None, seed: int = 0) -> FaultInjector:
    """The simulator's injector: plain without a profile (or `none`), else a `ProfileInjector`."""
    if spec is None or spec == "none":
        return FaultInjector()
    return ProfileInjector(spec, load_profile(spec), seed)
