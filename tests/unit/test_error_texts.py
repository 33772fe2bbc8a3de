"""What a typed error says when printed or logged: enough to act on, never a secret."""

import logging

import httpx
import pytest

from gpuaas_sdk.errors import (
    AllocationNotFound,
    ArgumentError,
    ConfigurationError,
    RateLimitExceeded,
    SDKError,
    ServerError,
    ValidationError,
)


@pytest.fixture
def client(make_client):
    """No retries: a 429 or a 502 is raised at once."""
    return make_client(max_retries=0)


def answer(status: int, code: str, message: str, details: dict, **headers: str) -> httpx.Response:
    body = {"code": code, "message": message, "correlation_id": "corr-42", "details": details}
    return httpx.Response(status, json={"error": body}, headers=headers)


def raised(api, client, response: httpx.Response) -> SDKError:
    api.get("/v1/allocations/a-1").mock(return_value=response)
    with pytest.raises(SDKError) as caught:
        client.allocations.get("a-1")
    return caught.value


FIELD_ERRORS = {
    "errors": [
        {"field": "gpus_total", "reason": "Input should be greater than or equal to 1"},
        {"field": "sku", "reason": "Field required"},
    ]
}


def test_a_validation_error_says_which_fields_failed_and_why_on_one_line(api, client):
    error = raised(
        api, client, answer(422, "validation_error", "The body failed validation.", FIELD_ERRORS)
    )

    assert isinstance(error, ValidationError)
    assert str(error) == (
        "The body failed validation. gpus_total: Input should be greater than or equal to 1; "
        "sku: Field required. (code=validation_error, status=422, correlation_id=corr-42)"
    )


def test_other_details_are_shown_by_name(api, client):
    error = raised(
        api,
        client,
        answer(404, "allocation_not_found", "No allocation a-1.", {"allocation_id": "a-1"}),
    )

    assert str(error) == (
        "No allocation a-1. details: allocation_id='a-1' "
        "(code=allocation_not_found, status=404, correlation_id=corr-42)"
    )


def test_the_repr_keeps_code_status_and_correlation_id(api, client):
    error = raised(api, client, answer(422, "validation_error", "The body failed validation.", {}))

    assert repr(error) == (
        "ValidationError(code='validation_error', status_code=422, correlation_id='corr-42', "
        "message='The body failed validation.')"
    )


def test_the_repr_shows_retry_after_and_details_when_there_are_some(api, client):
    error = raised(
        api,
        client,
        answer(429, "rate_limit_exceeded", "Slow down.", {"limit": 60}, **{"Retry-After": "2"}),
    )

    assert isinstance(error, RateLimitExceeded)
    assert repr(error) == (
        "RateLimitExceeded(code='rate_limit_exceeded', status_code=429, correlation_id='corr-42', "
        "retry_after=2.0, message='Slow down.', details={'limit': 60})"
    )
    assert str(error).endswith("(code=rate_limit_exceeded, status=429, correlation_id=corr-42, "
                               "retry_after=2s)")  # fmt: skip


def test_secret_looking_details_are_redacted_in_str_and_repr_but_kept_in_details(api, client):
    details = {
        "refresh_token": "rt_live_secret",
        "nested": {"signing_secret": "shh", "password": "hunter2"},
        "errors": [{"field": "code_verifier", "reason": "too short", "api_key": "k-123"}],
    }
    error = raised(api, client, answer(400, "invalid_request", "Bad request.", details))

    for text in (str(error), repr(error)):
        for secret in ("rt_live_secret", "shh", "hunter2", "k-123"):
            assert secret not in text
        assert "<redacted>" in text
    assert error.details["refresh_token"] == "rt_live_secret"
    assert "code_verifier: too short" in str(error)


def test_a_long_detail_value_is_shortened_so_one_log_line_stays_readable(api, client):
    error = raised(api, client, answer(409, "invalid_state", "Conflict.", {"blob": "x" * 5000}))

    assert len(str(error)) < 300
    assert error.details["blob"] == "x" * 5000


def test_an_error_without_an_envelope_still_names_its_status_and_correlation_id(api, client):
    error = raised(
        api, client, httpx.Response(502, text="<html/>", headers={"X-Correlation-ID": "edge-7"})
    )

    assert isinstance(error, ServerError)
    assert str(error) == (
        "HTTP 502 Bad Gateway from GET /v1/allocations/a-1 "
        "(code=http_502, status=502, correlation_id=edge-7)"
    )
    assert repr(error).startswith(
        "ServerError(code='http_502', status_code=502, correlation_id='edge-7'"
    )


def test_a_logged_error_carries_its_details(api, client, caplog):
    error = raised(
        api, client, answer(422, "validation_error", "The body failed validation.", FIELD_ERRORS)
    )

    with caplog.at_level(logging.ERROR):
        logging.getLogger("user-code").error("create failed: %s", error)

    assert "sku: Field required" in caplog.text and "corr-42" in caplog.text


@pytest.mark.parametrize(
    ("error", "expected_repr"),
    [
        (
            ConfigurationError("base_url is required"),
            "ConfigurationError(code='configuration_error', message='base_url is required')",
        ),
        (
            ArgumentError("gpus must be positive"),
            "ArgumentError(code='invalid_argument', message='gpus must be positive')",
        ),
        (
            AllocationNotFound("gone", code="allocation_not_found"),
            "AllocationNotFound(code='allocation_not_found', message='gone')",
        ),
    ],
)
def test_the_sdks_own_errors_repr_by_the_same_rule(error, expected_repr):
    assert repr(error) == expected_repr
    assert str(error) == f"{error.message} (code={error.code})"
