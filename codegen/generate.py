"""Turn the contract in openapi/ into the generated package generated/gpuaas_api.

    python codegen/generate.py          lint, bundle, generate, swap into generated/
    python codegen/generate.py --check  the same into a temporary folder, then fail
                                        if it differs from what generated/ holds

The generator cannot read multi-file specs, so the contract is bundled first.
Output goes to a temporary folder next to generated/ and is swapped in whole, so
a failed run never leaves a half-written package behind.
"""

from __future__ import annotations

import argparse
import filecmp
import keyword
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jinja2
import yaml

ROOT = Path(__file__).resolve().parent.parent
CODEGEN = ROOT / "codegen"
OUTPUT_PARENT = ROOT / "generated"
PACKAGE = "gpuaas_api"
BIN = Path(sys.executable).parent
NODE_ENV = {**os.environ, "REDOCLY_TELEMETRY": "off", "REDOCLY_SUPPRESS_UPDATE_NOTICE": "true"}

# Keys openapi-python-client 0.29.1 reads from its config file.
KNOWN_CONFIG_KEYS = {
    "class_overrides",
    "content_type_overrides",
    "project_name_override",
    "package_name_override",
    "package_version_override",
    "use_path_prefixes_for_title_model_names",
    "post_hooks",
    "docstrings_on_attributes",
    "field_prefix",
    "generate_all_tags",
    "http_timeout",
    "literal_enums",
}
# Schema names that would shadow the generated package's own helpers.
RESERVED_SCHEMA_NAMES = {"Response", "Client", "AuthenticatedClient", "File", "Unset", "UNSET"}
# Status-class bases of the exception tree; catalog entries derive from these.
STATUS_BASES = [
    (400, "BadRequestError", "The request is malformed.", False),
    (401, "AuthenticationError", "The credentials are missing, expired or not accepted.", False),
    (402, "PaymentRequiredError", "The balance or budget cannot cover the request.", False),
    (403, "PermissionDeniedError", "The principal may not do this.", False),
    (404, "NotFoundError", "The resource does not exist or is not visible to the caller.", False),
    (408, "RequestTimeoutError", "The server timed out waiting for the request.", True),
    (409, "ConflictError", "The resource's state or the idempotency key conflicts.", False),
    (422, "UnprocessableEntityError", "A field failed validation.", False),
    (429, "RateLimitError", "Too many requests; wait before retrying.", True),
]


class ContractError(Exception):
    """The contract or the codegen config breaks a rule the pipeline relies on."""


def run(cmd: list[str], **kwargs: Any) -> None:
    result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(f"codegen: `{' '.join(cmd[:3])} ...` failed (exit {result.returncode})")


def redocly(*args: str) -> list[str]:
    return ["npx", "--no-install", "redocly", *args]


def check_config(config_path: Path) -> None:
    config = yaml.safe_load(config_path.read_text()) or {}
    unknown = sorted(set(config) - KNOWN_CONFIG_KEYS)
    if unknown:
        raise ContractError(
            f"{config_path.name}: unknown keys {unknown}; the generator ignores them"
        )


