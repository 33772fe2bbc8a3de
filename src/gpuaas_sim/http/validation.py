"""Requests checked against the contract: parameters (path, query, headers) and bodies.

Answers keep the platform's shapes. A bad parameter is 400 `invalid_request` naming it
(`details.parameter` or `details.header`), except a path parameter of an operation that
documents no 400: a path whose id breaks its schema names nothing, so it is 404
`not_found`. A body that is not JSON (or not the media type the operation takes) is 400;
a JSON body that breaks its schema is 422 `validation_error` with one `{field, reason}`
per failed rule. Form bodies are OAuth 2.0 token requests, so a missing or unsupported
field is 400 (RFC 6749 §5.2) and any other failed rule 422. Octet-stream bodies are left
to the handler, which streams them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qs

from starlette.requests import Request

from ..platform.errors import ApiError
from .contract import Contract, Operation, Parameter, reasons

__all__ = ["ReadBody", "parse_body", "read_body", "read_parameters", "reads_body_first"]

_INTEGER = re.compile(r"-?[0-9]{1,19}")
_NUMBER = re.compile(r"-?[0-9]{1,19}(\.[0-9]{1,19})?([eE][-+]?[0-9]{1,3})?")
JSON = "application/json"
FORM = "application/x-www-form-urlencoded"
BINARY = "application/octet-stream"


class _Unparsable(ValueError):
    """A raw parameter value that is not of its schema's type."""


def _bad_parameter(operation: Operation, param: Parameter, reason: str) -> ApiError:
    if param.location == "path" and 400 not in operation.documented:
        return ApiError(
            "not_found",
            f"No resource has the {param.name} given: it {reason}.",
            details={"parameter": param.name, "reason": reason},
        )
    if param.location == "header":
        return ApiError(
            "invalid_request", f"Header `{param.name}` {reason}.", details={"header": param.name}
        )
    where = "Path" if param.location == "path" else "Query"
    return ApiError(
        "invalid_request",
        f"{where} parameter `{param.name}` {reason}.",
        details={"parameter": param.name, "reason": reason},
    )


def _typed(schema: Mapping[str, Any], raw: str) -> Any:
    """A raw string as the value of `schema`'s type (`_Unparsable` if it is not one)."""
    kind = schema.get("type")
    if kind == "integer":
        if not _INTEGER.fullmatch(raw):
            raise _Unparsable("must be an integer")
        return int(raw)
    if kind == "number":
        if not _NUMBER.fullmatch(raw):
            raise _Unparsable("must be a number")
        return float(raw)
    if kind == "boolean":
        if raw not in ("true", "false"):
            raise _Unparsable("must be true or false")
        return raw == "true"
    return raw


def _value(contract: Contract, param: Parameter, raws: list[str]) -> Any:
    schema = param.schema
    if schema.get("type") == "array":
        items = contract.resolve(schema.get("items", {}))
        values = raws if param.explode else raws[0].split(",")
        if not param.explode and len(raws) > 1:
            raise _Unparsable("must be given once, comma-separated")
        return [_typed(items, value) for value in values]
    if len(raws) > 1:
        raise _Unparsable("must be given once")
    return _typed(schema, raws[0])


def read_parameters(
    contract: Contract, operation: Operation, request: Request
) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """The operation's path, query and header parameters, typed and checked (400 otherwise).

    Left-out parameters get their schema's default; unknown query parameters are ignored.
    """
    found: dict[str, dict[str, Any]] = {"path": {}, "query": {}, "header": {}}
    for param in operation.parameters:
        if param.location == "path":
            raws = [request.path_params[param.name]]
        elif param.location == "query":
            raws = request.query_params.getlist(param.name)
        elif param.location == "header":
            raws = request.headers.getlist(param.name)
        else:
            continue
        if not raws:
            if param.required:
                raise _bad_parameter(operation, param, "is required")
            if "default" in param.schema:
                found[param.location][param.name] = param.schema["default"]
            continue
        try:
            value = _value(contract, param, raws)
        except _Unparsable as exc:
            raise _bad_parameter(operation, param, str(exc)) from None
        for error in param.validator.iter_errors(value):
            for _, reason in reasons(error):
                refused = _bad_parameter(operation, param, reason)
                if error.validator == "enum" and param.location == "query":
                    refused.details["value"] = error.instance  # which one is unknown
                raise refused
        found[param.location][param.name] = contract.settle(param.schema, value)
    return found["path"], found["query"], found["header"]


