"""The platform's refusals, printed as a user sees them in a traceback or a log."""

import re

import pytest

from gpuaas_sdk.errors import AllocationNotFound, ValidationError

CORRELATION = r"correlation_id=[0-9a-f]{32}"


def test_a_refused_field_is_named_with_its_reason(client):
    with pytest.raises(ValidationError) as caught:
        client.allocations.create(sku="h200-sxm-slice", gpus_total=0)

    text = str(caught.value)
    assert "\n" not in text
    assert re.fullmatch(
        r"The body failed validation\. gpus_total: Input should be greater than or equal to 1\. "
        rf"\(code=validation_error, status=422, {CORRELATION}\)",
        text,
    )
    assert re.fullmatch(
        r"ValidationError\(code='validation_error', status_code=422, "
        r"correlation_id='[0-9a-f]{32}', message='The body failed validation\.', "
        r"details=\{'errors': \[\{'field': 'gpus_total', .*",
        repr(caught.value),
    )


def test_a_rule_of_the_platform_names_the_field_it_checked(client):
    with pytest.raises(ValidationError) as caught:
        client.ssh_keys.add(name="laptop", public_key="not-a-key")

    assert "public_key: expected `<type> <base64> [comment]`" in str(caught.value)


def test_a_missing_resource_says_which_one_and_the_correlation_id_to_quote(client):
    with pytest.raises(AllocationNotFound) as caught:
        client.allocations.get("alloc-nope")

    error = caught.value
    assert str(error) == (
        "No allocation 'alloc-nope' is visible to the caller. details: allocation_id='alloc-nope' "
        f"(code=allocation_not_found, status=404, correlation_id={error.correlation_id})"
    )
    assert repr(error).startswith(
        "AllocationNotFound(code='allocation_not_found', status_code=404, "
        f"correlation_id='{error.correlation_id}', message="
    )
