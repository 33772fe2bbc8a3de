"""Realistic response bodies built from the bundled contract's schemas and examples.

Fakes answer with what the platform would send, so a test exercises the same
parsing as production: the schema's `example` when it has one, else a value
built from its types, formats, enums and defaults.
"""

from __future__ import annotations

import copy
import functools
from importlib import resources
from typing import Any

from gpuaas_api.operations import OPERATIONS, Operation

_SCALARS: dict[str, Any] = {"integer": 0, "number": 0.0, "boolean": False, "null": None}
_FORMATS: dict[str, str] = {
    "date-time": "2026-04-01T12:00:00Z",
    "date": "2026-04-01",
    "uri": "https://example.com/",
    "email": "dev@example.com",
    "uuid": "00000000-0000-4000-8000-000000000000",
}


@functools.cache
def spec() -> dict[str, Any]:
    """The bundled contract (parsed once)."""
    import yaml

    text = resources.files("gpuaas_api").joinpath("openapi.yaml").read_text(encoding="utf-8")
    loaded: dict[str, Any] = yaml.safe_load(text)
    return loaded


@functools.cache
def operation(operation_id: str) -> Operation:
    for op in OPERATIONS:
        if op.operation_id == operation_id:
            return op
    raise KeyError(f"the contract has no operation {operation_id!r}")


def resolve(schema: dict[str, Any]) -> dict[str, Any]:
    """Follow `$ref`s inside the bundled document."""
    while "$ref" in schema:
        node: Any = spec()
        for part in schema["$ref"].removeprefix("#/").split("/"):
            node = node[part]
        schema = node
    return schema


def success_schema(op: Operation) -> tuple[int, dict[str, Any] | None]:
    """The first 2xx status of an operation and its JSON body schema (None: no body)."""
    responses = spec()["paths"][op.path][op.method.lower()]["responses"]
    status = min(int(code) for code in responses if str(code).startswith("2"))
    response = resolve(responses[str(status)] if str(status) in responses else responses[status])
    content = response.get("content", {}).get("application/json")
    return status, (resolve(content["schema"]) if content else None)


def page_item_schema(page: dict[str, Any]) -> dict[str, Any]:
    return resolve(page["properties"]["items"]["items"])


def example(schema: dict[str, Any]) -> Any:
    """A value valid against `schema`: its example, else one built from its parts."""
    schema = resolve(schema)
    for key in ("example", "default", "const"):
        if key in schema:
            return copy.deepcopy(schema[key])
    if schema.get("examples"):
        return copy.deepcopy(schema["examples"][0])
    if schema.get("enum"):
        return schema["enum"][0]
    for key in ("oneOf", "anyOf"):
        if key in schema:
            options = [resolve(o) for o in schema[key]]
            non_null = [o for o in options if o.get("type") != "null"]
            return example((non_null or options)[0])
    if "allOf" in schema:
        merged: dict[str, Any] = {}
        for part in schema["allOf"]:
            merged.update(example(part))
        return merged
    return _from_type(schema)


def _from_type(schema: dict[str, Any]) -> Any:
    kind = schema.get("type", "object")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), "null")
    if kind == "object":
        props = schema.get("properties", {})
        return {name: example(props[name]) for name in schema.get("required", []) if name in props}
    if kind == "array":
        return []
    if kind == "string":
        return _FORMATS.get(schema.get("format", ""), "string")
    if kind in ("integer", "number"):
        return schema.get("minimum", _SCALARS[kind])
    return _SCALARS.get(kind)


def with_fields(schema: dict[str, Any], fields: dict[str, Any], where: str) -> dict[str, Any]:
    """The schema's example object with `fields` set; unknown fields are refused."""
    schema = resolve(schema)
    body = example(schema)
    if not isinstance(body, dict):
        raise TypeError(f"{where}: the response is not an object, it takes no fields")
    known = schema.get("properties", {})
    unknown = sorted(set(fields) - set(known))
    if unknown and known:
        raise TypeError(
            f"{where}: unknown field(s) {', '.join(unknown)}; the contract has: "
            + ", ".join(sorted(known))
        )
    body.update(fields)
    return body