class ReadBody:
    """A request body as the handler gets it."""

    def __init__(
        self, sent: Any = None, value: Any = None, form: dict[str, list[str]] | None = None
    ) -> None:
        self.sent = sent
        """The JSON (or form fields) as sent: what an Idempotency-Key's fingerprint covers."""
        self.value = value
        """Checked and settled: typed like the schema, defaults filled in."""
        self.form = form
        """A form's fields as sent, every value of each (for handlers that check their own)."""


def _media_type(request: Request, default: str) -> str:
    content_type = request.headers.get("content-type", default)
    return content_type.split(";", 1)[0].strip().lower()


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _field(path: list[str]) -> str:
    return ".".join(path) or "body"


def reads_body_first(operation: Operation) -> bool:
    """Whether the pipeline reads the body before the handler (JSON and forms, not bytes)."""
    media_types = operation.body_schemas
    return bool(media_types) and BINARY not in media_types


async def read_body(
    contract: Contract, operation: Operation, request: Request, *, check_form: bool = True
) -> ReadBody:
    """The operation's request body, parsed and checked against its schema."""
    raw = await request.body() if reads_body_first(operation) else b""
    return parse_body(contract, operation, request, raw, check_form=check_form)


def parse_body(
    contract: Contract,
    operation: Operation,
    request: Request,
    raw: bytes,
    *,
    check_form: bool = True,
) -> ReadBody:
    """`read_body` for a body already received (`raw`): no waiting, so it fits a transaction."""
    media_types = operation.body_schemas
    if not reads_body_first(operation):
        return ReadBody()
    if JSON in media_types:
        media = _media_type(request, JSON)
        if media != JSON and not media.endswith("+json"):
            raise ApiError("invalid_request", "The body must be `application/json`.")
        if not operation.body_required and not raw.strip():
            return ReadBody(None, contract.settle(media_types[JSON], {}))
        try:
            data = json.loads(raw.decode("utf-8"), parse_constant=_reject_constant)
        except (UnicodeDecodeError, ValueError, RecursionError):
            raise ApiError("invalid_request", "The body is not valid JSON.") from None
        _check_json(operation, data)
        return ReadBody(data, contract.settle(media_types[JSON], data))
    if _media_type(request, "") != FORM:
        raise ApiError("invalid_request", f"The body must be `{FORM}`.")
    try:
        form = parse_qs(raw.decode("utf-8"), keep_blank_values=True)
    except (UnicodeDecodeError, ValueError):
        raise ApiError("invalid_request", "The body is not a url-encoded form.") from None
    if not check_form:
        return ReadBody(form=form)
    for name, values in form.items():
        if len(values) > 1:
            raise ApiError("invalid_request", f"The form field `{name}` must be given once.")
    fields = {name: values[0] for name, values in form.items()}
    _check_form(operation, fields)
    return ReadBody(fields, contract.settle(media_types[FORM], fields), form)


def _check_json(operation: Operation, data: Any) -> None:
    errors: list[dict[str, str]] = []
    for error in operation.body_validators[JSON].iter_errors(data):
        for path, reason in reasons(error, body=True):
            entry = {"field": _field(path), "reason": reason}
            if entry not in errors:
                errors.append(entry)
    if errors:
        raise ApiError(
            "validation_error", "The body failed validation.", details={"errors": errors}
        )


def _check_form(operation: Operation, fields: dict[str, str]) -> None:
    errors: list[dict[str, str]] = []
    for error in operation.body_validators[FORM].iter_errors(fields):
        if error.validator in ("required", "const"):  # missing or unsupported
            for path, reason in reasons(error):
                name = _field(path)
                raise ApiError(
                    "invalid_request",
                    f"The form field `{name}` {reason}.",
                    details={"parameter": name, "reason": reason},
                )
        for path, reason in reasons(error, body=True):
            errors.append({"field": _field(path), "reason": reason})
    if errors:
        raise ApiError(
            "validation_error", "The body failed validation.", details={"errors": errors}
        )
