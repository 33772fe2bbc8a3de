"""The contract the simulator serves, read once from the bundle the generated package ships.

`gpuaas_api/openapi.yaml` is the same bundle the SDK is generated from, so the simulator and
the SDK serve one contract. Every operation becomes an `Operation`: its method and path, whether
it needs a bearer token (its `security`), whether it takes an `Idempotency-Key`, the 2xx status
it answers, its `x-audit` record, and JSON Schema validators (Draft 2020-12, OpenAPI 3.1's
dialect) for its parameters and body, built once per process.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cache
from importlib import resources
from typing import Any

import yaml
from jsonschema import Draft202012Validator, FormatChecker, ValidationError
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

__all__ = ["AuditSpec", "Contract", "Operation", "Parameter", "contract", "parse_date_time"]

URI = "urn:gpuaas:openapi"
METHODS = ("get", "put", "post", "patch", "delete")

# RFC 3339 `date-time`: full date, `T`, full time with optional fraction, and an offset.
_DATE_TIME = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})"
)
_URI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:\S*")


def parse_date_time(text: str) -> datetime:
    """An RFC 3339 `date-time` as an aware datetime (ValueError if it is not one)."""
    match = _DATE_TIME.fullmatch(text)
    if match is None:
        raise ValueError(text)
    leap = match.group(6) == "60"  # a leap second is the instant after :59
    plain = text[:17] + "59" + text[19:] if leap else text
    try:
        moment = datetime.fromisoformat(plain.upper().replace("Z", "+00:00").replace(" ", "T"))
    except OverflowError:
        raise ValueError(text) from None
    return moment + timedelta(seconds=1) if leap else moment


FORMATS = FormatChecker(formats=())


@FORMATS.checks("date-time", raises=ValueError)
def _is_date_time(value: object) -> bool:
    if isinstance(value, str):
        parse_date_time(value)
    return True


@FORMATS.checks("uri")
def _is_uri(value: object) -> bool:
    return not isinstance(value, str) or _URI.fullmatch(value) is not None


@dataclass(frozen=True)
class Parameter:
    """A path, query or header parameter of an operation."""

    name: str
    location: str
    required: bool
    schema: Mapping[str, Any]
    """The parameter's schema with `$ref`s resolved at its top (for its type and default)."""
    explode: bool
    validator: Draft202012Validator = field(repr=False)


@dataclass(frozen=True)
class AuditSpec:
    """An operation's `x-audit`: the audit log's action, resource type and where the id is."""

    action: str
    resource_type: str
    resource_id: str | None
    """An OpenAPI runtime expression: `$request.path.<name>`, `$request.body#/<pointer>` or
    `$response.body#/<pointer>`."""
    tenant_scoped: bool = True
    """False for platform-wide resources (nodes): recorded without a tenant."""


@dataclass(frozen=True)
class Operation:
    operation_id: str
    method: str
    path: str
    authenticated: bool
    idempotent: bool
    streaming: bool
    status: int | None
    """The one 2xx status it answers (None when it has several, as a ranged download)."""
    documented: frozenset[int]
    """Every status its responses document."""
    parameters: tuple[Parameter, ...]
    body_required: bool
    body_schemas: Mapping[str, Mapping[str, Any]]
    """Media type -> resolved schema of each request body the operation takes."""
    body_validators: Mapping[str, Draft202012Validator] = field(repr=False)
    audit: AuditSpec | None


