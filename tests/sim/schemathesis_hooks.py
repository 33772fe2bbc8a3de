"""Schemathesis hooks for the conformance run (loaded through SCHEMATHESIS_HOOKS).

A cursor is opaque: the only valid ones are those the platform handed out, which
no schema can express, so a schema-valid *random* cursor is still rightly refused
with 400 `invalid_request`. In positive cases, swap the generated cursor for a
genuine first-page cursor of that listing; negative cases keep their bad cursors.
"""

from __future__ import annotations

import schemathesis

from gpuaas_sim.pagination import encode_cursor

LISTINGS = {
    "/v1/allocations": "allocations",
    "/v1/catalog/skus": "skus",
    "/v1/catalog/regions": "regions",
}


@schemathesis.hook
def map_case(context: schemathesis.HookContext, case: schemathesis.Case) -> schemathesis.Case:
    kind = LISTINGS.get(case.operation.path)
    positive = case.meta is None or case.meta.generation.mode.is_positive
    if kind and positive and case.query and "cursor" in case.query:
        # Position 0 is the first item (catalog order) or the first allocation ever made.
        case.query["cursor"] = encode_cursor(kind, 0 if kind != "allocations" else 1)
    return case
