"""A user's tests with `mock_client` pass `mypy --strict`, and a misspelt fake does not."""

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from gpuaas_sdk.testing import AsyncMockClient, MockClient, _naming

pytest_plugins = ["pytester"]

ROOT = Path(__file__).resolve().parents[2]

USER_TESTS = """\
import asyncio

from gpuaas_api.models import Allocation, AppInstanceMember, StorageObject
from typing import assert_type

from gpuaas_sdk.errors import AllocationNotFound
from gpuaas_sdk.testing import AsyncMockClient, Fake, MockClient
from gpuaas_sdk.types import AllocationHandle


def test_provisioning(mock_client: MockClient) -> None:
    fake = mock_client.allocations.fake_create("alloc-1", status="active")
    assert_type(fake, Fake)
    allocation = mock_client.allocations.create(sku="h200-sxm-slice", gpus_total=1)
    assert_type(allocation, AllocationHandle)
    model: Allocation = allocation  # a handle is its model
    assert allocation.id == "alloc-1" and len(fake.calls) == 1


def test_nested_resources_lists_and_aliases(mock_client: MockClient) -> None:
    mock_client.allocations.fake_list(["a-1", {"id": "a-2"}], page_size=1)
    mock_client.apps.instances.fake_list_members([{"allocation_id": "alloc-2"}])
    mock_client.storage.fake_stat(path="/data/a.bin")
    mock_client.storage.fake_stat_storage_object(path="/data/b.bin")
    mock_client.projects.fake_delete()
    members = list(mock_client.apps.instances.members.list("inst-1"))
    assert_type(members[0], AppInstanceMember)
    assert_type(mock_client.storage.stat("/data/a.bin"), StorageObject)


def test_errors(mock_client: MockClient) -> None:
    mock_client.allocations.fake_error("get", "allocation_not_found", details={"id": "a-1"})
    mock_client.fake("getHealth", status="ok")
    try:
        mock_client.allocations.get("a-1")
    except AllocationNotFound as error:
        assert error.status_code == 404


def test_async(async_mock_client: AsyncMockClient) -> None:
    async def main() -> Allocation:
        async with async_mock_client as client:
            client.allocations.fake_get("alloc-1")
            return await client.allocations.get("alloc-1")

    assert_type(asyncio.run(main()), Allocation)
"""

MISSPELT = """\
from gpuaas_sdk.testing import MockClient


def test_typo(mock_client: MockClient) -> None:
    mock_client.allocations.fake_craete("alloc-1")
    mock_client.allocations.fake_list(page_size="two")
"""


SETTINGS = """\
import httpx

from gpuaas_sdk import AsyncClient, Client


def clients() -> tuple[Client, AsyncClient]:
    sync = Client.from_default_credentials(timeout=5, max_retries=0, headers={"X-Team": "ml"})
    async_ = AsyncClient.from_default_credentials(transport=httpx.AsyncHTTPTransport())
    return sync, async_


def wrong() -> None:
    Client.from_default_credentials(timeout="soon")
    Client.from_default_credentials(max_retrys=1)
    Client.from_default_credentials(transport=httpx.AsyncHTTPTransport())
"""


def strict_mypy(folder: Path, *files: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--config-file=", "--no-error-summary",
         "--cache-dir", str(folder / ".mypy_cache"), *files],
        cwd=folder, capture_output=True, text=True, check=False,
    )  # fmt: skip


def test_a_users_tests_with_the_fakes_pass_mypy_strict(tmp_path):
    (tmp_path / "test_user.py").write_text(USER_TESTS)
    (tmp_path / "test_misspelt.py").write_text(MISSPELT)
    (tmp_path / "settings.py").write_text(SETTINGS)

    result = strict_mypy(tmp_path, "test_user.py", "test_misspelt.py", "settings.py")

    errors = [line for line in result.stdout.splitlines() if ": error:" in line]
    assert [line for line in errors if line.startswith("test_user.py")] == []
    misspelt = [line for line in errors if line.startswith("test_misspelt.py")]
    assert len(misspelt) == 2, result.stdout + result.stderr
    assert '"fake_craete"' in misspelt[0] and "[attr-defined]" in misspelt[0]
    assert '"page_size"' in misspelt[1] and "[arg-type]" in misspelt[1]
    # from_default_credentials takes the client's own keyword arguments, typed
    settings = [line for line in errors if line.startswith("settings.py")]
    assert [line.split(":")[1] for line in settings] == ["13", "14", "15"], result.stdout
    assert '"timeout"' in settings[0] and '"max_retrys"' in settings[1]
    assert '"transport"' in settings[2]


def test_the_users_tests_also_pass_when_run(pytester, monkeypatch):
    monkeypatch.setenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1")
    pytester.makepyfile(test_user=USER_TESTS)

    result = pytester.runpytest_subprocess(
        "-p", "gpuaas_sdk.testing._plugin", "-p", "no:cacheprovider"
    )

    result.assert_outcomes(passed=4)


def fake_names(path: str) -> set[str]:
    """Every snake-case name the fakes of `client.<path>` answer to at run time."""
    return {f"fake_{n}" for n in _naming.operations_of(path) if n == n.lower()}


def resource(client: object, path: str) -> object:
    for part in path.split("."):
        client = getattr(client, part)
    return client


@pytest.mark.parametrize("client_class", [MockClient, AsyncMockClient])
@pytest.mark.parametrize("path", sorted(_naming.resources()))
def test_every_fake_name_is_a_declared_method(client_class, path):
    client = client_class()
    declared = {name for name in dir(type(resource(client, path))) if name.startswith("fake_")}

    assert fake_names(path) <= declared


def test_the_typed_fakes_are_rendered_from_the_current_contract(monkeypatch):
    spec = importlib.util.spec_from_file_location("render_mocks", ROOT / "codegen/render_mocks.py")
    assert spec and spec.loader
    render_mocks = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "render_mocks", render_mocks)
    spec.loader.exec_module(render_mocks)

    fresh = render_mocks.render()

    assert fresh == render_mocks.TARGET.read_text(), (
        "src/gpuaas_sdk/testing/_mocks.py is stale: run python codegen/render_mocks.py"
    )
    assert fresh.count("def fake_") >= 90