class Contract:
    """Operations by id, and the schema helpers that read the bundle."""

    def __init__(self, spec: Mapping[str, Any]) -> None:
        self.spec = spec
        self.registry: Registry[Any] = Registry().with_resource(
            URI, Resource.from_contents(spec, default_specification=DRAFT202012)
        )
        self.operations = {op.operation_id: op for op in self._operations()}

    def resolve(self, node: Mapping[str, Any]) -> Mapping[str, Any]:
        """`node` with local `$ref`s followed."""
        while "$ref" in node:
            node = self.at(str(node["$ref"]).removeprefix("#"))
        return node

    def at(self, pointer: str) -> Any:
        node: Any = self.spec
        for part in pointer.lstrip("/").split("/"):
            node = node[part.replace("~1", "/").replace("~0", "~")]
        return node

    def validator(self, pointer: str) -> Draft202012Validator:
        return Draft202012Validator(
            {"$ref": f"{URI}#{pointer}"}, registry=self.registry, format_checker=FORMATS
        )

    def _operations(self) -> Iterator[Operation]:
        default_security = self.spec.get("security", [])
        for path, item in self.spec["paths"].items():
            for method in METHODS:
                op = item.get(method)
                if op is None:
                    continue
                pointer = f"/paths/{_escape(path)}/{method}"
                params = tuple(self._parameters(item, op, pointer))
                body = self.resolve(op.get("requestBody", {}))
                content = body.get("content", {})
                body_pointer = self._pointer_of(op.get("requestBody", {}), f"{pointer}/requestBody")
                codes = [int(code) for code in op["responses"] if str(code).startswith("2")]
                audit = op.get("x-audit")
                yield Operation(
                    operation_id=op["operationId"],
                    method=method.upper(),
                    path=path,
                    authenticated=bool(op.get("security", default_security)),
                    idempotent=any(p.name == "Idempotency-Key" for p in params),
                    streaming=bool(op.get("x-streaming")),
                    status=codes[0] if len(codes) == 1 else None,
                    documented=frozenset(int(code) for code in op["responses"] if code.isdigit()),
                    parameters=params,
                    body_required=bool(body.get("required")),
                    body_schemas={
                        media: self.resolve(spec.get("schema", {}))
                        for media, spec in content.items()
                    },
                    body_validators={
                        media: self.validator(f"{body_pointer}/content/{_escape(media)}/schema")
                        for media in content
                        if media != "application/octet-stream"
                    },
                    audit=None
                    if audit is None
                    else AuditSpec(
                        audit["action"],
                        audit["resource_type"],
                        audit.get("resource_id"),
                        audit.get("tenant_scoped", True),
                    ),
                )

    def _parameters(
        self, item: Mapping[str, Any], op: Mapping[str, Any], pointer: str
    ) -> Iterator[Parameter]:
        path_pointer = pointer.rsplit("/", 1)[0]
        declared = [
            (f"{path_pointer}/parameters/{i}", p) for i, p in enumerate(item.get("parameters", []))
        ] + [(f"{pointer}/parameters/{i}", p) for i, p in enumerate(op.get("parameters", []))]
        for where, param in declared:
            where = self._pointer_of(param, where)
            resolved = self.resolve(param)
            location = resolved["in"]
            yield Parameter(
                name=resolved["name"],
                location=location,
                required=bool(resolved.get("required")) or location == "path",
                schema=self.resolve(resolved.get("schema", {})),
                explode=bool(resolved.get("explode", resolved.get("style", "form") == "form")),
                validator=self.validator(f"{where}/schema"),
            )

    def _pointer_of(self, node: Mapping[str, Any], pointer: str) -> str:
        """Where `node` (found at `pointer`) really is, once its `$ref`s are followed."""
        while "$ref" in node:
            pointer = str(node["$ref"]).removeprefix("#")
            node = self.at(pointer)
        return pointer

    # -- values as the schema has them -----------------------------------------------

    def settle(self, schema: Mapping[str, Any], value: Any) -> Any:
        """A validated value as handlers use it: integral floats where the schema says
        `integer` as ints (JSON Schema counts 2.0 as an integer), `date-time` strings as
        datetimes, and the schema's defaults filled in for properties left out."""
        schema = self.resolve(schema)
        kinds = schema.get("type")
        kinds = kinds if isinstance(kinds, list) else [kinds]
        if isinstance(value, float) and "integer" in kinds and value.is_integer():
            return int(value)
        if isinstance(value, str) and schema.get("format") == "date-time":
            return parse_date_time(value)
        if isinstance(value, list) and isinstance(schema.get("items"), Mapping):
            return [self.settle(schema["items"], item) for item in value]
        if isinstance(value, dict):
            properties = schema.get("properties", {})
            extra = schema.get("additionalProperties")
            settled = {
                name: self.settle(properties[name], item)
                if name in properties
                else (self.settle(extra, item) if isinstance(extra, Mapping) else item)
                for name, item in value.items()
            }
            for name, spec in properties.items():
                spec = self.resolve(spec)
                if name not in settled and "default" in spec:
                    settled[name] = copy.deepcopy(spec["default"])
            return settled
        return value


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


@cache
def contract() -> Contract:
    """The contract of the generated package (read and compiled once per process)."""
    text = resources.files("gpuaas_api").joinpath("openapi.yaml").read_text(encoding="utf-8")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return Contract(yaml.load(text, Loader=loader))  # noqa: S506 (a safe loader)


# -- what a failed check says ---------------------------------------------------------

