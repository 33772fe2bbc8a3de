"""The generated package imports cleanly, lazily, and tolerates what the platform adds."""

import importlib
import pkgutil
import subprocess
import sys

import gpuaas_api
from gpuaas_api.models import AllocationStatus
from gpuaas_api.operations import OPERATIONS, takes_idempotency_key


def test_every_generated_module_imports():
    names = [m.name for m in pkgutil.walk_packages(gpuaas_api.__path__, "gpuaas_api.")]

    for name in names:
        importlib.import_module(name)

    assert len([n for n in names if ".api." in n and not n.endswith("__init__")]) >= len(OPERATIONS)


def test_importing_one_endpoint_does_not_import_every_model():
    code = (
        "import sys; import gpuaas_api.api.health.get_health; "
        "print(sorted(m for m in sys.modules if m.startswith('gpuaas_api.models.')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout

    assert "gpuaas_api.models.health" in out
    assert "gpuaas_api.models.allocation'" not in out


def test_an_unknown_enum_value_is_kept_as_a_value_of_its_enum():
    status = AllocationStatus("hibernating")

    assert isinstance(status, AllocationStatus)
    assert status == "hibernating" and status.value == "hibernating"
    assert AllocationStatus("hibernating") is status
    assert AllocationStatus("active") is AllocationStatus.ACTIVE


def test_the_operation_table_knows_which_posts_take_an_idempotency_key():
    assert takes_idempotency_key("POST", "/v1/allocations")
    assert takes_idempotency_key("POST", "/prefix/v1/allocations/alloc-1/release")
    assert not takes_idempotency_key("POST", "/v1/auth/login")
    assert not takes_idempotency_key("GET", "/v1/allocations")
