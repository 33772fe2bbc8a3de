"""Which facade resource holds the fakes of which contract operation, under what name.

A fake is named after its operation without the resource's noun:
`getAllocation` on `client.allocations` is `fake_get`, `listAppInstanceMembers`
on `client.apps.instances` is `fake_list_members`. The full snake-case id
(`fake_get_allocation`) always works too.
"""

from __future__ import annotations

import functools
import re

from gpuaas_api.operations import OPERATIONS, Operation

from ..resources._registry import resource_of_tag

RESOURCE_OF_TAG: dict[str, str] = resource_of_tag()
"""Contract tag -> attribute path on `Client` (from `resources/_registry.py`)."""


def snake(operation_id: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", operation_id).lower()


def _noun_words(tag: str) -> set[str]:
    words = set(tag.split("-"))
    return words | {w.removesuffix("s") for w in words}


def short_name(op: Operation) -> str:
    """The operation's name on its resource: its snake id without the tag's noun."""
    noun = _noun_words(op.tag)
    words = [w for w in snake(op.operation_id).split("_") if w not in noun]
    return "_".join(words) or snake(op.operation_id)


@functools.cache
def operations_of(resource: str) -> dict[str, Operation]:
    """Every name (short and full) a resource's fakes answer to."""
    names: dict[str, Operation] = {}
    ops = [op for op in OPERATIONS if RESOURCE_OF_TAG.get(op.tag) == resource and not op.streaming]
    for op in ops:
        names[snake(op.operation_id)] = op
        names[op.operation_id] = op
    for op in ops:
        names.setdefault(short_name(op), op)
    by_model: dict[str, list[Operation]] = {}
    for op in ops:
        by_model.setdefault(model_name(op), []).append(op)
    for alias, matched in by_model.items():
        if len(matched) == 1:
            names.setdefault(alias, matched[0])
    return names


def model_name(op: Operation) -> str:
    """The snake id without the words of what it returns (`statStorageObject`: `stat`)."""
    words = set(snake(_model_ref(op).removesuffix("Page")).split("_"))
    words |= {w + "s" for w in words}
    kept = [w for w in snake(op.operation_id).split("_") if w not in words]
    return "_".join(kept) or snake(op.operation_id)


def _model_ref(op: Operation) -> str:
    from ._examples import spec

    responses = spec()["paths"][op.path][op.method.lower()]["responses"]
    for code, response in responses.items():
        if str(code).startswith("2"):
            schema = response.get("content", {}).get("application/json", {}).get("schema", {})
            return str(schema.get("$ref", "")).rsplit("/", 1)[-1]
    return ""


def resources() -> set[str]:
    """Every attribute path that has fakes, with its parents (`apps` for `apps.instances`)."""
    paths = set(RESOURCE_OF_TAG.values())
    return paths | {p.rsplit(".", 1)[0] for p in paths if "." in p}


def suggestion(op: Operation) -> str:
    resource = RESOURCE_OF_TAG.get(op.tag)
    if resource is None:
        return f"mock_client.fake({op.operation_id!r}, ...)"
    return f"mock_client.{resource}.fake_{short_name(op)}(...)"