_ARTICLE = {"integer": "an integer", "object": "an object", "array": "an array"}


def _kind(name: str) -> str:
    return "null" if name == "null" else _ARTICLE.get(name, f"a {name}")


def reasons(error: ValidationError, *, body: bool = False) -> Iterator[tuple[list[str], str]]:
    """(field path, reason) for one failed check, never echoing the value sent (it may be
    a secret). `required` and `additionalProperties` name the property concerned.

    Parameters are told what they must be (`must be at most 64 characters`); body fields
    keep the wording the platform has always used for them (`Input should be ...`)."""
    path = [str(part) for part in error.absolute_path]
    rule, expected = error.validator, error.validator_value
    instance = error.instance
    if rule == "required" and isinstance(instance, dict):
        for name in expected:
            if name not in instance:
                yield [*path, name], "Field required" if body else "is required"
        return
    if rule in ("additionalProperties", "unevaluatedProperties") and isinstance(instance, dict):
        known = error.schema.get("properties", {})
        patterns = list(error.schema.get("patternProperties", {}))
        for name in instance:
            if name not in known and not any(re.search(p, name) for p in patterns):
                yield (
                    [*path, name],
                    (
                        "Extra inputs are not permitted"
                        if body
                        else "is not a field of this request"
                    ),
                )
        return
    yield path, (_body_reason if body else _reason)(str(rule), expected)


def _reason(rule: str, expected: Any) -> str:
    simple = {
        "minLength": f"must be at least {expected} characters",
        "maxLength": f"must be at most {expected} characters",
        "pattern": f"must match `{expected}`",
        "minimum": f"must be at least {expected}",
        "maximum": f"must be at most {expected}",
        "exclusiveMinimum": f"must be greater than {expected}",
        "exclusiveMaximum": f"must be less than {expected}",
        "minItems": f"must hold at least {expected} items",
        "maxItems": f"must hold at most {expected} items",
        "uniqueItems": "must not repeat an item",
        "minProperties": f"needs at least {expected} field{'s' if expected != 1 else ''}",
        "maxProperties": f"takes at most {expected} fields",
        "multipleOf": f"must be a multiple of {expected}",
    }
    if rule in simple:
        return simple[rule]
    if rule == "type":
        kinds = expected if isinstance(expected, list) else [expected]
        return "must be " + " or ".join(_kind(k) for k in kinds)
    if rule == "enum":
        return "must be one of " + ", ".join(str(v) for v in expected)
    if rule == "const":
        return f"must be {expected}"
    if rule == "format":
        return {"date-time": "must be an RFC 3339 date-time", "uri": "must be an absolute URI"}.get(
            str(expected), f"must be a {expected}"
        )
    return "is not valid"


_BODY_KINDS = {
    "integer": "a valid integer",
    "number": "a valid number",
    "string": "a valid string",
    "boolean": "a valid boolean",
    "object": "a valid dictionary",
    "array": "a valid list",
    "null": "None",
}


def _plural(count: Any, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _body_reason(rule: str, expected: Any) -> str:
    simple = {
        "minLength": f"String should have at least {_plural(expected, 'character')}",
        "maxLength": f"String should have at most {_plural(expected, 'character')}",
        "pattern": f"String should match pattern '{expected}'",
        "minimum": f"Input should be greater than or equal to {expected}",
        "maximum": f"Input should be less than or equal to {expected}",
        "exclusiveMinimum": f"Input should be greater than {expected}",
        "exclusiveMaximum": f"Input should be less than {expected}",
        "minItems": f"List should have at least {_plural(expected, 'item')}",
        "maxItems": f"List should have at most {_plural(expected, 'item')}",
        "uniqueItems": "List items should be unique",
        "minProperties": f"Dictionary should have at least {_plural(expected, 'field')}",
        "multipleOf": f"Input should be a multiple of {expected}",
    }
    if rule in simple:
        return simple[rule]
    if rule == "type":
        kinds = expected if isinstance(expected, list) else [expected]
        return "Input should be " + " or ".join(_BODY_KINDS.get(k, k) for k in kinds)
    if rule in ("enum", "const"):
        values = expected if rule == "enum" else [expected]
        quoted = [repr(v) for v in values]
        listed = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]
        return f"Input should be {listed}"
    if rule == "format":
        return {
            "date-time": "Input should be a valid RFC 3339 date-time",
            "uri": "Input should be an absolute URI",
        }.get(str(expected), f"Input should be a valid {expected}")
    return "Input is not valid"