def operations(spec: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every operation of the (full) contract, streaming ones included."""
    for path, item in spec["paths"].items():
        shared = item.get("parameters", [])
        for method in ("get", "put", "post", "patch", "delete"):
            op = item.get(method)
            if op is None:
                continue
            params = [*shared, *op.get("parameters", [])]
            names = {resolve(spec, p)["name"] for p in params}
            yield {
                "operation_id": op.get("operationId"),
                "method": method.upper(),
                "path": path,
                "tag": (op.get("tags") or ["default"])[0],
                "takes_idempotency_key": "Idempotency-Key" in names,
                "paginated": "cursor" in names,
                "streaming": bool(op.get("x-streaming")),
            }


def resolve(spec: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        ref = node["$ref"]
        if not ref.startswith("#/"):
            raise ContractError(f"external $ref left in the bundle: {ref}")
        node = spec
        for part in ref[2:].split("/"):
            node = node[part]
    return node


def check_contract(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """Check what the generator does not, and return the error catalog."""
    schemas = spec["components"]["schemas"]
    reserved = RESERVED_SCHEMA_NAMES & set(schemas)
    if reserved:
        raise ContractError(f"schemas named like generated helpers: {sorted(reserved)}")
    ops = list(operations(spec))
    missing = [f"{op['method']} {op['path']}" for op in ops if not op["operation_id"]]
    if missing:
        raise ContractError(f"operations without an operationId: {missing}")
    error_code = schemas["ErrorCode"]
    catalog = error_code.get("x-error-catalog") or []
    codes = [entry["code"] for entry in catalog]
    if sorted(codes) != sorted(error_code["enum"]) or len(set(codes)) != len(codes):
        raise ContractError("ErrorCode: `enum` and `x-error-catalog` must list the same codes once")
    names = [entry["exception"] for entry in catalog]
    reserved_names = {name for _, name, _, _ in STATUS_BASES}
    for entry in catalog:
        name = entry["exception"]
        if not name.isidentifier() or keyword.iskeyword(name) or name in reserved_names:
            raise ContractError(f"{entry['code']}: bad exception name {name!r}")
        if not (isinstance(entry["status"], int) and 400 <= entry["status"] <= 599):
            raise ContractError(f"{entry['code']}: status must be an int in 400..599")
        if not isinstance(entry["retryable"], bool):
            raise ContractError(f"{entry['code']}: retryable must be true or false")
        for attribute in entry.get("attributes", []):
            check_attribute(entry["code"], attribute)
    if len(set(names)) != len(names):
        raise ContractError("x-error-catalog: exception names must be unique")
    return catalog


ATTRIBUTE_TYPES = {"int", "str", "bool"}


def check_attribute(code: str, attribute: dict[str, Any]) -> None:
    """A catalog entry's typed attribute: a `details` field its exception exposes."""
    name = attribute.get("name", "")
    if not (isinstance(name, str) and name.isidentifier() and not keyword.iskeyword(name)):
        raise ContractError(f"{code}: attribute name {name!r} is not a Python identifier")
    if name.startswith("_") or name in RESERVED_ATTRIBUTES:
        raise ContractError(f"{code}: attribute {name!r} would hide an SDKError attribute")
    if attribute.get("type") not in ATTRIBUTE_TYPES:
        raise ContractError(f"{code}.{name}: type must be one of {sorted(ATTRIBUTE_TYPES)}")
    if not attribute.get("description"):
        raise ContractError(f"{code}.{name}: an attribute needs a description")


RESERVED_ATTRIBUTES = {
    "message", "code", "correlation_id", "details", "status_code", "retry_after",
    "response", "request", "retryable", "args",
}  # fmt: skip


def render_extras(
    spec: dict[str, Any],
    catalog: list[dict[str, Any]],
    streaming: list[dict[str, Any]],
    package: Path,
) -> None:
    env = jinja2.Environment(  # renders Python source, not HTML: no autoescaping
        loader=jinja2.FileSystemLoader(CODEGEN / "extra_templates"),
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    base_by_status = {status: name for status, name, _, _ in STATUS_BASES}
    entries = [
        {
            "attributes": [],
            **entry,
            "base": base_by_status.get(
                entry["status"], "ServerError" if entry["status"] >= 500 else "ClientError"
            ),
        }
        for entry in catalog
    ]
    bases = [{"status": s, "name": n, "doc": d, "retryable": r} for s, n, d, r in STATUS_BASES]
    (package / "exceptions.py").write_text(
        env.get_template("exceptions.py.jinja").render(catalog=entries, bases=bases)
    )
    (package / "operations.py").write_text(
        env.get_template("operations.py.jinja").render(operations=list(operations(spec)))
    )
    (package / "streaming.py").write_text(
        env.get_template("streaming.py.jinja").render(operations=streaming)
    )
    (package / "http_stack.py").write_text(env.get_template("http_stack.py.jinja").render())
    (package / "json_body.py").write_text(env.get_template("json_body.py.jinja").render())


def split_streaming(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """Take the `x-streaming` operations out of `spec`; describe them for request builders.

    The generator buffers whole responses, so streaming operations get no generated
    function; `gpuaas_api/streaming.py` builds their requests instead.
    """
    streaming = []
    for path, item in list(spec["paths"].items()):
        shared = item.get("parameters", [])
        for method in ("get", "put", "post", "patch", "delete"):
            op = item.get(method)
            if op is None or not op.get("x-streaming"):
                continue
            params = [resolve(spec, p) for p in [*shared, *op.get("parameters", [])]]
            streaming.append(
                {
                    "operation_id": op["operationId"],
                    "function": snake(op["operationId"]) + "_request",
                    "summary": op.get("summary", ""),
                    "method": method.upper(),
                    "path": path,
                    "params": [stream_param(spec, p) for p in params],
                    "body": "requestBody" in op,
                }
            )
            del item[method]
        if not any(m in item for m in ("get", "put", "post", "patch", "delete")):
            del spec["paths"][path]
    return streaming


def snake(name: str) -> str:
    """Python name of an operation id or a header: `Last-Event-ID` -> `last_event_id`."""
    words = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name).lower()
    return re.sub(r"[^a-z0-9]+", "_", words).strip("_")


PY_TYPES = {"string": "str", "integer": "int", "boolean": "bool", "number": "float"}


def stream_param(spec: dict[str, Any], param: dict[str, Any]) -> dict[str, Any]:
    schema = resolve(spec, param.get("schema", {}))
    kind = schema.get("type", "string")
    python = snake(param["name"])
    return {
        "name": param["name"],
        "python": python + "_" if keyword.iskeyword(python) or python == "range" else python,
        "where": param["in"],
        "required": bool(param.get("required")) or param["in"] == "path",
        "type": PY_TYPES.get(kind if isinstance(kind, str) else "string", "str"),
    }


def generate_into(workdir: Path, root: Path = ROOT / "openapi" / "openapi.yaml") -> Path:
    """Lint, bundle and generate the package under workdir; return its folder."""
    check_config(CODEGEN / "config.yaml")
    run(redocly("lint", "--format", "summary", str(root)), env=NODE_ENV)
    bundle = workdir / "openapi.yaml"
    run(redocly("bundle", str(root), "-o", str(bundle)), env=NODE_ENV)
    spec = yaml.safe_load(bundle.read_text())
    catalog = check_contract(spec)
    streaming = split_streaming(spec)
    codegen_bundle = workdir / "codegen-bundle.yaml"
    codegen_bundle.write_text(yaml.safe_dump(spec, sort_keys=False, allow_unicode=True))

    package = workdir / PACKAGE
    run(
        [
            str(BIN / "openapi-python-client"),
            "generate",
            "--path", str(codegen_bundle),
            "--meta", "none",
            "--output-path", str(package),
            "--overwrite",
            "--fail-on-warning",
            "--config", str(CODEGEN / "config.yaml"),
            "--custom-template-path", str(CODEGEN / "templates"),
        ]
    )  # fmt: skip
    render_extras(yaml.safe_load(bundle.read_text()), catalog, streaming, package)
    shutil.copyfile(bundle, package / "openapi.yaml")
    (package / "py.typed").write_text("")
    ruff = [str(BIN / "ruff"), "--quiet"]
    isolated = [str(package), "--isolated", "--no-cache"]
    run([*ruff, "check", *isolated, "--fix-only", "--select", "F401,I"])
    run([*ruff, "format", *isolated])
    return package


def differences(left: Path, right: Path) -> list[str]:
    cmp = filecmp.dircmp(left, right, ignore=["__pycache__"])
    found = [f"only in {left.name}: {n}" for n in cmp.left_only]
    found += [f"only in the fresh output: {n}" for n in cmp.right_only]
    found += [f"differs: {n}" for n in cmp.diff_files]
    for name in cmp.common_dirs:
        found += [f"{name}/{d}" for d in differences(left / name, right / name)]
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if generated/ is stale")
    args = parser.parse_args()
    started = time.perf_counter()
    target = OUTPUT_PARENT / PACKAGE
    OUTPUT_PARENT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(dir=OUTPUT_PARENT, prefix=".tmp-") as tmp:
        try:
            fresh = generate_into(Path(tmp))
        except ContractError as exc:
            print(f"codegen: contract check failed: {exc}", file=sys.stderr)
            return 1
        if args.check:
            diff = differences(target, fresh) if target.exists() else ["generated/ is missing"]
            if diff:
                print("codegen: generated/ differs from a fresh generation:", file=sys.stderr)
                print("\n".join(f"  {d}" for d in diff), file=sys.stderr)
                print("Run `make generate` and commit the result.", file=sys.stderr)
                return 1
            print(f"codegen: generated/ is up to date ({time.perf_counter() - started:.1f}s)")
            return 0
        old = Path(tmp) / "previous"
        if target.exists():
            target.rename(old)
        fresh.rename(target)
    print(f"codegen: wrote {target.relative_to(ROOT)} in {time.perf_counter() - started:.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
