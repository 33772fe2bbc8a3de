"""The refresh flow against the `TokenStore` interface, with an in-memory backend of its own:
the order of a fleet's refresh (lock, re-read, exchange, write, use), fencing, the shared pause."""

import asyncio
import time

import httpx
import pytest

import gpuaas_sdk._auth.refreshing as auth_module
from gpuaas_sdk import AsyncClient, Client
from gpuaas_sdk.auth import DevPasswordAuth, Lease, StoredTokens, TokenStore
from gpuaas_sdk.errors import ConfigurationError, ServiceUnavailable, SharedStoreError

from .conftest import BASE, envelope, token_grant
from .test_auth import PRINCIPAL, FakeClock, bearer


class MemoryStore(TokenStore):
    """A store in a dict, recording what the flow did to it, with failures on demand."""

    def __init__(self) -> None:
        self.entries: dict[str, StoredTokens] = {}
        self.journal: list[str] = []
        self.fail_saves = 0
        self.refuse_saves_with: StoredTokens | None = None
        self.fence = 0

    def load(self, profile: str = "default") -> StoredTokens | None:
        self.journal.append("load")
        return self.entries.get(profile)

    def save(self, tokens, profile="default", *, lease=None) -> bool:
        if self.fail_saves:
            self.fail_saves -= 1
            self.journal.append("save failed")
            raise SharedStoreError("the store is down")
        if self.refuse_saves_with is not None:  # a newer lease wrote these meanwhile
            self.entries[profile], self.refuse_saves_with = self.refuse_saves_with, None
            self.journal.append("save refused")
            return False
        self.journal.append(f"save {tokens.access_token}")
        self.entries[profile] = tokens
        return True

    def clear(self, profile: str = "default") -> None:
        self.entries.pop(profile, None)

    def lock(self, profile: str = "default") -> Lease:
        self.fence += 1
        self.journal.append("lock")
        return Lease(profile, self.fence, "me")

    def unlock(self, lease: Lease) -> None:
        self.journal.append("unlock")


def test_a_refresh_is_locked_re_read_written_and_only_then_used(api):
    store = MemoryStore()
    api.post("/v1/auth/login").mock(return_value=token_grant("at-1", "rt-1"))
    whoami = api.get("/v1/auth/whoami").mock(return_value=httpx.Response(200, json=PRINCIPAL))

    with Client(BASE, auth=DevPasswordAuth("dev-user", "dev123"), token_store=store) as client:
        client.auth.whoami()

    assert store.journal == ["lock", "load", "save at-1", "unlock"]
    assert [bearer(c) for c in whoami.calls] == ["Bearer at-1"]


def test_a_rotated_token_that_could_not_be_written_is_not_used_until_it_is(api):
    store = MemoryStore()
    store.entries["default"] = StoredTokens("at-1", "rt-1", time.time() - 1)  # expired
    refresh = api.post("/v1/auth/token/refresh").mock(return_value=token_grant("at-2", "rt-2"))
    whoami = api.get("/v1/auth/whoami").mock(return_value=httpx.Response(200, json=PRINCIPAL))
    store.fail_saves = 1

    with Client(BASE, auth=DevPasswordAuth("dev-user", "dev123"), token_store=store) as client:
        with pytest.raises(SharedStoreError):
            client.auth.whoami()
        assert whoami.call_count == 0  # at-2 was never sent: the fleet did not know it yet
        client.auth.whoami()

    assert refresh.call_count == 1  # rt-1 was spent once; at-2 was written, then used
    assert store.entries["default"].access_token == "at-2"
    assert [bearer(c) for c in whoami.calls] == ["Bearer at-2"]


def test_a_write_refused_for_a_newer_lease_adopts_the_newer_tokens(api):
    store = MemoryStore()
    store.entries["default"] = StoredTokens("at-1", "rt-1", time.time() - 1)
    store.refuse_saves_with = StoredTokens("at-9", "rt-9", time.time() + 900)
    api.post("/v1/auth/token/refresh").mock(return_value=token_grant("at-2", "rt-2"))
    whoami = api.get("/v1/auth/whoami").mock(return_value=httpx.Response(200, json=PRINCIPAL))

    with Client(BASE, auth=DevPasswordAuth("dev-user", "dev123"), token_store=store) as client:
        client.auth.whoami()

    assert [bearer(c) for c in whoami.calls] == ["Bearer at-9"]


