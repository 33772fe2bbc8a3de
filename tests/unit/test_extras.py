"""Each feature extra of gpuaas-sdk: without its packages, the feature says which extra to
install, and the rest of the SDK does not need them.

The wheel's own test (tests/packaging) shows the same in an environment where the packages
really are absent; here they are hidden from the import system.
"""

from __future__ import annotations

import importlib
import sys
import tomllib
from pathlib import Path

import pytest
import respx

from gpuaas_sdk import Client

from .conftest import BASE, allocation_json

ROOT = Path(__file__).resolve().parents[2]


def import_without(monkeypatch: pytest.MonkeyPatch, module: str, *hidden: str) -> ImportError:
    """Import `module` afresh with the `hidden` modules missing; the error it raises."""
    for name in hidden:
        monkeypatch.setitem(sys.modules, name, None)
    for name in [m for m in sys.modules if m == module]:
        monkeypatch.delitem(sys.modules, name)
    with pytest.raises(ImportError) as raised:
        importlib.import_module(module)
    return raised.value


@pytest.mark.parametrize("hidden", ["jwt", "cryptography.hazmat.primitives"])
def test_service_account_auth_names_its_extra(monkeypatch, hidden):
    error = import_without(monkeypatch, "gpuaas_sdk._auth.service_account", hidden)

    assert str(error) == (
        "ServiceAccountAuth needs PyJWT and cryptography, which is not installed:"
        " pip install 'gpuaas-sdk[service-account]'"
    )
    assert error.name == hidden
    assert isinstance(error.__cause__, ModuleNotFoundError)


def test_a_service_account_in_the_environment_names_the_extra(monkeypatch, tmp_path):
    key = tmp_path / "key.pem"
    key.write_text("not read: the extra is missing first")
    monkeypatch.setitem(sys.modules, "jwt", None)
    monkeypatch.delitem(sys.modules, "gpuaas_sdk._auth.service_account", raising=False)
    for name, value in {
        "GPUAAS_BASE_URL": BASE,
        "GPUAAS_SA_ID": "sa-1",
        "GPUAAS_SA_KEY_ID": "key-1",
        "GPUAAS_SA_KEY_FILE": str(key),
    }.items():
        monkeypatch.setenv(name, value)

    with pytest.raises(ImportError, match=r"pip install 'gpuaas-sdk\[service-account\]'"):
        Client()


@pytest.mark.parametrize("flavour", ["_sync", "_async"])
def test_the_terminal_names_its_extra(monkeypatch, flavour):
    error = import_without(monkeypatch, f"gpuaas_sdk._streams.{flavour}.terminal", "httpx_ws")

    assert str(error) == (
        "an allocation's terminal needs httpx-ws, which is not installed:"
        " pip install 'gpuaas-sdk[terminal]'"
    )


def test_open_terminal_fails_before_sending_anything(monkeypatch):
    monkeypatch.setitem(sys.modules, "httpx_ws", None)
    monkeypatch.delitem(sys.modules, "gpuaas_sdk._streams._sync.terminal", raising=False)

    with (
        respx.mock(base_url=BASE, assert_all_called=False) as platform,
        Client(BASE, auth="tok", max_retries=0) as client,
        pytest.raises(ImportError, match=r"pip install 'gpuaas-sdk\[terminal\]'"),
    ):
        client.allocations.open_terminal("alloc-1")
    assert platform.calls.call_count == 0


def test_the_client_itself_needs_no_feature_extra(monkeypatch):
    for name in ("jwt", "cryptography", "httpx_ws", "redis", "gpuaas_sim"):
        monkeypatch.setitem(sys.modules, name, None)

    with respx.mock(base_url=BASE) as platform, Client(BASE, auth="tok") as client:
        platform.get("/v1/allocations/alloc-1").respond(json=allocation_json("alloc-1"))
        assert client.allocations.get("alloc-1").status == "active"


def test_every_extra_named_by_an_import_error_exists():
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    named = {"service-account", "terminal", "redis", "testing", "sim"}

    assert named <= set(extras["optional-dependencies"])
