"""`gpuaas_sdk.testing`: the pytest plugin users test their own code with."""

import asyncio
import tomllib
from pathlib import Path

import pytest
from gpuaas_api import models
from gpuaas_api.operations import OPERATIONS

from gpuaas_sdk import errors
from gpuaas_sdk.testing import (
    AsyncMockClient,
    MockClient,
    UnmatchedRequestError,
    _examples,
    mock_client,
)

pytest_plugins = ["pytester"]

PLUGIN = "gpuaas_sdk.testing._plugin"

SEED_EXAMPLE = """\
import pytest
from gpuaas_sdk.testing import mock_client

def test_provisioning(mock_client):
    mock_client.allocations.fake_create("alloc-1", status="active")
    result = mock_client.allocations.create(sku="h200-sxm-slice", gpus_total=1)
    assert result.id == "alloc-1"
    assert result.status == "active"
"""


@pytest.fixture
def user_pytest(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch):
    """Run pytest on a user's test file with only the SDK's plugin loaded."""
    monkeypatch.setenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1")
    # A user's project has a configuration of its own; without one pytest would climb to
    # whatever configuration lies above the temporary folder (ours, from the sdist).
    pytester.makeini("[pytest]\n")

    def run(source: str, *args: str) -> pytest.RunResult:
        pytester.makepyfile(test_user=source)
        # A process of its own, as a user's run is: modules this suite already imported
        # (the plugin, lazily loaded models) must not leak into it or out of it.
        return pytester.runpytest_subprocess("-p", PLUGIN, "-p", "no:cacheprovider", *args)

    return run


DEPRECATED_CALL = """\
from gpuaas_sdk import Client

def test_it():
    Client(["https://a.test", "https://b.test"], auth="tok").close()
"""


class TestDeprecationsInAUsersSuite:
    def test_by_default_they_only_warn(self, user_pytest):
        result = user_pytest(DEPRECATED_CALL)
        result.assert_outcomes(passed=1, warnings=1)
        result.stdout.fnmatch_lines(["*GpuaasDeprecationWarning*base_urls=*"])

    def test_the_setting_makes_them_fail_the_test(self, user_pytest, pytester):
        pytester.makeini("[pytest]\ngpuaas_sdk_deprecations = error\n")
        result = user_pytest(DEPRECATED_CALL)
        result.assert_outcomes(failed=1)
        result.stdout.fnmatch_lines(["*GpuaasDeprecationWarning: Client(base_url=*"])

    def test_the_option_and_the_fixture_do_it_too(self, user_pytest):
        user_pytest(DEPRECATED_CALL, "--gpuaas-sdk-deprecations=error").assert_outcomes(failed=1)
        with_fixture = DEPRECATED_CALL.replace(
            "def test_it():", "def test_it(no_sdk_deprecations):"
        )
        user_pytest(with_fixture).assert_outcomes(failed=1)

    def test_an_unknown_setting_is_a_usage_error(self, user_pytest, pytester):
        pytester.makeini("[pytest]\ngpuaas_sdk_deprecations = loud\n")
        result = user_pytest(DEPRECATED_CALL)
        assert result.ret == pytest.ExitCode.USAGE_ERROR
        result.stderr.fnmatch_lines(["*gpuaas_sdk_deprecations = 'loud'*"])


class TestAsAUserRunsIt:
    def test_the_reference_page_example_runs_as_written(self, user_pytest):
        user_pytest(SEED_EXAMPLE).assert_outcomes(passed=1)

    def test_the_fixtures_come_from_the_plugin_without_an_import(self, user_pytest):
        source = (
            "def test_it(mock_client):\n"
            "    mock_client.billing.fake_get_balance(currency='USD')\n"
            "    assert mock_client.billing.balance().currency == 'USD'\n"
        )
        user_pytest(source).assert_outcomes(passed=1)

    def test_an_unmatched_request_fails_naming_the_fake_to_add(self, user_pytest):
        source = "def test_it(mock_client):\n    mock_client.allocations.get('alloc-9')\n"
        result = user_pytest(source)
        result.assert_outcomes(failed=1)
        result.stdout.fnmatch_lines(
            [
                "*no fake answers GET /v1/allocations/alloc-9 (getAllocation)*"
                "mock_client.allocations.fake_get(...)*"
            ]
        )

    def test_without_pyyaml_mock_client_fails_saying_what_to_install(self, user_pytest):
        source = (
            "import sys\n"
            "import pytest\n\n"
            "@pytest.fixture(autouse=True)\n"
            "def no_yaml(monkeypatch):\n"
            "    monkeypatch.setitem(sys.modules, 'yaml', None)\n\n"
            "def test_it(mock_client):\n"
            "    raise AssertionError('not reached')\n"
        )
        result = user_pytest(source)
        result.assert_outcomes(errors=1)
        result.stdout.fnmatch_lines(["*pip install 'gpuaas-sdk[[]testing[]]'*"])

    def test_the_plugin_is_registered_through_the_pytest11_entry_point(self):
        pyproject = tomllib.loads(Path(__file__).parents[2].joinpath("pyproject.toml").read_text())
        assert pyproject["project"]["entry-points"]["pytest11"] == {"gpuaas_sdk": PLUGIN}
        assert "respx>=0.22" in pyproject["project"]["optional-dependencies"]["testing"]


