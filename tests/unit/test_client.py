"""Building, closing and configuring clients."""

import asyncio
import subprocess
import sys
import threading

import httpx
import pytest

from gpuaas_sdk import AsyncClient, Client
from gpuaas_sdk.auth import DevPasswordAuth, StaticTokenAuth
from gpuaas_sdk.errors import ArgumentError, ClientClosedError, ConfigurationError

from .conftest import BASE, PRINCIPAL, allocation_json


def test_context_comes_from_whoami_once(api, client):
    route = api.get("/v1/auth/whoami").mock(return_value=httpx.Response(200, json=PRINCIPAL))

    assert client.context.project_id == "prj-default"
    assert client.context.tenant_id == "tnt-acme"
    assert route.call_count == 1


def test_a_closed_client_refuses_calls_with_a_typed_error(api):
    client = Client(BASE, auth="tok")
    client.close()

    with pytest.raises(ClientClosedError):
        client.allocations.get("alloc-1")


def test_an_async_client_used_from_a_second_event_loop_fails_clearly(api):
    api.get("/v1/allocations/alloc-1").mock(
        return_value=httpx.Response(200, json=allocation_json())
    )
    client = AsyncClient(BASE, auth="tok")

    asyncio.run(client.allocations.get("alloc-1"))
    with pytest.raises(ClientClosedError, match="another event loop"):
        asyncio.run(client.allocations.get("alloc-1"))


def test_the_raw_generated_client_shares_the_sdk_http_layer(api, client):
    from gpuaas_api.api.allocations import get_allocation

    route = api.get("/v1/allocations/alloc-1").mock(
        return_value=httpx.Response(200, json=allocation_json())
    )

    allocation = get_allocation.sync(client=client.raw, allocation_id="alloc-1")

    assert allocation is not None and allocation.id == "alloc-1"
    request = route.calls.last.request
    assert request.headers["Authorization"] == "Bearer tok-static"
    assert request.headers["User-Agent"].startswith("gpuaas-sdk/")
    assert request.headers["GPUaaS-Attempt"] == "1"


def test_bad_settings_are_refused_before_any_request():
    with pytest.raises(ConfigurationError, match="base_url"):
        Client(base_urls=[], auth="tok")
    with pytest.raises(ConfigurationError, match="timeout"):
        Client(BASE, auth="tok", timeout=0)


def test_waiting_for_a_state_that_does_not_exist_is_refused(client):
    with pytest.raises(ArgumentError, match="states must be among"):
        client.allocations.wait_for("alloc-1", states={"actve"})


class TestDefaultCredentials:
    def test_a_token_in_the_environment(self, monkeypatch, tmp_path):
        monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
        monkeypatch.setenv("GPUAAS_BASE_URL", BASE)
        monkeypatch.setenv("GPUAAS_TOKEN", "tok-env")

        with Client.from_default_credentials() as client:
            assert client.base_url == BASE
            assert isinstance(client._http.auth, StaticTokenAuth)

    def test_username_and_password_in_the_environment(self, monkeypatch, tmp_path):
        monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
        monkeypatch.setenv("GPUAAS_BASE_URL", BASE)
        monkeypatch.setenv("GPUAAS_USERNAME", "dev-user")
        monkeypatch.setenv("GPUAAS_PASSWORD", "dev123")
        monkeypatch.delenv("GPUAAS_TOKEN", raising=False)

        with Client.from_default_credentials() as client:
            assert isinstance(client._http.auth, DevPasswordAuth)

    def test_a_profile_file_when_the_environment_has_nothing(self, monkeypatch, tmp_path):
        for name in ("GPUAAS_BASE_URL", "GPUAAS_TOKEN", "GPUAAS_USERNAME", "GPUAAS_PASSWORD"):
            monkeypatch.delenv(name, raising=False)
        monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
        monkeypatch.setenv("GPUAAS_PROFILE", "staging")
        (tmp_path / "gpuaas").mkdir()
        (tmp_path / "gpuaas" / "credentials.toml").write_text(
            '[staging]\nbase_url = "https://staging.test"\ntoken = "tok-file"\n'
        )

        with Client.from_default_credentials() as client:
            assert client.base_url == "https://staging.test"

    def test_nothing_found_says_what_to_set(self, monkeypatch, tmp_path):
        for name in (
            "GPUAAS_BASE_URL",
            "GPUAAS_TOKEN",
            "GPUAAS_USERNAME",
            "GPUAAS_PASSWORD",
            "GPUAAS_PROFILE",
        ):
            monkeypatch.delenv(name, raising=False)
        monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))

        with pytest.raises(ConfigurationError, match="GPUAAS_BASE_URL"):
            Client.from_default_credentials()

    def test_a_username_without_a_password_is_refused(self, monkeypatch, tmp_path):
        monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
        monkeypatch.setenv("GPUAAS_BASE_URL", BASE)
        monkeypatch.setenv("GPUAAS_USERNAME", "dev-user")
        monkeypatch.delenv("GPUAAS_PASSWORD", raising=False)
        monkeypatch.delenv("GPUAAS_TOKEN", raising=False)

        with pytest.raises(ConfigurationError, match="password"):
            Client.from_default_credentials()


