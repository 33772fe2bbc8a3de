"""The sync facade is the async one without awaits: same methods, parameters and defaults.

The sync classes are generated from the async ones (`scripts/unasync.py`); this checks the
result from the outside, so a rule that went wrong cannot hide behind the generator.
"""

from __future__ import annotations

import importlib
import inspect
import re

import pytest

from gpuaas_sdk import AsyncClient, AsyncPager, AsyncTerminal, Client, SyncPager, Terminal
from gpuaas_sdk.resources._registry import RESOURCES, ResourceEntry
from gpuaas_sdk.types import (
    AllocationHandle,
    AppInstanceHandle,
    AsyncAllocationHandle,
    AsyncAppInstanceHandle,
)

SYNC_SPELLING = [
    (r"\bAsyncPager\b", "SyncPager"),
    (r"\bAsync(Iterator|Iterable)\b", r"\1"),
    (r"\bAsyncGenerator\[(.+), None\]", r"Generator[\1, None, None]"),
    (r"\bAsync([A-Z]\w*)", r"\1"),
    (r"\bhttpx\.AsyncClient\b", "httpx.Client"),
]


def _sync_spelling(annotation: str) -> str:
    for pattern, repl in SYNC_SPELLING:
        annotation = re.sub(pattern, repl, annotation)
    return annotation


def _classes(entry: ResourceEntry) -> tuple[type, type]:
    sync = importlib.import_module(f"gpuaas_sdk.resources._sync.{entry.module}")
    asyn = importlib.import_module(f"gpuaas_sdk.resources._async.{entry.module}")
    return getattr(sync, entry.class_name), getattr(asyn, "Async" + entry.class_name)


def _public(cls: type) -> dict[str, object]:
    return {
        name: member
        for name, member in inspect.getmembers(cls)
        if not name.startswith("_") and callable(member)
    }


SYNC_NAMES = {"aclose": "close"}


def _assert_twins(sync_cls: type, async_cls: type) -> None:
    sync = _public(sync_cls)
    asyn = {SYNC_NAMES.get(name, name): member for name, member in _public(async_cls).items()}
    assert sorted(sync) == sorted(asyn), f"{sync_cls.__name__}: methods differ"
    for name in sync:
        want, got = inspect.signature(asyn[name]), inspect.signature(sync[name])  # type: ignore[arg-type]
        expected = [
            (p.name, p.kind, p.default, _sync_spelling(str(p.annotation)))
            for p in want.parameters.values()
        ]
        actual = [(p.name, p.kind, p.default, str(p.annotation)) for p in got.parameters.values()]
        assert actual == expected, f"{sync_cls.__name__}.{name}: parameters differ"
        assert str(got.return_annotation) == _sync_spelling(str(want.return_annotation)), (
            f"{sync_cls.__name__}.{name}: return annotations differ"
        )
        assert inspect.getdoc(sync[name]) == inspect.getdoc(asyn[name]) or name == "__await__"


@pytest.mark.parametrize("entry", RESOURCES, ids=lambda e: e.path)
def test_every_sync_resource_has_the_methods_of_its_async_twin(entry: ResourceEntry) -> None:
    _assert_twins(*_classes(entry))


@pytest.mark.parametrize(
    ("sync_cls", "async_cls"),
    [
        (SyncPager, AsyncPager),
        (Terminal, AsyncTerminal),
        (AllocationHandle, AsyncAllocationHandle),
        (AppInstanceHandle, AsyncAppInstanceHandle),
    ],
)
def test_the_engines_a_user_holds_are_twins_too(sync_cls: type, async_cls: type) -> None:
    _assert_twins(sync_cls, async_cls)


def test_every_public_async_method_has_a_docstring_of_its_own() -> None:
    for entry in RESOURCES:
        _, async_cls = _classes(entry)
        for name, method in _public(async_cls).items():
            doc = inspect.getdoc(method) or ""
            assert doc and "twin" not in doc, f"{async_cls.__name__}.{name} needs a docstring"


@pytest.mark.parametrize("entry", RESOURCES, ids=lambda e: e.path)
def test_every_registered_resource_is_reachable_from_both_clients(entry: ResourceEntry) -> None:
    sync_cls, async_cls = _classes(entry)
    with Client("https://api.test", auth="tok") as sync_client:
        target: object = sync_client
        for part in entry.path.split("."):
            target = getattr(target, part)
        assert type(target) is sync_cls
    async_client = AsyncClient("https://api.test", auth="tok")
    target = async_client
    for part in entry.path.split("."):
        target = getattr(target, part)
    assert type(target) is async_cls
