"""Comparison (4): parsing the largest models, against `json.loads` alone.

Bodies are the contract's own examples (what the platform sends); each variant
parses the same bytes `N` times: `json.loads` alone is the floor, then
`json.loads` + the generated model's `from_dict` for the models with the most
fields, and a whole 200-record usage page.
"""

from __future__ import annotations

import functools
import json
import time
from collections.abc import Callable
from typing import Any

from bench._rows import Row
from bench._server import Canned, example_body
from bench._timing import interleaved

# operationId -> the generated model its success body parses into (the biggest ones)
MODELS = {
    "getAllocation": "Allocation",
    "getAppInstance": "AppInstance",
    "getServiceAccount": "ServiceAccount",
    "getApp": "AppManifest",
    "listWebhookDeliveries": "WebhookDeliveryPage",
}


def _rate(parse: Callable[[], object], count: int) -> float:
    started = time.perf_counter()
    for _ in range(count):
        parse()
    return count / (time.perf_counter() - started)


def _model_parse(body: bytes, cls: Any) -> Callable[[], object]:
    return lambda: cls.from_dict(json.loads(body))


def _variants(count: int) -> dict[str, Callable[[], float]]:
    import gpuaas_api.models as models

    variants: dict[str, Callable[[], float]] = {}
    bodies: dict[str, tuple[bytes, Any]] = {}
    for operation_id, name in MODELS.items():
        bodies[name] = (json.dumps(example_body(operation_id)).encode(), getattr(models, name))
    page = Canned(10_000).usage_page(0, 200)
    bodies["UsageRecordPage (200 records)"] = (page, models.UsageRecordPage)

    for name, (body, cls) in bodies.items():
        n = count // 50 if name.startswith("UsageRecordPage") else count
        variants[f"{name}: json.loads"] = functools.partial(
            _rate, functools.partial(json.loads, body), n
        )
        variants[f"{name}: model"] = functools.partial(_rate, _model_parse(body, cls), n)
    return variants


def run(*, quick: bool) -> list[Row]:
    count, rounds = (2_000, 3) if quick else (5_000, 9)
    samples = interleaved(_variants(count), rounds)
    rows = []
    for key, values in samples.items():
        name, _, kind = key.rpartition(": ")
        rows.append(Row(f"parsing: {name}", kind, "parses/s", values, higher_is_better=True,
                        baseline="json.loads" if kind == "model" else None))  # fmt: skip
    return rows


if __name__ == "__main__":
    for row in run(quick=True):
        print(row.group, row.name, [round(x) for x in row.samples])
