"""The bundled contract keeps the conventions of openapi/CONVENTIONS.md on every operation."""

from importlib import resources

import pytest
import yaml

SPEC = yaml.safe_load(resources.files("gpuaas_api").joinpath("openapi.yaml").read_text())
METHODS = ("get", "put", "post", "patch", "delete")
OPERATIONS = [
    pytest.param(path, method, op, id=op.get("operationId", f"{method} {path}"))
    for path, item in SPEC["paths"].items()
    for method, op in item.items()
    if method in METHODS
]
TAGS = {tag["name"] for tag in SPEC["tags"]}


def resolve(node: dict) -> dict:
    while "$ref" in node:
        target = SPEC
        for part in node["$ref"][2:].split("/"):
            target = target[part.replace("~1", "/")]
        node = target
    return node


def has_example(media: dict) -> bool:
    return (
        "example" in media or "examples" in media or "example" in resolve(media.get("schema", {}))
    )


def test_the_platform_surface_is_covered():
    assert len(OPERATIONS) >= 85
    assert {"auth", "catalog", "allocations", "billing", "storage", "iam", "projects"} <= TAGS


@pytest.mark.parametrize(("path", "method", "op"), OPERATIONS)
def test_every_operation_is_documented(path, method, op):
    assert path.startswith("/v1/")
    assert op["operationId"][0].islower()
    assert len(op["tags"]) == 1 and op["tags"][0] in TAGS
    assert op.get("summary")
    codes = set(op["responses"])
    assert "429" in codes
    secured = op.get("security", SPEC["security"]) != []
    if secured:
        assert "401" in codes


@pytest.mark.parametrize(("path", "method", "op"), OPERATIONS)
def test_every_success_has_a_correlation_id_and_an_example(path, method, op):
    for code, response in op["responses"].items():
        if not code.startswith("2"):
            continue
        response = resolve(response)
        assert "X-Correlation-ID" in response.get("headers", {}), code
        for media_type, media in response.get("content", {}).items():
            assert has_example(media), f"{code} {media_type}"


@pytest.mark.parametrize(("path", "method", "op"), OPERATIONS)
def test_every_request_body_has_an_example(path, method, op):
    for media_type, media in resolve(op.get("requestBody", {})).get("content", {}).items():
        assert has_example(media), media_type


@pytest.mark.parametrize(("path", "method", "op"), OPERATIONS)
def test_creates_take_an_idempotency_key(path, method, op):
    if method != "post" or "201" not in op["responses"]:
        return
    names = {
        resolve(p)["name"]
        for p in [*SPEC["paths"][path].get("parameters", []), *op.get("parameters", [])]
    }
    assert "Idempotency-Key" in names


def test_every_error_response_is_the_envelope():
    envelope = SPEC["components"]["schemas"]["ErrorEnvelope"]
    for _, _, op in (p.values for p in OPERATIONS):
        for code, response in op["responses"].items():
            if code[0] in "45":
                schema = resolve(response)["content"]["application/json"]["schema"]
                assert resolve(schema) is envelope, f"{op['operationId']} {code}"