class TestFakes:
    def test_fake_error_makes_the_sdk_raise_the_typed_error(self, mock_client):
        mock_client.allocations.fake_error("get", code="allocation_not_found", status=404)
        with pytest.raises(errors.AllocationNotFound) as caught:
            mock_client.allocations.get("alloc-1")
        assert caught.value.status_code == 404
        assert caught.value.code == "allocation_not_found"

    def test_fake_error_takes_its_status_from_the_catalog(self, mock_client):
        mock_client.catalog.fake_error("get_sku", code="sku_not_found")
        with pytest.raises(errors.SKUNotFound):
            mock_client.catalog.get_sku("h999")

    def test_the_newest_fake_wins(self, mock_client):
        mock_client.allocations.fake_get("alloc-1", status="pending")
        mock_client.allocations.fake_get("alloc-1", status="active")
        assert mock_client.allocations.get("alloc-1").status == "active"

    def test_fake_get_answers_only_its_id(self, mock_client):
        mock_client.allocations.fake_get("alloc-1")
        assert mock_client.allocations.get("alloc-1").id == "alloc-1"
        with pytest.raises(UnmatchedRequestError, match="alloc-2"):
            mock_client.allocations.get("alloc-2")

    def test_fake_list_pages_its_items(self, mock_client):
        fake = mock_client.allocations.fake_list(
            ["a-1", "a-2", {"id": "a-3", "status": "failed"}, "a-4", "a-5"], page_size=2
        )
        listed = list(mock_client.allocations.list())
        assert [a.id for a in listed] == ["a-1", "a-2", "a-3", "a-4", "a-5"]
        assert listed[2].status == "failed"
        assert [c.url.params.get("cursor") for c in fake.calls] == [None, "2", "4"]

    def test_an_empty_fake_list_lists_nothing(self, mock_client):
        mock_client.webhooks.fake_list()
        assert list(mock_client.webhooks.list()) == []

    def test_a_field_the_contract_lacks_is_refused(self, mock_client):
        with pytest.raises(TypeError, match="colour"):
            mock_client.allocations.fake_create("alloc-1", colour="red")

    def test_an_operation_the_resource_lacks_is_refused(self, mock_client):
        with pytest.raises(AttributeError, match="no operation 'launch'"):
            mock_client.allocations.fake_launch("alloc-1")

    def test_a_request_with_no_operation_in_the_contract_is_named(self, mock_client):
        with pytest.raises(UnmatchedRequestError, match="no such operation"):
            mock_client._http.get("/v1/nowhere")

    def test_the_fake_client_is_a_client_with_its_auth(self, mock_client):
        fake = mock_client.allocations.fake_get("alloc-1")
        mock_client.allocations.get("alloc-1")
        assert fake.calls[0].headers["Authorization"] == "Bearer tok-mock"
        assert isinstance(mock_client, MockClient)


@pytest.mark.parametrize(
    ("fake", "call", "model"),
    [
        (lambda c: c.catalog.fake_list_skus(["h200-sxm-slice"]),
         lambda c: list(c.catalog.list_skus()), models.Sku),
        (lambda c: c.billing.fake_get_balance(), lambda c: c.billing.balance(), models.Balance),
        (lambda c: c.billing.fake_list_usage_records([{}, {}]),
         lambda c: list(c.billing.usage()), models.UsageRecord),
        (lambda c: c.apps.instances.fake_get("inst-1"),
         lambda c: c.apps.instances.get("inst-1"), models.AppInstance),
        (lambda c: c.storage.fake_list_objects([{"path": "/data/a.bin"}]),
         lambda c: list(c.storage.list("/data")), models.StorageObject),
        (lambda c: c.storage.fake_stat(path="/data/a.bin"),
         lambda c: c.storage.stat("/data/a.bin"), models.StorageObject),
        (lambda c: c.projects.fake_get("prj-1"), lambda c: c.projects.get("prj-1"), models.Project),
        (lambda c: c.service_accounts.fake_list(["sa-1"]),
         lambda c: list(c.service_accounts.list()), models.ServiceAccount),
        (lambda c: c.webhooks.fake_get("wh-1"), lambda c: c.webhooks.get("wh-1"), models.Webhook),
    ],
    ids=["catalog", "balance", "usage", "app-instance", "storage-list", "storage-stat",
         "project", "service-accounts", "webhook"],
)  # fmt: skip
def test_each_resource_fakes_parse_into_the_generated_models(mock_client, fake, call, model):
    fake(mock_client)
    result = call(mock_client)
    for item in result if isinstance(result, list) else [result]:
        assert isinstance(item, model)


WITH_BODY = [
    op for op in OPERATIONS if not op.streaming and _examples.success_schema(op)[1] is not None
]


