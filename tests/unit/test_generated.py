"""The generated package imports cleanly, lazily, and tolerates what the platform adds."""

import ast
import importlib
import inspect
import json
import math
import pkgutil
import subprocess
import sys

import gpuaas_api
import pytest
from gpuaas_api import streaming
from gpuaas_api.models import AllocationStatus
from gpuaas_api.operations import OPERATIONS, takes_idempotency_key


def test_every_generated_module_imports():
    modules = list(pkgutil.walk_packages(gpuaas_api.__path__, "gpuaas_api."))

    for module in modules:
        importlib.import_module(module.name)

    endpoints = [m for m in modules if m.name.startswith("gpuaas_api.api.") and not m.ispkg]
    assert len(endpoints) == sum(1 for op in OPERATIONS if not op.streaming)


def test_every_models_from_dict_passes_each_field_to_the_parameter_of_its_name():
    models = importlib.import_module("gpuaas_api.models")
    classes = [getattr(models, name) for name in models.__all__]
    checked = 0
    for cls in classes:
        if not hasattr(cls, "from_dict"):
            continue  # an enum
        source = inspect.getsource(cls.from_dict.__func__)
        tree = ast.parse(inspect.cleandoc("\n" + source))
        calls = [
            node
            for node in ast.walk(tree)
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "cls"
        ]
        parameters = list(inspect.signature(cls.__init__).parameters)[1:]
        for call in calls:  # positional: the local named after a field goes to that field
            passed = [arg.id for arg in call.args if isinstance(arg, ast.Name)]
            passed += [keyword.arg for keyword in call.keywords]
            assert passed == parameters[: len(passed)], cls.__name__
            assert len(passed) == len(call.args) + len(call.keywords), cls.__name__
            checked += 1

    assert checked >= 100


def test_every_streaming_operation_has_a_request_builder():
    builders = {name for name in streaming.__all__ if name.endswith("_request")}

    assert len(builders) == sum(1 for op in OPERATIONS if op.streaming) > 0
    request = streaming.stream_app_instance_events_request("inst-1", last_event_id="42")
    assert request["url"] == "/v1/app-instances/inst-1/events/stream"
    assert request["headers"] == {"Last-Event-ID": "42"}
    assert request["extensions"] == {streaming.STREAM_EXTENSION: True}


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


def test_models_read_enum_fields_as_the_enum_class_would():
    known, unknown = AllocationStatus.from_value("active"), AllocationStatus.from_value("thawing")

    assert known is AllocationStatus.ACTIVE
    assert unknown is AllocationStatus("thawing") and unknown.value == "thawing"
    with pytest.raises(ValueError, match="is not a valid AllocationStatus"):
        AllocationStatus.from_value(7)  # type: ignore[arg-type]


def test_the_operation_table_knows_which_posts_take_an_idempotency_key():
    assert takes_idempotency_key("POST", "/v1/allocations")
    assert takes_idempotency_key("POST", "/prefix/v1/allocations/alloc-1/release")
    assert not takes_idempotency_key("POST", "/v1/auth/login")
    assert not takes_idempotency_key("GET", "/v1/allocations")


def test_answers_decode_as_the_standard_librarys_json_would():
    from gpuaas_api.json_body import loads

    beyond_64_bits = b'{"n": 123456789012345678901234567890, "m": -9223372036854775809}'

    assert loads(b'{"a": [1, 2.5, null, "\\u00e9"]}') == {"a": [1, 2.5, None, "é"]}
    assert loads(beyond_64_bits) == json.loads(beyond_64_bits)
    assert math.isnan(loads(b"[NaN]")[0])
    assert loads(b"[1e400]") == [math.inf]
    assert loads(b'"\\ud800"') == "\ud800"
    with pytest.raises(json.JSONDecodeError):
        loads(b"<html>Bad gateway</html>")
