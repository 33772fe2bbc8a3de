"""Secrets in models stay readable as attributes but never show in a repr (or a log).

The contract says which properties hold a secret: `format: password`, or `x-secret: true`
on a value that carries one inside another format (a URL with a token in its query).
"""

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from gpuaas_api import models

from gpuaas_sdk.testing import _examples

CONTRACT = Path(__file__).resolve().parents[2] / "openapi"

LOOKS_SECRET = re.compile(
    r"(^|_)(token|secret|password|passphrase|assertion|verifier|credentials?|api_key|private_key)"
    r"(_|$)"
)
NOT_SECRET = {
    "token_type": "the constant `Bearer`",
}
"""Names that match `LOOKS_SECRET` but hold no secret, each with the reason."""


def is_marked(schema: dict[str, Any]) -> bool:
    return schema.get("format") == "password" or schema.get("x-secret") is True


def properties(node: Any, where: str) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(where, name, schema) of every property of every schema inside `node`."""
    if isinstance(node, dict):
        for name, schema in (node.get("properties") or {}).items():
            if isinstance(schema, dict):
                yield where, name, schema
        for key, value in node.items():
            yield from properties(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from properties(value, f"{where}/{index}")


def contract_secrets() -> list[tuple[str, str]]:
    """(schema, property) of every secret the bundled contract marks."""
    found = []
    for where, name, schema in properties(_examples.spec(), ""):
        if not is_marked(schema):
            continue
        owner = re.fullmatch(r"/components/schemas/([A-Za-z0-9]+)", where)
        assert owner, f"{where}/{name}: a secret in an inline schema; make it a component"
        found.append((owner.group(1), name))
    return sorted(found)


SECRETS = contract_secrets()


def test_the_contract_marks_the_secrets_a_user_would_leak():
    for expected in [
        ("DevLoginRequest", "password"),
        ("TokenGrant", "access_token"),
        ("TokenGrant", "refresh_token"),
        ("TerminalToken", "token"),
        ("TerminalToken", "ws_url"),
        ("TerminalToken", "page_url"),
        ("WebhookCreated", "secret"),
        ("ServiceAccountKeyCreated", "private_key_pem"),
        ("ServiceAccountKeyCreated", "signing_secret"),
    ]:
        assert expected in SECRETS


@pytest.mark.parametrize(("schema_name", "field"), SECRETS, ids=[".".join(s) for s in SECRETS])
def test_every_secret_field_is_redacted_in_the_models_repr(schema_name, field):
    model = getattr(models, schema_name)
    schema = _examples.resolve(_examples.spec()["components"]["schemas"][schema_name])
    value = f"s3cr3t-{schema_name}-{field}"
    instance = model.from_dict({**_examples.example(schema), field: value})

    assert getattr(instance, field) == value
    assert value not in repr(instance)
    assert f"{field}=<redacted>" in repr(instance)
    assert value not in str(instance)


def test_an_unset_secret_shows_that_it_is_unset():
    assert "refresh_token=<redacted>" not in repr(models.LogoutRequest())
    assert "refresh_token=<redacted>" in repr(models.LogoutRequest(refresh_token="rt_1"))


def test_other_fields_still_show_their_values():
    grant = models.TokenGrant("at_1", "rt_1", "Bearer", 900, 3600)

    assert "expires_in=900" in repr(grant) and "token_type='Bearer'" in repr(grant)


def source_properties() -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path in sorted(CONTRACT.rglob("*.yaml")):
        yield from properties(yaml.safe_load(path.read_text()), str(path.relative_to(CONTRACT)))


def test_every_property_named_like_a_secret_is_marked_in_the_contract():
    unmarked = [
        f"{where}: {name}"
        for where, name, schema in source_properties()
        if LOOKS_SECRET.search(name) and name not in NOT_SECRET and not is_marked(schema)
    ]

    assert not unmarked, (
        "these properties look secret: add `format: password` (or `x-secret: true`), "
        "or list them in NOT_SECRET with the reason: " + ", ".join(unmarked)
    )


def test_the_name_rule_sees_the_contracts_properties():
    names = {name for _, name, _ in source_properties()}

    assert {"refresh_token", "signing_secret", "private_key_pem", "password"} <= names
    assert set(NOT_SECRET) <= names
