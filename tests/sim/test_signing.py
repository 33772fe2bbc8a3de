"""The simulator's own signer follows the scheme the contract describes, to the byte."""

from __future__ import annotations

import ast
import hashlib
from pathlib import Path

import yaml

import gpuaas_sim
from gpuaas_sim.platform.signing import parse_signature, signature, signature_header

MESSAGES = Path(__file__).resolve().parents[2] / "openapi" / "asyncapi" / "messages.yaml"


def contract_vector() -> dict[str, str]:
    """The test vector in the contract's description of a webhook delivery."""
    text = yaml.safe_load(MESSAGES.read_text())["AllocationStatusChangedWebhook"]["description"]
    quoted = text.split("`")
    return {
        "secret": quoted[1],
        "body": quoted[7],
        "signed": quoted[9],
        "header": quoted[11].removeprefix("GPUaaS-Signature: "),
    }


def test_the_contracts_test_vector_signs_as_documented() -> None:
    vector = contract_vector()
    body = vector["body"].encode()

    header = signature_header(vector["secret"], "POST", "/hooks/gpuaas", body, 1775044803)

    assert header == vector["header"]
    assert vector["signed"] == f"1775044803.POST./hooks/gpuaas.{hashlib.sha256(body).hexdigest()}"


def test_a_header_parses_back_into_its_signature_and_time() -> None:
    header = signature_header("whsec_x", "post", "/h?a=1", b"{}", 1700000000)

    signatures, timestamp = parse_signature(header)

    assert timestamp == 1700000000
    assert signatures == [
        signature("whsec_x", 1700000000, "POST", "/h?a=1", hashlib.sha256(b"{}").hexdigest())
    ]


def test_the_simulator_never_imports_the_sdks_signer() -> None:
    """An oracle that shares the code it checks would agree with its bugs."""
    package = Path(gpuaas_sim.__file__).parent
    for source in package.rglob("*.py"):
        for node in ast.walk(ast.parse(source.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module:
                assert not node.module.startswith("gpuaas_sdk"), source
            if isinstance(node, ast.Import):
                assert all(not a.name.startswith("gpuaas_sdk") for a in node.names), source
