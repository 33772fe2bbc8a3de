"""`Client(config=ClientConfig(...))`: timeouts per phase, TLS verification, pool limits, and
base URLs taken in turn with a rest for one that failed (the rotation itself, on a fake clock)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
import pytest

from gpuaas_sdk import AsyncClient, Client, ClientConfig
from gpuaas_sdk._core.failover import Origins
from gpuaas_sdk.auth import StaticTokenAuth
from gpuaas_sdk.errors import ConfigurationError

from .conftest import BASE

OTHER = "https://api-b.test"
HEALTH = {"status": "ok", "version": "1.0.0", "time": "2026-04-01T12:00:00Z"}


def test_each_phase_has_its_own_timeout() -> None:
    config = ClientConfig(
        base_urls=BASE,
        auth="tok",
        timeout=30,
        connect_timeout=1,
        read_timeout=2,
        write_timeout=3,
        pool_timeout=4,
    )
    with Client(config=config) as client, Client(BASE, timeout=30) as plain:
        assert client._http.timeout == httpx.Timeout(connect=1, read=2, write=3, pool=4)
        assert plain._http.timeout == httpx.Timeout(30, connect=10)
        quick = client.with_options(timeout=5)  # one timeout for every phase again
        assert quick._http.timeout == httpx.Timeout(5, connect=5)


def test_keyword_arguments_win_over_the_config(api) -> None:
    route = api.get("/v1/health").mock(return_value=httpx.Response(200, json=HEALTH))
    config = ClientConfig(
        base_urls=[BASE], auth="from-config", timeout=30, headers={"X-Team": "a", "X-Run": "1"}
    )

    with Client(config=config, auth="from-call", headers={"X-Run": "2"}, timeout=7) as client:
        client.health.check()

    sent = route.calls.last.request
    assert sent.headers["Authorization"] == "Bearer from-call"
    assert (sent.headers["X-Team"], sent.headers["X-Run"]) == ("a", "2")
    assert client._http.timeout.read == 7
    assert isinstance(config.auth, str)  # the config itself is untouched


def test_the_config_keeps_the_pool_limits_and_the_tls_check_together(tmp_path: Path) -> None:
    bundle = tmp_path / "ca.pem"
    bundle.write_text(Path(__import__("certifi").where()).read_text())
    config = ClientConfig(
        base_urls=[BASE],
        verify=bundle,
        max_connections=7,
        max_keepalive_connections=3,
        keepalive_expiry=9,
    )

    with Client(config=config) as client:
        options = client._settings.transport_options()
    assert options["limits"] == httpx.Limits(
        max_connections=7, max_keepalive_connections=3, keepalive_expiry=9
    )
    assert options["verify"].verify_mode.name == "CERT_REQUIRED"  # an SSL context of the bundle


@pytest.mark.parametrize(
    ("settings", "fragment"),
    [
        ({"verify": "/nowhere/ca.pem"}, "names no file or folder"),
        ({"read_timeout": 0}, "read_timeout must be positive"),
        ({"pool_timeout": -1}, "pool_timeout must be positive"),
        ({"failover_cooldown": -1}, "failover_cooldown must be at least 0"),
        ({"max_connections": 0}, "max_connections must be at least 1"),
        ({"max_keepalive_connections": -1}, "max_keepalive_connections"),
    ],
)
def test_bad_settings_say_what_to_change(settings: dict[str, object], fragment: str) -> None:
    with pytest.raises(ConfigurationError, match=fragment):
        Client(config=ClientConfig(base_urls=[BASE], **settings))  # type: ignore[arg-type]


def test_a_file_that_is_no_ca_bundle_is_refused(tmp_path: Path) -> None:
    junk = tmp_path / "ca.pem"
    junk.write_text("not a certificate")
    with pytest.raises(ConfigurationError, match="not a CA bundle"):
        Client(BASE, verify=str(junk))


def test_one_url_or_several_not_both_and_at_least_one() -> None:
    with pytest.raises(ConfigurationError, match="not both"):
        Client(BASE, base_urls=[OTHER])
    with pytest.raises(ConfigurationError, match="at least one URL"):
        Client(config=ClientConfig())


def test_from_env_reads_the_ca_bundle_and_takes_overrides(tmp_path: Path) -> None:
    env = {
        "GPUAAS_BASE_URL": f"{BASE},{OTHER}",
        "GPUAAS_TOKEN": "tok",
        "GPUAAS_CA_BUNDLE": "/etc/ssl/our-ca.pem",
        "XDG_CONFIG_HOME": str(tmp_path),
    }

    config = ClientConfig.from_env(env, read_timeout=120, failover_cooldown=5)

    assert config.base_urls == (BASE, OTHER)
    assert config.verify == "/etc/ssl/our-ca.pem"
    assert (config.read_timeout, config.failover_cooldown) == (120, 5)
    assert isinstance(config.auth, StaticTokenAuth)


def test_requests_take_the_urls_in_turn_and_hooks_see_the_url_used(api) -> None:
    api.get(f"{OTHER}/v1/health").mock(return_value=httpx.Response(200, json=HEALTH))
    api.get(f"{BASE}/v1/health").mock(side_effect=httpx.ConnectError("refused"))
    chosen: list[str] = []
    answered: list[str] = []
    config = ClientConfig(
        base_urls=[BASE, OTHER],
        on_request=lambda r: chosen.append(r.url.host),
        on_response=lambda r: answered.append(r.request.url.host),
    )

    with Client(config=config) as client:
        for _ in range(4):
            client.health.check()

    assert chosen == ["api.test", "api-b.test", "api-b.test", "api-b.test"]  # then it rests
    assert answered == ["api-b.test"] * 4  # the URL that answered, after the failover
    assert client.transport_stats["errors"] == 0


def test_the_async_client_takes_turns_too(api) -> None:
    hosts: list[str] = []

    def answer(request: httpx.Request) -> httpx.Response:
        hosts.append(request.url.host)
        return httpx.Response(200, json=HEALTH)

    for url in (BASE, OTHER):
        api.get(f"{url}/v1/health").mock(side_effect=answer)

    async def main() -> None:
        async with AsyncClient(base_urls=[BASE, OTHER]) as client:
            for _ in range(4):
                await client.health.check()

    asyncio.run(main())
    assert hosts == ["api.test", "api-b.test", "api.test", "api-b.test"]


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def request_to(url: str) -> httpx.Request:
    return httpx.Request("GET", f"{url}/v1/health")


def test_a_failed_origin_rests_for_the_cooldown_then_takes_its_turns_again() -> None:
    clock = Clock()
    origins = Origins(["https://a.test", "https://b.test", "https://c.test"], 30, clock)

    def turns(count: int) -> list[str]:
        taken = []
        for _ in range(count):
            request = request_to("https://elsewhere.test")
            origins.assign(request)
            taken.append(request.url.host[0])
        return taken

    assert turns(4) == ["a", "b", "c", "a"]
    origins.failed(1)
    assert turns(4) == ["c", "a", "c", "a"]  # b rests
    clock.now += 29.9
    assert turns(1) == ["c"]
    clock.now += 0.2
    assert turns(3) == ["a", "b", "c"]  # back in turn
    origins.failed(0)
    origins.answered(0)  # an answer ends a rest at once
    assert turns(1) == ["a"]


def test_a_request_goes_to_its_own_origin_first_then_those_up_then_the_resting() -> None:
    clock = Clock()
    origins = Origins(["https://a.test", "https://b.test", "https://c.test"], 30, clock)
    origins.failed(1)
    clock.now += 1
    origins.failed(2)

    assert origins.order(request_to("https://a.test")) == [0, 1, 2]  # b is back first
    assert origins.order(request_to("https://b.test"))[0] == 0  # its own origin rests
    origins.failed(0)
    assert origins.order(request_to("https://a.test")) == [1, 2, 0]  # all resting: soonest back


def test_the_config_names_the_fleets_token_store_and_rate_limiter(tmp_path: Path) -> None:
    from gpuaas_sdk import LocalRateLimiter
    from gpuaas_sdk.auth import DevPasswordAuth, FileTokenStore

    auth = DevPasswordAuth("dev-user", "dev123")
    store = tmp_path / "tokens.json"
    config = ClientConfig(BASE, auth=auth, token_store=str(store), rate_limiter="local")

    with Client(config=config) as client:
        limiter = client._settings.rate_limiter

    assert isinstance(auth.token_store, FileTokenStore) and auth.token_store.path == store
    assert isinstance(limiter, LocalRateLimiter)


def test_from_env_reads_the_rate_limiter(tmp_path: Path) -> None:
    env = {"GPUAAS_BASE_URL": BASE, "GPUAAS_TOKEN": "t", "GPUAAS_RATE_LIMITER": "local"}
    env["XDG_CONFIG_HOME"] = str(tmp_path)

    assert ClientConfig.from_env(env).rate_limiter == "local"
