"""The Redis token store and rate limiter on a real redis-server: lease, fence, renewal,
the fleet's shared pause, the client's settings, and what an unreachable Redis does."""

import asyncio
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis

from gpuaas_sdk import AsyncClient, Client, RedisRateLimiter
from gpuaas_sdk.auth import (
    DevPasswordAuth,
    Lease,
    RedisTokenStore,
    ServiceAccountAuth,
    StoredTokens,
)
from gpuaas_sdk.errors import SharedStoreError
from gpuaas_sim import Fault, Simulator

from .harness import Measured, free_port, write_profile


def test_a_dead_holders_lease_runs_out_and_its_late_write_is_refused(redis_url):
    store = RedisTokenStore(redis_url, lease=0.2)
    # A holder that took the lock and died: nobody renews its lease.
    direct = redis.Redis.from_url(redis_url)
    assert direct.set("gpuaas:{fleet}:lock", "dead", nx=True, px=200)
    direct.incr("gpuaas:{fleet}:fence")
    try:
        lease = store.lock("fleet")  # waits for the lease to run out
        assert lease.fence == 2
        assert store.save(StoredTokens("at-2", "rt-2", 2000.0), "fleet", lease=lease)
        late = Lease("fleet", 1, "dead")
        assert not store.save(StoredTokens("at-1", "rt-1", 1000.0), "fleet", lease=late)
        assert store.load("fleet") == StoredTokens("at-2", "rt-2", 2000.0)
        store.unlock(lease)
    finally:
        store.close()
        direct.close()


def test_a_living_holder_keeps_its_lease_past_its_length(redis_url):
    holder = RedisTokenStore(redis_url, lease=1.0)
    other = RedisTokenStore(redis_url, lease=1.0, lock_timeout=0.1)
    try:
        lease = holder.lock("fleet")
        time.sleep(2.5)  # two and a half leases: renewed every third of one
        with pytest.raises(SharedStoreError, match="stayed locked by another process"):
            other.lock("fleet")
        holder.unlock(lease)
        other.unlock(other.lock("fleet"))
    finally:
        holder.close()
        other.close()


def test_the_async_side_reads_and_writes_the_same_entries(redis_url):
    store = RedisTokenStore(redis_url)
    store.save(StoredTokens("at-1", None, 1000.0), "fleet")

    async def main() -> tuple[StoredTokens | None, StoredTokens | None]:
        lease = await store.alock("fleet")
        seen = await store.aload("fleet")
        await store.asave(StoredTokens("at-2", "rt-2", 2000.0), "fleet", lease=lease)
        await store.aunlock(lease)
        await store.aclear("other")
        after = await store.aload("fleet")
        await store.aclose()
        return seen, after

    seen, after = asyncio.run(main())
    assert seen == StoredTokens("at-1", None, 1000.0)
    assert after == StoredTokens("at-2", "rt-2", 2000.0)
    store.clear("fleet")
    assert store.load("fleet") is None
    store.close()


@pytest.mark.sim_config(access_token_ttl=4)
def test_a_failing_refresh_backs_off_every_client_of_the_store(
    sim: Simulator, measured: Measured, base_url: str, redis_url: str
) -> None:
    """Two clients (two handlers, as two hosts would have), one sync, one async."""
    first = Client(base_url, auth=DevPasswordAuth("dev-user", "dev123"), token_store=redis_url)
    first.auth.whoami()
    sim.faults.add(Fault(method="POST", path="/v1/auth/token/refresh", times=None))
    time.sleep(2.2)  # 4 s tokens are refreshed with 2 s left
    first.auth.whoami()  # its refresh fails: the token still serves, the store says pause

    async def second() -> None:
        auth = DevPasswordAuth("dev-user", "dev123")
        async with AsyncClient(base_url, auth=auth, token_store=redis_url) as client:
            await client.auth.whoami()
            await client.auth.whoami()

    asyncio.run(second())
    first.auth.whoami()
    first.close()

    refreshes = [r for r in sim.requests_log if r.path == "/v1/auth/token/refresh"]
    assert len(refreshes) == 1  # retries of a refresh are not sent (a POST): one for all
    assert measured.logins == 1


def test_an_unreachable_redis_fails_the_call_without_touching_the_platform(
    measured: Measured, base_url: str
) -> None:
    dead = f"redis://127.0.0.1:{free_port()}/0"
    auth = DevPasswordAuth("dev-user", "dev123")
    with (
        Client(base_url, auth=auth, token_store=dead) as client,
        pytest.raises(SharedStoreError, match="check that it is running"),
    ):
        client.auth.whoami()
    assert measured.logins == 0


