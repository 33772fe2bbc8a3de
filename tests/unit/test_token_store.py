"""The token store: private, atomic, per profile, and re-read under a cross-process lock."""

import json
import os
import stat
import threading
import time

import httpx
import pytest

from gpuaas_sdk import Client
from gpuaas_sdk._auth.token_store import StoredTokens, default_token_path
from gpuaas_sdk.auth import FileTokenStore, RefreshingAuth
from gpuaas_sdk.errors import ConfigurationError

from .conftest import BASE, envelope, token_grant
from .test_auth import PRINCIPAL, bearer


def test_the_default_path_is_under_the_xdg_config_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert default_token_path() == tmp_path / "gpuaas" / "tokens.json"
    assert FileTokenStore().path == tmp_path / "gpuaas" / "tokens.json"


def test_the_default_path_follows_the_environment_it_is_given(tmp_path):
    """`from_default_credentials()` reads an environment mapping, not only os.environ."""
    assert default_token_path({"XDG_CONFIG_HOME": str(tmp_path)}) == (
        tmp_path / "gpuaas" / "tokens.json"
    )


def test_tokens_round_trip_per_profile_in_a_private_file(tmp_path):
    store = FileTokenStore(tmp_path / "gpuaas" / "tokens.json")
    store.save(StoredTokens("at-1", "rt-1", 2000.0))
    store.save(StoredTokens("at-9", None, 3000.0), profile="staging")

    assert store.load() == StoredTokens("at-1", "rt-1", 2000.0)
    assert store.load("staging") == StoredTokens("at-9", None, 3000.0)
    assert store.load("nobody") is None
    assert stat.S_IMODE(os.stat(store.path).st_mode) == 0o600
    assert json.loads(store.path.read_text())["default"]["refresh_token"] == "rt-1"
    assert [p.name for p in store.path.parent.iterdir() if p.name.endswith(".tmp")] == []


def test_clearing_a_profile_keeps_the_others(tmp_path):
    store = FileTokenStore(tmp_path / "tokens.json")
    store.save(StoredTokens("at-1", "rt-1", 2000.0))
    store.save(StoredTokens("at-2", "rt-2", 2000.0), profile="other")
    store.clear()
    assert store.load() is None
    assert store.load("other") is not None


def test_an_unreadable_file_is_a_configuration_error(tmp_path):
    path = tmp_path / "tokens.json"
    path.write_text("{not json")
    with pytest.raises(ConfigurationError, match="unreadable"):
        FileTokenStore(path).load()


def test_secrets_never_show_in_reprs(tmp_path):
    assert "at-1" not in repr(StoredTokens("at-1", "rt-1", 1.0))
    assert "rt-1" not in repr(StoredTokens("at-1", "rt-1", 1.0))


def test_a_second_store_waits_for_the_lock_holder(tmp_path):
    path = tmp_path / "tokens.json"
    holder, other = FileTokenStore(path), FileTokenStore(path)
    order: list[str] = []
    holder.acquire()

    def save() -> None:
        other.save(StoredTokens("at-2", "rt-2", 1.0))
        order.append("other saved")

    thread = threading.Thread(target=save)
    thread.start()
    time.sleep(0.2)
    order.append("holder released")
    holder.release()
    thread.join(5)
    assert order == ["holder released", "other saved"]


class StoredLoginAuth(RefreshingAuth):
    """A password handler with a token store: the hook every RefreshingAuth offers."""

    def _grant_request(self, origin: httpx.Request) -> httpx.Request:
        return self._post(origin, "/v1/auth/login", {"username": "u", "password": "p"})