@pytest.mark.parametrize("operation", WITH_BODY, ids=lambda op: op.operation_id)
def test_every_fake_body_parses_into_its_generated_model(operation):
    _, schema = _examples.success_schema(operation)
    body = _examples.example(schema)
    assert getattr(models, _model_name(operation)).from_dict(body) is not None


def _model_name(operation) -> str:
    responses = _examples.spec()["paths"][operation.path][operation.method.lower()]["responses"]
    code = next(c for c in responses if str(c).startswith("2"))
    return responses[code]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]


def test_the_async_mock_client_answers_with_the_same_fakes():
    async def scenario():
        async with AsyncMockClient() as client:
            client.allocations.fake_create("alloc-1", status="pending")
            client.allocations.fake_error("get", code="allocation_not_found")
            created = await client.allocations.create(sku="h200-sxm-slice", gpus_total=1)
            with pytest.raises(errors.AllocationNotFound):
                await client.allocations.get("alloc-1")
            return created

    assert asyncio.run(scenario()).status == "pending"


class TestSimClient:
    def test_sim_client_creates_an_allocation_and_waits_for_it(self, user_pytest):
        source = (
            "import pytest\n\n"
            "def test_it(sim_client):\n"
            "    alloc = sim_client.allocations.create(sku='h200-sxm-slice', gpus_total=1)\n"
            "    assert alloc.status == 'pending'\n"
            "    active = sim_client.allocations.wait_for(alloc.id, timeout=30)\n"
            "    assert active.status == 'active'\n"
            "\n"
            "def test_a_test_can_inject_faults(sim_client, gpuaas_sim):\n"
            "    from gpuaas_sdk import errors\n"
            "    from gpuaas_sim import Fault\n"
            "    fault = Fault(method='POST', path='/v1/allocations', status=409,\n"
            "                  code='sku_unavailable')\n"
            "    gpuaas_sim.faults.add(fault)\n"
            "    with pytest.raises(errors.SKUUnavailable):\n"
            "        sim_client.allocations.create(sku='h200-sxm-slice', gpus_total=1)\n"
        )
        user_pytest(source).assert_outcomes(passed=2)

    def test_async_sim_client_is_the_async_twin_under_asyncio_run(self, user_pytest):
        source = (
            "import asyncio\n\n"
            "def test_it(async_sim_client):\n"
            "    async def main():\n"
            "        async with async_sim_client as client:\n"
            "            alloc = await client.allocations.create(\n"
            "                sku='h200-sxm-slice', gpus_total=1)\n"
            "            return await client.allocations.wait_for(alloc.id, timeout=30)\n"
            "    assert asyncio.run(main()).status == 'active'\n"
            "\n"
            "def test_it_shares_the_simulator(async_sim_client, gpuaas_sim):\n"
            "    async def main():\n"
            "        return await async_sim_client.allocations.create(\n"
            "            sku='h200-sxm-slice', gpus_total=1)\n"
            "    alloc = asyncio.run(main())  # left open: the fixture closes it\n"
            "    assert alloc.status == 'pending'\n"
            "    posted = [r.path for r in gpuaas_sim.requests_log if r.method == 'POST']\n"
            "    assert '/v1/allocations' in posted\n"
        )
        strict = (
            "-W",
            "error::pytest.PytestUnraisableExceptionWarning",
            "-W",
            "error::ResourceWarning",
        )
        user_pytest(source, *strict).assert_outcomes(passed=2)

    def test_async_sim_client_works_in_an_anyio_test(self, user_pytest):
        source = (
            "import pytest\n\n"
            "@pytest.mark.anyio\n"
            "async def test_it(async_sim_client):\n"
            "    me = await async_sim_client.auth.whoami()\n"
            "    assert me.principal_id == 'usr-dev-user'\n"
            "\n"
            "@pytest.fixture\n"
            "def anyio_backend():\n"
            "    return 'asyncio'\n"
        )
        strict = (
            "-W",
            "error::pytest.PytestUnraisableExceptionWarning",
            "-W",
            "error::ResourceWarning",
        )
        user_pytest(source, "-p", "anyio", *strict).assert_outcomes(passed=1)

    def test_without_the_simulator_it_fails_saying_what_to_install(self, user_pytest):
        # Not a skip: a test that asked for the simulator and never ran must not pass a run.
        source = (
            "import sys\n"
            "import pytest\n\n"
            "@pytest.fixture(autouse=True)\n"
            "def no_simulator(monkeypatch):\n"
            "    monkeypatch.setitem(sys.modules, 'gpuaas_sim', None)\n\n"
            "def test_sync(sim_client):\n"
            "    raise AssertionError('not reached')\n\n"
            "def test_async(async_sim_client):\n"
            "    raise AssertionError('not reached')\n"
        )
        result = user_pytest(source)
        result.assert_outcomes(errors=2)
        result.stdout.fnmatch_lines(
            ["*need the simulator, which is not installed: pip install gpuaas-sim*"]
        )
        result.stdout.no_fnmatch_line("*not reached*")
        result.stdout.no_fnmatch_line("*Traceback*")


assert mock_client  # imported as the reference page does: the module's fixture
