"""Requests are checked against the contract's schemas before any handler runs."""

from __future__ import annotations

import hashlib

import pytest

from .conftest import Api, error_of

CONTENT = "/v1/storage/object/content"


def put_file(api: Api, path: str, data: bytes) -> None:
    response = api.client.put(
        CONTENT,
        params={"path": path},
        content=data,
        headers={**api.auth, "X-Content-SHA256": hashlib.sha256(data).hexdigest()},
    )
    assert response.status_code == 201, response.text


def test_a_range_longer_than_the_contract_allows_is_refused(api: Api) -> None:
    put_file(api, "/r", b"0123456789")
    long_range = "bytes=0-" + "0" * 60 + "5"  # 69 characters: the contract's maxLength is 64

    response = api.get(CONTENT, params={"path": "/r"}, headers={"Range": long_range})

    assert response.status_code == 400
    error = error_of(response)
    assert error["code"] == "invalid_request" and error["details"] == {"header": "Range"}
    assert "64" in error["message"]


def test_a_range_within_the_contract_is_served(api: Api) -> None:
    put_file(api, "/r", b"0123456789")

    response = api.get(CONTENT, params={"path": "/r"}, headers={"Range": "bytes=2-4"})

    assert response.status_code == 206 and response.content == b"234"


@pytest.mark.parametrize("cursor", ["not a cursor", "a+b", "x" * 513])
def test_a_cursor_outside_the_contracts_pattern_is_an_invalid_request(
    api: Api, cursor: str
) -> None:
    response = api.get("/v1/allocations", params={"cursor": cursor})

    assert response.status_code == 400
    assert error_of(response)["details"]["parameter"] == "cursor"


def test_a_body_error_names_the_field_without_echoing_the_value(api: Api) -> None:
    secret = "s3cr3t-" + "x" * 300  # longer than the contract's 256

    response = api.client.post("/v1/auth/login", json={"username": "dev-user", "password": secret})

    assert response.status_code == 422
    [entry] = error_of(response)["details"]["errors"]
    assert entry == {"field": "password", "reason": "String should have at most 256 characters"}
    assert secret not in response.text


def test_nested_fields_are_named_by_their_path(api: Api) -> None:
    response = api.post(
        "/v1/allocations", json={"sku": "h200-sxm-slice", "gpus_total": 1, "ssh_key_ids": [7]}
    )

    assert response.status_code == 422
    assert error_of(response)["details"]["errors"] == [
        {"field": "ssh_key_ids.0", "reason": "Input should be a valid string"}
    ]


def test_an_id_that_breaks_its_schema_names_nothing(api: Api) -> None:
    response = api.get("/v1/allocations/" + "a" * 65)

    assert response.status_code == 404
    error = error_of(response)
    assert error["code"] == "not_found" and error["details"]["parameter"] == "allocation_id"


def test_a_path_integer_is_typed_before_the_handler_sees_it(api: Api) -> None:
    response = api.client.put(
        "/v1/storage/uploads/upl-1/parts/one",
        content=b"x",
        headers={**api.auth, "X-Content-SHA256": "0" * 64},
    )

    assert response.status_code == 400
    assert error_of(response)["details"]["parameter"] == "part_number"


def test_an_ssh_key_outside_the_authorized_keys_shape_is_refused(api: Api) -> None:
    response = api.post("/v1/ssh-keys", json={"name": "laptop", "public_key": "not a key"})

    assert response.status_code == 422
    assert error_of(response)["details"]["errors"][0]["field"] == "public_key"


def test_a_last_event_id_must_be_digits(api: Api) -> None:
    response = api.get("/v1/events/stream", headers={"Last-Event-ID": "abc"})

    assert response.status_code == 400
    assert error_of(response)["details"] == {"header": "Last-Event-ID"}


def test_a_malformed_request_is_not_remembered_under_its_key(api: Api) -> None:
    key = {"Idempotency-Key": "fix-and-resend"}
    first = api.post("/v1/allocations", json={"sku": "h200-sxm-slice"}, headers=key)

    fixed = api.post(
        "/v1/allocations", json={"sku": "h200-sxm-slice", "gpus_total": 1}, headers=key
    )

    assert first.status_code == 422
    assert fixed.status_code == 201 and "Idempotent-Replayed" not in fixed.headers