def test_a_pause_another_process_wrote_stops_this_one_refreshing(api):
    store = MemoryStore()
    # Valid for 30 s more (stale: under the 60 s margin), and the fleet backs off for 20 s.
    store.entries["default"] = StoredTokens(
        "at-1", "rt-1", time.time() + 30, retry_refresh_at=time.time() + 20, refresh_backoff=5
    )
    refresh = api.post("/v1/auth/token/refresh").mock(return_value=token_grant("at-2", "rt-2"))
    whoami = api.get("/v1/auth/whoami").mock(return_value=httpx.Response(200, json=PRINCIPAL))

    async def main() -> None:
        auth = DevPasswordAuth("dev-user", "dev123")
        async with AsyncClient(BASE, auth=auth, token_store=store) as client:
            await client.auth.whoami()
            await client.auth.whoami()

    asyncio.run(main())
    assert refresh.call_count == 0
    assert [bearer(c) for c in whoami.calls] == ["Bearer at-1"] * 2
    assert store.journal.count("lock") == 1  # the second call knew of the pause already


def test_a_failed_refresh_writes_the_pause_for_the_fleet(api, monkeypatch):
    clock = FakeClock()
    monkeypatch.setattr(auth_module.time, "monotonic", clock)
    store = MemoryStore()
    store.entries["default"] = StoredTokens("at-1", "rt-1", time.time() + 100)
    api.post("/v1/auth/token/refresh").mock(
        return_value=envelope("service_unavailable", status=503)
    )
    api.get("/v1/auth/whoami").mock(return_value=httpx.Response(200, json=PRINCIPAL))

    auth = DevPasswordAuth("dev-user", "dev123")
    with Client(BASE, auth=auth, token_store=store, max_retries=0) as client:
        client.auth.whoami()  # adopts at-1, fresh
        clock.now += 60  # 40 s left: refresh, which fails; at-1 is still valid and used
        client.auth.whoami()

    stored = store.entries["default"]
    assert stored.access_token == "at-1"
    assert stored.refresh_backoff == 5.0
    assert stored.retry_refresh_at == pytest.approx(time.time() + 5, abs=2)


def test_a_failed_refresh_of_an_expired_token_still_raises(api):
    store = MemoryStore()
    store.entries["default"] = StoredTokens("at-1", "rt-1", time.time() - 1)
    api.post("/v1/auth/token/refresh").mock(
        return_value=envelope("service_unavailable", status=503)
    )
    auth = DevPasswordAuth("dev-user", "dev123")
    with (
        Client(BASE, auth=auth, token_store=store, max_retries=0) as client,
        pytest.raises(ServiceUnavailable),
    ):
        client.auth.whoami()
    assert store.journal[-1] == "unlock"


def test_a_token_store_needs_credentials_that_refresh():
    with pytest.raises(ConfigurationError, match="static token has nothing to share"):
        Client(BASE, auth="a-static-token", token_store=MemoryStore())


@pytest.mark.parametrize("where", ["ftp://host/tokens", ""])
def test_an_unknown_store_or_limiter_says_what_is_accepted(where):
    auth = DevPasswordAuth("dev-user", "dev123")
    with pytest.raises(ConfigurationError, match="redis://host:6379/0"):
        Client(BASE, auth=auth, token_store=where)
    with pytest.raises(ConfigurationError, match="`local`"):
        Client(BASE, auth=auth, rate_limiter="ftp://:secret@host")


def test_messages_never_show_a_redis_password():
    with pytest.raises(ConfigurationError) as caught:
        Client(BASE, auth="t", rate_limiter="ftp://user:secret@host")
    assert "secret" not in str(caught.value)