def test_client_arguments_share_the_sign_in_and_the_budget(
    measured: Measured, base_url: str, redis_url: str
) -> None:
    limiter = RedisRateLimiter(redis_url, key="fleet")
    clients = [
        Client(base_url, auth=DevPasswordAuth("dev-user", "dev123"), token_store=redis_url,
               rate_limiter=limiter)
        for _ in range(3)
    ]  # fmt: skip
    for client in clients:
        client.auth.whoami()
        client.close()
    limiter.close()

    assert measured.logins == 1
    stored = redis.Redis.from_url(redis_url, decode_responses=True)
    assert float(stored.hget("gpuaas:{fleet}:rate", "rate")) == 100.0  # 6000 a minute, learnt
    stored.close()


def test_environment_credentials_use_the_store_the_environment_names(
    measured: Measured, base_url: str, redis_url: str, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    monkeypatch.setenv("GPUAAS_BASE_URL", base_url)
    monkeypatch.setenv("GPUAAS_USERNAME", "dev-user")
    monkeypatch.setenv("GPUAAS_PASSWORD", "dev123")
    monkeypatch.setenv("GPUAAS_TOKEN_STORE", redis_url)
    monkeypatch.setenv("GPUAAS_PROFILE", "workers")
    for _ in range(2):
        with Client() as client:
            client.auth.whoami()
    assert measured.logins == 1
    assert RedisTokenStore(redis_url).load("workers") is not None


def test_a_profile_names_its_store_and_limiter(base_url: str, redis_url: str, tmp_path: Path):
    write_profile(tmp_path, base_url, token_store=redis_url, rate_limiter=redis_url)
    env = {"XDG_CONFIG_HOME": str(tmp_path), "GPUAAS_PROFILE": "fleet"}
    from gpuaas_sdk._config import ClientConfig

    config = ClientConfig.from_env(env)
    assert isinstance(config.auth, DevPasswordAuth)
    assert isinstance(config.auth.token_store, RedisTokenStore)
    assert config.rate_limiter == redis_url


SCRIPT_NO_REDIS = """
import sys
sys.modules["redis"] = None  # as if the extra were not installed
from gpuaas_sdk.auth import RedisTokenStore
try:
    RedisTokenStore("redis://127.0.0.1:6379/0")
except ImportError as exc:
    print(exc)
"""

SCRIPT_NOT_LOADED = """
import sys
from gpuaas_sdk import Client
from gpuaas_sdk.auth import DevPasswordAuth, FileTokenStore
client = Client("http://127.0.0.1:9", auth=DevPasswordAuth("u", "p"),
                token_store=FileTokenStore(sys.argv[1]), rate_limiter="local")
print(sorted(m for m in sys.modules if m == "redis" or m.startswith("redis.")))
"""


def test_without_redis_py_the_error_names_the_extra():
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT_NO_REDIS], capture_output=True, text=True, check=True
    ).stdout
    assert "pip install 'gpuaas-sdk[redis]'" in out


def test_nothing_loads_redis_py_unless_asked(tmp_path):
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT_NOT_LOADED, str(tmp_path / "tokens.json")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert out.strip() == "[]"


def test_service_account_workers_share_one_token_exchange(
    sim: Simulator, base_url: str, redis_url: str
) -> None:
    from tests.e2e.test_service_account_auth import make_account

    with Client(base_url, auth=DevPasswordAuth("dev-user", "dev123")) as admin:
        account = make_account(admin, signing=True)
    store = RedisTokenStore(redis_url)

    def worker() -> ServiceAccountAuth:
        return ServiceAccountAuth(
            account.sa_id, account.key_id, account.pem, signing_secret=account.secret,
            token_store=store, profile="sa-trainer",
        )  # fmt: skip

    for _ in range(2):
        with Client(base_url, auth=worker()) as bot:
            assert bot.auth.whoami().principal_id == account.sa_id
    sim.identity.expire_access_tokens()

    async def async_worker() -> str:
        async with AsyncClient(base_url, auth=worker()) as bot:
            return (await bot.auth.whoami()).principal_id

    assert asyncio.run(async_worker()) == account.sa_id
    with Client(base_url, auth=worker()) as bot:
        assert bot.auth.whoami().principal_id == account.sa_id
    store.close()

    grants = [r for r in sim.requests_log if r.path == "/v1/auth/service-account/token"]
    refreshes = [r for r in sim.requests_log if r.path == "/v1/auth/token/refresh"]
    assert (len(grants), len(refreshes)) == (1, 1)
