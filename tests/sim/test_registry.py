"""The simulator serves the contract's operations, each by exactly one registered handler."""

from __future__ import annotations

import pytest
from starlette.routing import Route

from gpuaas_sim import Simulator
from gpuaas_sim.http import registry
from gpuaas_sim.http.contract import contract
from gpuaas_sim.http.registry import build_routes, registration_problems


def test_every_operation_has_a_handler_and_every_handler_an_operation() -> None:
    assert registration_problems() == []


def test_routes_are_the_contracts_paths_and_methods(sim: Simulator) -> None:
    routed = {
        (method, route.path)
        for route in build_routes(sim)
        if isinstance(route, Route)
        for method in route.methods or ()
        if method != "HEAD"
    }

    expected = {(op.method, op.path) for op in contract().operations.values()}
    assert routed == expected


def test_auth_comes_from_the_operations_security() -> None:
    operations = contract().operations

    assert not operations["getHealth"].authenticated
    assert not operations["devLogin"].authenticated
    assert operations["getAllocation"].authenticated
    assert operations["createAllocation"].idempotent
    assert not operations["getAllocation"].idempotent
    assert operations["createAllocation"].status == 201
    assert operations["deleteSshKey"].status == 204


def test_a_handler_of_an_unknown_operation_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    registered = dict(registry.registrations())
    monkeypatch.setattr(registry, "_REGISTERED", registered)

    registry.operation("getWeather")(lambda call: None)

    assert registration_problems() == ["a handler names an unknown operation: getWeather"]
    with pytest.raises(RuntimeError, match="getWeather"):
        build_routes(Simulator())


def test_an_operation_without_a_handler_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    registered = dict(registry.registrations())
    del registered["getSku"]
    monkeypatch.setattr(registry, "_REGISTERED", registered)
    monkeypatch.setattr(registry, "registrations", lambda: registered)

    assert registration_problems() == ["no handler for getSku"]


def test_an_operation_gets_one_handler_only() -> None:
    with pytest.raises(ValueError, match="two handlers"):
        registry.operation("getHealth")(lambda call: None)
