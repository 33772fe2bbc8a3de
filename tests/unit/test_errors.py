"""Error answers become the typed exceptions of the generated catalog."""

import httpx
import pytest
from gpuaas_api.api.allocations import get_allocation
from gpuaas_api.types import status_of

from gpuaas_sdk.errors import (
    ERROR_CATALOG,
    AllocationNotFound,
    APIStatusError,
    InsufficientBalance,
    MalformedResponseError,
    NotFoundError,
    SDKError,
    ServerError,
    UpstreamError,
)

from .conftest import allocation_json, envelope


def test_an_envelope_raises_the_class_of_its_code_with_every_field(api, client):
    api.get("/v1/allocations/nope").mock(
        return_value=httpx.Response(
            404,
            json={
                "error": {
                    "code": "allocation_not_found",
                    "message": "No allocation nope.",
                    "correlation_id": "corr-9",
                    "details": {"allocation_id": "nope"},
                }
            },
        )
    )

    with pytest.raises(AllocationNotFound) as caught:
        client.allocations.get("nope")

    error = caught.value
    assert isinstance(error, NotFoundError) and isinstance(error, SDKError)
    assert (error.code, error.message, error.correlation_id) == (
        "allocation_not_found",
        "No allocation nope.",
        "corr-9",
    )
    assert error.details == {"allocation_id": "nope"}
    assert error.status_code == 404 and error.retry_after is None


def test_a_code_this_sdk_does_not_know_falls_back_to_its_status_class(api, client):
    api.get("/v1/allocations/x").mock(return_value=envelope("allocation_archived", status=404))

    with pytest.raises(NotFoundError) as caught:
        client.allocations.get("x")

    assert type(caught.value) is NotFoundError
    assert caught.value.code == "allocation_archived"


def test_a_proxys_html_502_is_still_a_typed_error(api, client):
    api.get("/v1/allocations/x").mock(
        return_value=httpx.Response(
            502,
            text="<html><body>Bad Gateway</body></html>",
            headers={"X-Correlation-ID": "edge-7"},
        )
    )

    with pytest.raises(ServerError) as caught:
        client.allocations.get("x")

    assert caught.value.status_code == 502
    assert caught.value.correlation_id == "edge-7"
    assert "502" in caught.value.message


def test_a_status_outside_ianas_list_is_typed_too(api, client):
    api.get("/v1/allocations/x").mock(return_value=httpx.Response(520, text="origin error"))

    with pytest.raises(ServerError) as caught:
        client.allocations.get("x")

    assert caught.value.status_code == 520
    assert status_of(520) == 520 and status_of(404) == 404


def test_a_success_body_that_breaks_the_contract_is_an_sdk_error(api, client):
    api.get("/v1/allocations/x").mock(return_value=httpx.Response(200, json={"id": "x"}))

    with pytest.raises(MalformedResponseError):
        client.allocations.get("x")


def test_a_new_enum_value_does_not_break_parsing(api, client):
    api.get("/v1/allocations/x").mock(
        return_value=httpx.Response(200, json=allocation_json(status="hibernating"))
    )

    allocation = client.allocations.get("x")

    assert allocation.status == "hibernating"
    assert str(allocation.status) == "hibernating"


def test_the_generated_layer_raises_the_same_typed_errors(api, client):
    api.get("/v1/allocations/x").mock(
        return_value=envelope("insufficient_balance", "top up", status=402)
    )

    with pytest.raises(InsufficientBalance):
        get_allocation.sync(client=client.raw, allocation_id="x")


def test_the_catalog_gives_each_code_its_status_and_retryability():
    assert ERROR_CATALOG["rate_limit_exceeded"].status == 429
    assert ERROR_CATALOG["rate_limit_exceeded"].retryable is True
    assert ERROR_CATALOG["allocation_not_found"].exception is AllocationNotFound
    assert issubclass(UpstreamError, ServerError) and issubclass(ServerError, APIStatusError)


def test_an_error_message_names_the_code_status_and_correlation_id(api, client):
    api.get("/v1/allocations/x").mock(
        return_value=envelope("allocation_not_found", "gone", status=404)
    )

    with pytest.raises(AllocationNotFound) as caught:
        client.allocations.get("x")

    assert (
        str(caught.value) == "gone (code=allocation_not_found, status=404, correlation_id=corr-1)"
    )
