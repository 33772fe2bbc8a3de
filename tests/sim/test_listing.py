"""Listing allocations: newest first, a status filter, and opaque cursors."""

from __future__ import annotations

import pytest

from gpuaas_sim import Simulator

from .conftest import Api, error_of


def ids(page: dict) -> list[str]:
    return [item["id"] for item in page["items"]]


def test_allocations_are_listed_newest_first(api: Api) -> None:
    created = [api.create().json()["id"] for _ in range(3)]

    page = api.get("/v1/allocations").json()

    assert ids(page) == created[::-1]
    assert page["next_cursor"] is None


def test_default_page_is_fifty(api: Api) -> None:
    for _ in range(51):
        assert api.create().status_code == 201

    first = api.get("/v1/allocations").json()
    rest = api.get("/v1/allocations", params={"cursor": first["next_cursor"]}).json()

    assert len(first["items"]) == 50
    assert len(rest["items"]) == 1
    assert rest["next_cursor"] is None


def test_cursor_pages_cover_every_allocation_once(api: Api) -> None:
    created = [api.create().json()["id"] for _ in range(5)]
    seen: list[str] = []
    params: dict[str, str | int] = {"limit": 2}
    while True:
        page = api.get("/v1/allocations", params=params).json()
        assert len(page["items"]) <= 2
        seen += ids(page)
        if page["next_cursor"] is None:
            break
        params = {"limit": 2, "cursor": page["next_cursor"]}

    assert seen == created[::-1]


def test_cursor_survives_new_allocations(api: Api) -> None:
    older = [api.create().json()["id"] for _ in range(3)]
    first = api.get("/v1/allocations", params={"limit": 2}).json()
    api.create()

    rest = api.get("/v1/allocations", params={"limit": 2, "cursor": first["next_cursor"]}).json()

    assert ids(rest) == [older[0]]


def test_status_filter(api: Api, sim: Simulator) -> None:
    old = api.create().json()["id"]
    sim.clock.advance(3)
    new = api.create().json()["id"]

    assert ids(api.get("/v1/allocations", params={"status": "active"}).json()) == [old]
    assert ids(api.get("/v1/allocations", params={"status": "pending"}).json()) == [new]
    assert ids(api.get("/v1/allocations", params={"status": "failed"}).json()) == []


@pytest.mark.parametrize(
    "params",
    [
        {"limit": "0"},
        {"limit": "201"},
        {"limit": "ten"},
        {"limit": "-1"},
        {"status": "exploded"},
        {"cursor": "not-a-cursor"},
        {"cursor": ""},
        {"limit": ["1", "2"]},
    ],
)
def test_bad_query_parameters_are_invalid_requests(api: Api, params: dict) -> None:
    response = api.get("/v1/allocations", params=params)

    assert response.status_code == 400
    error = error_of(response)
    assert error["code"] == "invalid_request"
    assert error["details"]["parameter"] in params


def test_a_cursor_only_works_for_its_own_listing(api: Api) -> None:
    cursor = api.get("/v1/catalog/skus", params={"limit": 1}).json()["next_cursor"]

    response = api.get("/v1/allocations", params={"cursor": cursor})

    assert response.status_code == 400
    assert error_of(response)["details"]["parameter"] == "cursor"