class TestClientConfig:
    def test_settings_come_from_the_environment(self, tmp_path):
        from gpuaas_sdk import ClientConfig

        env = {
            "GPUAAS_BASE_URL": "https://a.test, https://b.test",
            "GPUAAS_TOKEN": "tok",
            "GPUAAS_TIMEOUT": "12.5",
            "GPUAAS_MAX_RETRIES": "0",
            "XDG_CONFIG_HOME": str(tmp_path),
        }

        config = ClientConfig.from_env(env)

        assert config.base_urls == ("https://a.test", "https://b.test")
        assert (config.timeout, config.max_retries) == (12.5, 0)

    @pytest.mark.parametrize(
        ("name", "value"), [("GPUAAS_TIMEOUT", "soon"), ("GPUAAS_MAX_RETRIES", "-1")]
    )
    def test_a_bad_setting_names_the_variable(self, tmp_path, name, value):
        from gpuaas_sdk import ClientConfig

        env = {
            "GPUAAS_BASE_URL": BASE,
            "GPUAAS_TOKEN": "tok",
            "XDG_CONFIG_HOME": str(tmp_path),
            name: value,
        }

        with pytest.raises(ConfigurationError, match=name):
            ClientConfig.from_env(env)

    def test_the_shared_client_is_one_per_process(self, monkeypatch, tmp_path):
        import gpuaas_sdk._shared as shared
        from gpuaas_sdk import shared_client

        monkeypatch.setattr(shared, "_client", None)
        monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
        monkeypatch.setenv("GPUAAS_BASE_URL", BASE)
        monkeypatch.setenv("GPUAAS_TOKEN", "tok")
        seen: list[object] = []
        threads = [threading.Thread(target=lambda: seen.append(shared_client())) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()

        assert len(seen) == 8 and all(c is seen[0] for c in seen)
        seen[0].close()


def test_resources_are_built_on_first_use_once_and_per_client(api):
    api.get("/v1/allocations/alloc-1").mock(
        return_value=httpx.Response(200, json=allocation_json())
    )
    with Client(BASE, auth="tok") as client:
        assert "allocations" not in vars(client)  # nothing built yet

        first = client.allocations
        assert client.allocations is first
        assert first.get("alloc-1").id == "alloc-1"

        copy = client.with_options(timeout=5)
        assert copy.allocations is not first  # bound to the copy's own settings
        assert copy.allocations.get("alloc-1").id == "alloc-1"


def test_a_resource_can_be_replaced_on_one_client_only():
    with Client(BASE, auth="tok") as client, Client(BASE, auth="tok") as other:
        stand_in = object()
        client.catalog = stand_in  # type: ignore[assignment]  (what test doubles do)
        assert client.catalog is stand_in
        assert other.catalog is not stand_in


def test_async_resources_are_built_lazily_too(api):
    api.get("/v1/allocations/alloc-1").mock(
        return_value=httpx.Response(200, json=allocation_json())
    )

    async def main() -> None:
        async with AsyncClient(BASE, auth="tok") as client:
            assert "allocations" not in vars(client)
            assert (await client.allocations.get("alloc-1")).id == "alloc-1"
            assert client.allocations is client.allocations

    asyncio.run(main())


def _modules_after(statement: str) -> set[str]:
    """The modules a fresh interpreter has loaded after running `statement`."""
    probe = f"import sys\n{statement}\nprint('\\n'.join(sorted(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return set(done.stdout.split())


def test_importing_the_sdk_loads_no_optional_stack():
    loaded = _modules_after(
        "from gpuaas_sdk import Client; Client('http://127.0.0.1:9', auth='t').allocations"
    )
    # (httpx-sse may load: allocation waiters follow the event stream)
    for heavy in ("jwt", "cryptography", "filelock", "httpx_ws"):
        assert heavy not in loaded, f"{heavy} is imported before it is needed"
    assert "gpuaas_sdk.resources.billing" not in loaded  # only the resource that was used


def test_every_public_name_is_importable_from_the_package():
    import gpuaas_sdk

    for name in gpuaas_sdk.__all__:
        assert getattr(gpuaas_sdk, name) is not None
    with pytest.raises(AttributeError, match="no attribute 'Clinet'"):
        gpuaas_sdk.Clinet  # noqa: B018


def test_threads_reading_a_resource_first_all_get_the_same_one():
    with Client(BASE, auth="tok") as client:
        start = threading.Barrier(8)
        seen: list[object] = []

        def read() -> None:
            start.wait()
            seen.append(client.billing)

        threads = [threading.Thread(target=read) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert len(seen) == 8 and all(resource is seen[0] for resource in seen)