def test_an_auth_handler_uses_and_updates_the_store(api, tmp_path):
    store = FileTokenStore(tmp_path / "tokens.json")
    store.save(StoredTokens("at-stored", "rt-stored", time.time() + 900))
    login = api.post("/v1/auth/login").mock(return_value=token_grant("at-new", "rt-new"))
    refresh = api.post("/v1/auth/token/refresh").mock(return_value=token_grant("at-2", "rt-2"))
    whoami = api.get("/v1/auth/whoami").mock(
        side_effect=[
            httpx.Response(200, json=PRINCIPAL),
            envelope("token_expired", status=401),
            httpx.Response(200, json=PRINCIPAL),
        ]
    )

    with Client(BASE, auth=StoredLoginAuth(token_store=store)) as client:
        client.auth.whoami()
        # Another process (the CLI) refreshed meanwhile: rt-stored is spent, rt-cli is current.
        store.save(StoredTokens("at-cli", "rt-cli", time.time() - 1))
        client.auth.whoami()

    assert login.call_count == 0
    assert [c.request.read() for c in refresh.calls] == [b'{"refresh_token":"rt-cli"}']
    assert [bearer(c) for c in whoami.calls] == [
        "Bearer at-stored",
        "Bearer at-stored",
        "Bearer at-2",
    ]
    assert store.load().refresh_token == "rt-2"


@pytest.mark.parametrize(
    ("stored", "origin", "hint", "fits"),
    [
        (StoredTokens("a", "r", 1.0, "https://api.test"), "https://api.test", None, True),
        (StoredTokens("a", "r", 1.0, "https://api.test"), "https://other.test", None, False),
        (StoredTokens("a", "r", 1.0), "https://other.test", None, True),  # written before origins
        (StoredTokens("a", "r", 1.0, "https://api.test", "acme"), "https://api.test", "acme", True),
        (
            StoredTokens("a", "r", 1.0, "https://api.test", "acme"),
            "https://api.test",
            "beta",
            False,
        ),
        (StoredTokens("a", "r", 1.0, "https://api.test"), "https://api.test", "acme", False),
        (StoredTokens("a", "r", 1.0, "https://api.test", "acme"), "https://api.test", None, True),
    ],
)
def test_a_stored_login_fits_its_platform_and_tenant_hint(stored, origin, hint, fits):
    assert stored.fits(origin, hint) is fits


def test_a_login_stored_for_another_platform_is_never_sent_and_never_cleared(api, tmp_path):
    store = FileTokenStore(tmp_path / "tokens.json")
    elsewhere = StoredTokens("at-elsewhere", "rt-elsewhere", time.time() + 900, "https://b.test")
    store.save(elsewhere, profile="other")
    store.save(elsewhere)
    api.post("/v1/auth/login").mock(return_value=token_grant("at-here", "rt-here"))
    whoami = api.get("/v1/auth/whoami").mock(return_value=httpx.Response(200, json=PRINCIPAL))
    logout = api.post("/v1/auth/logout").mock(return_value=httpx.Response(204))
    other = StoredLoginAuth(token_store=store, profile="other")

    with Client(BASE, auth=StoredLoginAuth(token_store=store)) as client:
        client.auth.whoami()
        saved = store.load()
        with Client(BASE, auth=other) as client_of_other:
            client_of_other.auth.logout()  # nothing of this platform to log out

    assert [bearer(c) for c in whoami.calls] == ["Bearer at-here"]
    assert saved is not None and (saved.access_token, saved.origin) == ("at-here", BASE)
    assert logout.call_count == 0
    assert store.load("other") == elsewhere  # another platform's login is left alone


def test_the_browser_sign_in_keeps_its_tokens_in_the_default_store_unless_told_not_to(
    monkeypatch, tmp_path
):
    from gpuaas_sdk.auth import BrowserOIDCAuth

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))

    default = BrowserOIDCAuth()._store
    assert default is not None and default.path == tmp_path / "gpuaas" / "tokens.json"
    assert BrowserOIDCAuth(token_store=None)._store is None
    with pytest.raises(ValueError, match="token_store must be"):
        BrowserOIDCAuth(token_store="elsewhere")  # type: ignore[arg-type]
